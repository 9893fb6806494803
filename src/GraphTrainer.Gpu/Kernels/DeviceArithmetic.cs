namespace GraphTrainer.Gpu;

/// <summary>
/// The arithmetic a generic ILGPU kernel needs, as instance methods of a struct (ILGPU resolves
/// <c>default(TMath).Add(...)</c> at compile time, so one kernel body serves float32 and float64).
/// </summary>
internal interface IDeviceArithmetic<T> where T : unmanaged
{
    /// <summary>0.</summary>
    T Zero { get; }
    /// <summary>a + b.</summary>
    T Add(T a, T b);
    /// <summary>a · b.</summary>
    T Mul(T a, T b);
    /// <summary>a · b + c (the backend may fuse it).</summary>
    T MulAdd(T a, T b, T c);
    /// <summary>The larger of a and b, NaN when either is NaN (as <c>TensorPrimitives.Max</c>).</summary>
    T Max(T a, T b);
    /// <summary>a == b.</summary>
    bool Equal(T a, T b);
    /// <summary>1 / count, computed in T (as the CPU kernels' <c>T.One / T.CreateTruncating(count)</c>).</summary>
    T Reciprocal(int count);
}

/// <summary>float32 arithmetic for generic kernels.</summary>
internal readonly struct Float32Arithmetic : IDeviceArithmetic<float>
{
    public float Zero => 0f;
    public float Add(float a, float b) => a + b;
    public float Mul(float a, float b) => a * b;
    public float MulAdd(float a, float b, float c) => a * b + c;
    public float Max(float a, float b) => float.IsNaN(a) ? a : float.IsNaN(b) ? b : a >= b ? a : b;
    public bool Equal(float a, float b) => a == b;
    public float Reciprocal(int count) => 1f / count;
}

/// <summary>float64 arithmetic for generic kernels.</summary>
internal readonly struct Float64Arithmetic : IDeviceArithmetic<double>
{
    public double Zero => 0.0;
    public double Add(double a, double b) => a + b;
    public double Mul(double a, double b) => a * b;
    public double MulAdd(double a, double b, double c) => a * b + c;
    public double Max(double a, double b) => double.IsNaN(a) ? a : double.IsNaN(b) ? b : a >= b ? a : b;
    public bool Equal(double a, double b) => a == b;
    public double Reciprocal(int count) => 1.0 / count;
}
