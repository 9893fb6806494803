using System.Numerics;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>The GEMM over raw pointers for float or double, so convolution tiles can call it from worker threads.</summary>
internal static unsafe class GemmPointers
{
    /// <summary>C = alpha·op(A)·op(B) + beta·C (row-major; see <see cref="Gemm.Sgemm"/>), then bias per column and ReLU if given.</summary>
    public static void Run<T>(bool ta, bool tb, int m, int n, int k, T* a, int lda, T* b, int ldb, T beta, T* c, int ldc,
        T* bias = null, bool relu = false) where T : unmanaged, INumber<T>
    {
        long aLen = Extent(ta ? k : m, ta ? m : k, lda), bLen = Extent(tb ? n : k, tb ? k : n, ldb), cLen = Extent(m, n, ldc);
        if (typeof(T) == typeof(float))
        {
            var fa = new ReadOnlySpan<float>(a, (int)aLen);
            var fb = new ReadOnlySpan<float>(b, (int)bLen);
            var fc = new Span<float>(c, (int)cLen);
            if (beta == T.Zero && (bias != null || relu))
                Gemm.SgemmBiasAct(ta, tb, m, n, k, fa, lda, fb, ldb, bias == null ? default : new ReadOnlySpan<float>(bias, n), relu, fc, ldc);
            else
                Gemm.Sgemm(ta, tb, m, n, k, 1f, fa, lda, fb, ldb, float.CreateTruncating(beta), fc, ldc);
            return;
        }
        Gemm.Dgemm(ta, tb, m, n, k, 1.0, new ReadOnlySpan<double>(a, (int)aLen), lda, new ReadOnlySpan<double>(b, (int)bLen), ldb,
            double.CreateTruncating(beta), new Span<double>(c, (int)cLen), ldc);
        if (bias != null || relu) BiasRelu(c, m, n, ldc, bias, relu);
    }

    // The float path fuses this into the GEMM; double applies it after.
    private static void BiasRelu<T>(T* c, int m, int n, int ldc, T* bias, bool relu) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < m; i++)
        {
            var row = new Span<T>(c + (long)i * ldc, n);
            if (bias != null) System.Numerics.Tensors.TensorPrimitives.Add(row, new ReadOnlySpan<T>(bias, n), row);
            if (relu) System.Numerics.Tensors.TensorPrimitives.Max(row, T.Zero, row);
        }
    }

    private static long Extent(int rows, int cols, int ld) => rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
}
