namespace GraphTrainer.Gpu;

/// <summary>
/// How a reduction combines elements, as the CPU kernels do (ReductionOps, MoreReductionOps): an identity, an
/// associative combine, and a finish step applied to each output (Mean divides by the count). Implemented by empty
/// structs, so ILGPU specializes each kernel per reducer and dtype.
/// </summary>
internal interface IReducer<T> where T : unmanaged
{
    /// <summary>The value of a reduction over no elements, before <see cref="Finish"/>.</summary>
    T Identity { get; }
    /// <summary>Combines a partial result with the next (<paramref name="b"/> follows <paramref name="a"/>).</summary>
    T Combine(T a, T b);
    /// <summary>The output from the combined value of <paramref name="count"/> elements.</summary>
    T Finish(T value, int count);
}

// Sum (and Mean, which divides at the end; an integer mean of nothing stays 0 as on the CPU, a float one is 0/0 = NaN).
internal struct SumF32 : IReducer<float> { public float Identity => 0f; public float Combine(float a, float b) => a + b; public float Finish(float v, int n) => v; }
internal struct SumF64 : IReducer<double> { public double Identity => 0.0; public double Combine(double a, double b) => a + b; public double Finish(double v, int n) => v; }
internal struct SumI32 : IReducer<int> { public int Identity => 0; public int Combine(int a, int b) => a + b; public int Finish(int v, int n) => v; }
internal struct SumI64 : IReducer<long> { public long Identity => 0; public long Combine(long a, long b) => a + b; public long Finish(long v, int n) => v; }
internal struct MeanF32 : IReducer<float> { public float Identity => 0f; public float Combine(float a, float b) => a + b; public float Finish(float v, int n) => v / n; }
internal struct MeanF64 : IReducer<double> { public double Identity => 0.0; public double Combine(double a, double b) => a + b; public double Finish(double v, int n) => v / n; }
internal struct MeanI32 : IReducer<int> { public int Identity => 0; public int Combine(int a, int b) => a + b; public int Finish(int v, int n) => n == 0 ? v : v / n; }
internal struct MeanI64 : IReducer<long> { public long Identity => 0; public long Combine(long a, long b) => a + b; public long Finish(long v, int n) => n == 0 ? v : v / n; }

// Max and Min keep a NaN once seen (the CPU's "IsNaN(a) || a > b ? a : b"), and otherwise the later of equal values.
internal struct MaxF32 : IReducer<float> { public float Identity => float.NegativeInfinity; public float Combine(float a, float b) => float.IsNaN(a) || a > b ? a : b; public float Finish(float v, int n) => v; }
internal struct MaxF64 : IReducer<double> { public double Identity => double.NegativeInfinity; public double Combine(double a, double b) => double.IsNaN(a) || a > b ? a : b; public double Finish(double v, int n) => v; }
internal struct MaxI32 : IReducer<int> { public int Identity => int.MinValue; public int Combine(int a, int b) => a > b ? a : b; public int Finish(int v, int n) => v; }
internal struct MaxI64 : IReducer<long> { public long Identity => long.MinValue; public long Combine(long a, long b) => a > b ? a : b; public long Finish(long v, int n) => v; }
internal struct MinF32 : IReducer<float> { public float Identity => float.PositiveInfinity; public float Combine(float a, float b) => float.IsNaN(a) || a < b ? a : b; public float Finish(float v, int n) => v; }
internal struct MinF64 : IReducer<double> { public double Identity => double.PositiveInfinity; public double Combine(double a, double b) => double.IsNaN(a) || a < b ? a : b; public double Finish(double v, int n) => v; }
internal struct MinI32 : IReducer<int> { public int Identity => int.MaxValue; public int Combine(int a, int b) => a < b ? a : b; public int Finish(int v, int n) => v; }
internal struct MinI64 : IReducer<long> { public long Identity => long.MaxValue; public long Combine(long a, long b) => a < b ? a : b; public long Finish(long v, int n) => v; }

internal struct ProdF32 : IReducer<float> { public float Identity => 1f; public float Combine(float a, float b) => a * b; public float Finish(float v, int n) => v; }
internal struct ProdF64 : IReducer<double> { public double Identity => 1.0; public double Combine(double a, double b) => a * b; public double Finish(double v, int n) => v; }
internal struct ProdI32 : IReducer<int> { public int Identity => 1; public int Combine(int a, int b) => a * b; public int Finish(int v, int n) => v; }
internal struct ProdI64 : IReducer<long> { public long Identity => 1; public long Combine(long a, long b) => a * b; public long Finish(long v, int n) => v; }

// L2Loss: Σ x² / 2 (the squares are taken as the elements are read; see IElementMap).
internal struct HalfSumF32 : IReducer<float> { public float Identity => 0f; public float Combine(float a, float b) => a + b; public float Finish(float v, int n) => v / 2f; }
internal struct HalfSumF64 : IReducer<double> { public double Identity => 0.0; public double Combine(double a, double b) => a + b; public double Finish(double v, int n) => v / 2.0; }

/// <summary>What a reduction applies to each element as it reads it (identity, or the square for L2Loss).</summary>
internal interface IElementMap<T> where T : unmanaged
{
    /// <summary>The mapped element.</summary>
    T Map(T x);
}

internal struct Same<T> : IElementMap<T> where T : unmanaged { public T Map(T x) => x; }
internal struct SquareF32 : IElementMap<float> { public float Map(float x) => x * x; }
internal struct SquareF64 : IElementMap<double> { public double Map(double x) => x * x; }
