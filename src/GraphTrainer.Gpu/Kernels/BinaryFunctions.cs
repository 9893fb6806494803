using ILGPU.Algorithms;

namespace GraphTrainer.Gpu;

// Binary arithmetic as the CPU kernels compute it (TensorPrimitives / Math), one struct per op with an Apply overload
// per dtype the CPU registers. Single IEEE operations round identically on both devices, so these agree exactly.

/// <summary>x + y.</summary>
internal readonly struct AddFn : IGpuBinary<float, float>, IGpuBinary<double, double>, IGpuBinary<int, int>, IGpuBinary<long, long>
{
    public float Apply(float x, float y) => x + y;
    public double Apply(double x, double y) => x + y;
    public int Apply(int x, int y) => x + y;
    public long Apply(long x, long y) => x + y;
}

/// <summary>x − y.</summary>
internal readonly struct SubFn : IGpuBinary<float, float>, IGpuBinary<double, double>, IGpuBinary<int, int>, IGpuBinary<long, long>
{
    public float Apply(float x, float y) => x - y;
    public double Apply(double x, double y) => x - y;
    public int Apply(int x, int y) => x - y;
    public long Apply(long x, long y) => x - y;
}

/// <summary>x · y.</summary>
internal readonly struct MulFn : IGpuBinary<float, float>, IGpuBinary<double, double>, IGpuBinary<int, int>, IGpuBinary<long, long>
{
    public float Apply(float x, float y) => x * y;
    public double Apply(double x, double y) => x * y;
    public int Apply(int x, int y) => x * y;
    public long Apply(long x, long y) => x * y;
}

/// <summary>x / y (RealDiv: IEEE division, so x/0 is ±inf and 0/0 NaN).</summary>
internal readonly struct RealDivFn : IGpuBinary<float, float>, IGpuBinary<double, double>
{
    public float Apply(float x, float y) => x / y;
    public double Apply(double x, double y) => x / y;
}

/// <summary>(x − y)², the difference rounded before squaring as the CPU kernel does.</summary>
internal readonly struct SquaredDifferenceFn : IGpuBinary<float, float>, IGpuBinary<double, double>
{
    public float Apply(float x, float y) { float d = x - y; return d * d; }
    public double Apply(double x, double y) { double d = x - y; return d * d; }
}

/// <summary>
/// max(x, y) as TensorPrimitives.Max (IEEE 754-2019 maximum): NaN if either is NaN, and +0 above −0. Written out
/// because a GPU's max instruction returns the non-NaN operand.
/// </summary>
internal readonly struct MaximumFn : IGpuBinary<float, float>, IGpuBinary<double, double>
{
    // For equal operands only the zeros differ: +0 + −0 is +0, −0 + −0 is −0.
    public float Apply(float x, float y) => XMath.IsNaN(x) ? x : XMath.IsNaN(y) ? y : x > y ? x : y > x ? y : x == 0f ? x + y : x;
    public double Apply(double x, double y) => XMath.IsNaN(x) ? x : XMath.IsNaN(y) ? y : x > y ? x : y > x ? y : x == 0.0 ? x + y : x;
}

/// <summary>min(x, y) as TensorPrimitives.Min: NaN if either is NaN, and −0 below +0.</summary>
internal readonly struct MinimumFn : IGpuBinary<float, float>, IGpuBinary<double, double>
{
    // −((−x) + (−y)) is −0 unless both zeros are +0.
    public float Apply(float x, float y) => XMath.IsNaN(x) ? x : XMath.IsNaN(y) ? y : x < y ? x : y < x ? y : x == 0f ? -(-x + -y) : x;
    public double Apply(double x, double y) => XMath.IsNaN(x) ? x : XMath.IsNaN(y) ? y : x < y ? x : y < x ? y : x == 0.0 ? -(-x + -y) : x;
}

/// <summary>x^y (MathF.Pow / Math.Pow semantics for the special values).</summary>
internal readonly struct PowFn : IGpuBinary<float, float>, IGpuBinary<double, double>
{
    public float Apply(float x, float y) => (float)DeviceMath.Pow(x, y);
    public double Apply(double x, double y) => DeviceMath.Pow(x, y);
}
