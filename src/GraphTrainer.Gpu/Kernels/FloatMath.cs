using ILGPU.Algorithms;

namespace GraphTrainer.Gpu;

/// <summary>
/// Float arithmetic for kernels written once for float32 and float64: ILGPU specializes a kernel per implementing
/// struct. Transcendentals are ILGPU.Algorithms' XMath. For float32, XMath's PTX lowering is the hardware's
/// approximations (ex2.approx, lg2.approx: tens of ulp off for large arguments, and log near 1 loses its relative
/// accuracy), so float32 exp and log are computed in float64 (XMath's software functions) and rounded once: within an
/// ulp of the CPU's MathF results, as the agreement budgets assume. Sqrt is IEEE (sqrt.rn) either way.
/// </summary>
internal interface IFloat<T> where T : unmanaged
{
    T Zero { get; }
    T One { get; }
    T Add(T a, T b);
    T Sub(T a, T b);
    T Neg(T a);
    T Mul(T a, T b);
    T Div(T a, T b);
    T Exp(T a);
    T Log(T a);
    T Sqrt(T a);
    T FromInt(int n);
}

internal struct F32 : IFloat<float>
{
    public float Zero => 0f;
    public float One => 1f;
    public float Add(float a, float b) => a + b;
    public float Sub(float a, float b) => a - b;
    public float Neg(float a) => -a;
    public float Mul(float a, float b) => a * b;
    public float Div(float a, float b) => a / b;
    public float Exp(float a) => (float)XMath.Exp((double)a);
    public float Log(float a) => (float)XMath.Log((double)a);
    public float Sqrt(float a) => XMath.Sqrt(a);
    public float FromInt(int n) => n;
}

internal struct F64 : IFloat<double>
{
    public double Zero => 0.0;
    public double One => 1.0;
    public double Add(double a, double b) => a + b;
    public double Sub(double a, double b) => a - b;
    public double Neg(double a) => -a;
    public double Mul(double a, double b) => a * b;
    public double Div(double a, double b) => a / b;
    public double Exp(double a) => XMath.Exp(a);
    public double Log(double a) => XMath.Log(a);
    public double Sqrt(double a) => XMath.Sqrt(a);
    public double FromInt(int n) => n;
}
