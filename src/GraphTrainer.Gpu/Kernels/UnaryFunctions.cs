using ILGPU.Algorithms;

namespace GraphTrainer.Gpu;

// Element-wise math written as the CPU kernels compute it (same formulas, same special values). Transcendentals come
// from DeviceMath (the same C# on the GPU and the CPU accelerator), within a few ULP of .NET's; arithmetic, rounding and
// selects are single IEEE operations and agree exactly.

/// <summary>−x (integers wrap, as TensorPrimitives.Negate).</summary>
internal readonly struct NegFn : IGpuUnary<float, float>, IGpuUnary<double, double>, IGpuUnary<int, int>, IGpuUnary<long, long>
{
    public float Apply(float x) => -x;
    public double Apply(double x) => -x;
    public int Apply(int x) => -x;
    public long Apply(long x) => -x;
}

/// <summary>|x|.</summary>
internal readonly struct AbsFn : IGpuUnary<float, float>, IGpuUnary<double, double>, IGpuUnary<int, int>, IGpuUnary<long, long>
{
    public float Apply(float x) => XMath.Abs(x);
    public double Apply(double x) => XMath.Abs(x);
    public int Apply(int x) => x < 0 ? -x : x;
    public long Apply(long x) => x < 0 ? -x : x;
}

/// <summary>sign(x): −1, 0 or 1; NaN stays NaN and both zeros give +0 (Math.Sign returns the integer 0).</summary>
internal readonly struct SignFn : IGpuUnary<float, float>, IGpuUnary<double, double>, IGpuUnary<int, int>, IGpuUnary<long, long>
{
    public float Apply(float x) => x > 0f ? 1f : x < 0f ? -1f : XMath.IsNaN(x) ? x : 0f;
    public double Apply(double x) => x > 0.0 ? 1.0 : x < 0.0 ? -1.0 : XMath.IsNaN(x) ? x : 0.0;
    public int Apply(int x) => x > 0 ? 1 : x < 0 ? -1 : 0;
    public long Apply(long x) => x > 0 ? 1L : x < 0 ? -1L : 0L;
}

/// <summary>x².</summary>
internal readonly struct SquareFn : IGpuUnary<float, float>, IGpuUnary<double, double>
{
    public float Apply(float x) => x * x;
    public double Apply(double x) => x * x;
}

/// <summary>√x.</summary>
internal readonly struct SqrtFn : IGpuUnary<float, float>, IGpuUnary<double, double>
{
    public float Apply(float x) => XMath.Sqrt(x);
    public double Apply(double x) => XMath.Sqrt(x);
}

/// <summary>1/√x, divided rather than estimated, as TensorPrimitives.ReciprocalSqrt.</summary>
internal readonly struct RsqrtFn : IGpuUnary<float, float>, IGpuUnary<double, double>
{
    public float Apply(float x) => 1f / XMath.Sqrt(x);
    public double Apply(double x) => 1.0 / XMath.Sqrt(x);
}

/// <summary>1/x.</summary>
internal readonly struct ReciprocalFn : IGpuUnary<float, float>, IGpuUnary<double, double>
{
    public float Apply(float x) => 1f / x;
    public double Apply(double x) => 1.0 / x;
}

/// <summary>e^x.</summary>
internal readonly struct ExpFn : IGpuUnary<float, float>, IGpuUnary<double, double>
{
    public float Apply(float x) => (float)DeviceMath.Exp(x);
    public double Apply(double x) => DeviceMath.Exp(x);
}

/// <summary>ln x.</summary>
internal readonly struct LogFn : IGpuUnary<float, float>, IGpuUnary<double, double>
{
    public float Apply(float x) => (float)DeviceMath.Log(x);
    public double Apply(double x) => DeviceMath.Log(x);
}

/// <summary>ln(1 + x), accurate for tiny x by the CPU kernel's method (Goldberg's).</summary>
internal readonly struct Log1pFn : IGpuUnary<float, float>, IGpuUnary<double, double>
{
    public float Apply(float x) => GpuMath.Log1p(x);
    public double Apply(double x) => GpuMath.Log1p(x);
}

/// <summary>⌊x⌋.</summary>
internal readonly struct FloorFn : IGpuUnary<float, float>, IGpuUnary<double, double>
{
    public float Apply(float x) => (float)DeviceMath.Floor(x);
    public double Apply(double x) => DeviceMath.Floor(x);
}

/// <summary>⌈x⌉.</summary>
internal readonly struct CeilFn : IGpuUnary<float, float>, IGpuUnary<double, double>
{
    public float Apply(float x) => (float)DeviceMath.Ceiling(x);
    public double Apply(double x) => DeviceMath.Ceiling(x);
}

/// <summary>x rounded half to even (TensorFlow's Round, banker's rounding).</summary>
internal readonly struct RoundFn : IGpuUnary<float, float>, IGpuUnary<double, double>
{
    public float Apply(float x) => (float)DeviceMath.RoundToEven(x);
    public double Apply(double x) => DeviceMath.RoundToEven(x);
}

/// <summary>1 / (1 + e^−x), as TensorPrimitives.Sigmoid.</summary>
internal readonly struct SigmoidFn : IGpuUnary<float, float>, IGpuUnary<double, double>
{
    public float Apply(float x) => 1f / (1f + GpuMath.Exp(-x));
    public double Apply(double x) => 1.0 / (1.0 + GpuMath.Exp(-x));
}

/// <summary>tanh x.</summary>
internal readonly struct TanhFn : IGpuUnary<float, float>, IGpuUnary<double, double>
{
    public float Apply(float x) => (float)DeviceMath.Tanh(x);
    public double Apply(double x) => DeviceMath.Tanh(x);
}

/// <summary>max(x, 0) as TensorPrimitives.Max: NaN stays NaN, −0 becomes +0.</summary>
internal readonly struct ReluFn : IGpuUnary<float, float>, IGpuUnary<double, double>
{
    public float Apply(float x) => x > 0f ? x : XMath.IsNaN(x) ? x : 0f;
    public double Apply(double x) => x > 0.0 ? x : XMath.IsNaN(x) ? x : 0.0;
}

/// <summary>x for x &gt; 0, e^x − 1 otherwise (.NET's ExpM1 is Exp(x) − 1).</summary>
internal readonly struct EluFn : IGpuUnary<float, float>, IGpuUnary<double, double>
{
    public float Apply(float x) => x > 0f ? x : GpuMath.Exp(x) - 1f;
    public double Apply(double x) => x > 0.0 ? x : GpuMath.Exp(x) - 1.0;
}

/// <summary>x for x &gt; 0, alpha · x otherwise; alpha is the node's float attr (widened for float64, as the CPU does).</summary>
internal readonly struct LeakyReluFn : IGpuUnary<float, float>, IGpuUnary<double, double>
{
    private readonly float _alpha32;
    private readonly double _alpha64;

    public LeakyReluFn(float alpha) { _alpha32 = alpha; _alpha64 = alpha; }

    public float Apply(float x) => x > 0f ? x : _alpha32 * x;
    public double Apply(double x) => x > 0.0 ? x : _alpha64 * x;
}

/// <summary>log(1 + e^x), stable for large |x|: x + log1p(e^−x) for x &gt; 0, log1p(e^x) otherwise.</summary>
internal readonly struct SoftplusFn : IGpuUnary<float, float>, IGpuUnary<double, double>
{
    public float Apply(float x) => x > 0f ? x + GpuMath.Log1p(GpuMath.Exp(-x)) : GpuMath.Log1p(GpuMath.Exp(x));
    public double Apply(double x) => x > 0.0 ? x + GpuMath.Log1p(GpuMath.Exp(-x)) : GpuMath.Log1p(GpuMath.Exp(x));
}

/// <summary>Scalar helpers shared by the element-wise functions.</summary>
internal static class GpuMath
{
    /// <summary>e^x in float32: DeviceMath's float64 result rounded once.</summary>
    public static float Exp(float x) => (float)DeviceMath.Exp(x);

    /// <summary>e^x.</summary>
    public static double Exp(double x) => DeviceMath.Exp(x);

    /// <summary>ln x in float32: DeviceMath's float64 result rounded once.</summary>
    public static float Log(float x) => (float)DeviceMath.Log(x);

    /// <summary>ln x.</summary>
    public static double Log(double x) => DeviceMath.Log(x);

    /// <summary>log(1 + x): with u = 1 + x rounded, log(u)·x / (u − 1) cancels the rounding error (as the CPU kernel).</summary>
    public static float Log1p(float x)
    {
        float u = 1f + x;
        if (u == 1f) return x;
        return XMath.IsInfinity(u) ? GpuMath.Log(u) : GpuMath.Log(u) * x / (u - 1f);
    }

    /// <summary>log(1 + x) in float64.</summary>
    public static double Log1p(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0) return x;
        return XMath.IsInfinity(u) ? GpuMath.Log(u) : GpuMath.Log(u) * x / (u - 1.0);
    }
}
