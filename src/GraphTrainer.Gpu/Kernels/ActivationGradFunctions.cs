using ILGPU.Algorithms;

namespace GraphTrainer.Gpu;

// The activation-gradient ops, with TensorFlow's operand order and the CPU kernels' formulas and evaluation order.

/// <summary>ReluGrad(gradients, features) = features &gt; 0 ? gradients : 0.</summary>
internal readonly struct ReluGradFn : IGpuBinary<float, float>, IGpuBinary<double, double>
{
    public float Apply(float g, float f) => f > 0f ? g : 0f;
    public double Apply(double g, double f) => f > 0.0 ? g : 0.0;
}

/// <summary>SigmoidGrad(y, dy) = (dy · y) · (1 − y).</summary>
internal readonly struct SigmoidGradFn : IGpuBinary<float, float>, IGpuBinary<double, double>
{
    public float Apply(float y, float dy) => dy * y * (1f - y);
    public double Apply(double y, double dy) => dy * y * (1.0 - y);
}

/// <summary>TanhGrad(y, dy) = dy · (1 − y²).</summary>
internal readonly struct TanhGradFn : IGpuBinary<float, float>, IGpuBinary<double, double>
{
    public float Apply(float y, float dy) => dy * (1f - y * y);
    public double Apply(double y, double dy) => dy * (1.0 - y * y);
}

/// <summary>EluGrad(gradients, outputs) = outputs &gt; 0 ? gradients : gradients · (outputs + 1).</summary>
internal readonly struct EluGradFn : IGpuBinary<float, float>, IGpuBinary<double, double>
{
    public float Apply(float g, float y) => y > 0f ? g : g * (y + 1f);
    public double Apply(double g, double y) => y > 0.0 ? g : g * (y + 1.0);
}

/// <summary>LeakyReluGrad(gradients, features) = features &gt; 0 ? gradients : alpha · gradients.</summary>
internal readonly struct LeakyReluGradFn : IGpuBinary<float, float>, IGpuBinary<double, double>
{
    private readonly float _alpha32;
    private readonly double _alpha64;

    public LeakyReluGradFn(float alpha) { _alpha32 = alpha; _alpha64 = alpha; }

    public float Apply(float g, float x) => x > 0f ? g : _alpha32 * g;
    public double Apply(double g, double x) => x > 0.0 ? g : _alpha64 * g;
}

/// <summary>SoftplusGrad(gradients, features) = gradients / (1 + e^−features).</summary>
internal readonly struct SoftplusGradFn : IGpuBinary<float, float>, IGpuBinary<double, double>
{
    public float Apply(float g, float x) => g / (1f + GpuMath.Exp(-x));
    public double Apply(double g, double x) => g / (1.0 + GpuMath.Exp(-x));
}
