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
        ReferenceGemm.Multiply(transA, transB, m, n, k, a, b, c);
    }
}
