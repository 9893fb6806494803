using ILGPU.Algorithms;

namespace GraphTrainer.Gpu;

/// <summary>
/// Float arithmetic for kernels written once for float32 and float64: ILGPU specializes a kernel per implementing
/// struct. Exp and log are <see cref="DeviceMath"/>'s plain-arithmetic float64 functions (float32 rounds their result
/// once), because ILGPU.Algorithms' PTX lowering of XMath is the hardware approximations for float32 and routines
/// hundreds of ulp off for float64; the CPU accelerator runs the same code, so the emulated tests prove the device's
/// math. Sqrt is IEEE (sqrt.rn) either way.
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
    public float Exp(float a) => (float)DeviceMath.Exp(a);
    public float Log(float a) => (float)DeviceMath.Log(a);
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
    public double Exp(double a) => DeviceMath.Exp(a);
    public double Log(double a) => DeviceMath.Log(a);
    public double Sqrt(double a) => XMath.Sqrt(a);
    public double FromInt(int n) => n;
}
