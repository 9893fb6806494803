using System.Numerics;
using System.Runtime.CompilerServices;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>Routes a dense row-major product to the best GEMM available for its element type.</summary>
public static class MatMulDispatch
{
    /// <summary>c (m×n) = op(a) · op(b), row-major, packed (leading dimension = width).</summary>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c)
        where T : INumber<T>
    {
        if (m == 0 || n == 0) return;
        if (k == 0) { c[..(m * n)].Clear(); return; }
        var (lda, ldb) = LeadingDimensions(transA, transB, m, n, k);
        if (typeof(T) == typeof(float))
            Gemm.Sgemm(transA, transB, m, n, k, 1f, Cast<T, float>(a), lda, Cast<T, float>(b), ldb, 0f, CastMutable<T, float>(c), n);
        else if (typeof(T) == typeof(double))
            Gemm.Dgemm(transA, transB, m, n, k, 1.0, Cast<T, double>(a), lda, Cast<T, double>(b), ldb, 0.0, CastMutable<T, double>(c), n);
        else
            ReferenceGemm.Multiply(transA, transB, m, n, k, a, b, c);
    }

    /// <summary>Row strides of dense row-major op inputs: A is stored k×m when transposed (m×k otherwise), B n×k (k×n).</summary>
    public static (int Lda, int Ldb) LeadingDimensions(bool transA, bool transB, int m, int n, int k) => (transA ? m : k, transB ? k : n);

    // The typeof checks above make these reinterpretations identity casts.
    private static ReadOnlySpan<TTo> Cast<TFrom, TTo>(ReadOnlySpan<TFrom> s) =>
        System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<TFrom, TTo>(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(s)), s.Length);

    private static Span<TTo> CastMutable<TFrom, TTo>(Span<TFrom> s) =>
        System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref Unsafe.As<TFrom, TTo>(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(s)), s.Length);
}
