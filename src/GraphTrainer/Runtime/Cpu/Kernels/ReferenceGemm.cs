using System.Numerics;
using System.Numerics.Tensors;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// A straightforward row-major GEMM (C = op(A)·op(B)), vectorized along rows of B. It is the reference
/// the optimized GEMM is tested against and the path for dtypes the optimized GEMM does not cover.
/// </summary>
public static class ReferenceGemm
{
    /// <summary>c (m×n) = op(a) (m×k) · op(b) (k×n); a is m×k (or k×m if transposed), b is k×n (or n×k).</summary>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c)
        where T : INumber<T>
    {
        c[..(m * n)].Clear();
        if (transB)
        {
            // Rows of b are columns of op(b): each output is a dot product.
            Span<T> aRow = k <= 4096 ? new T[k] : new T[k];
            for (int i = 0; i < m; i++)
            {
                RowOfA(transA, a, i, m, k, aRow);
                for (int j = 0; j < n; j++) c[i * n + j] = TensorPrimitives.Dot<T>(aRow, b.Slice(j * k, k));
            }
            return;
        }
        for (int i = 0; i < m; i++)
        {
            var cRow = c.Slice(i * n, n);
            for (int p = 0; p < k; p++)
            {
                T aip = transA ? a[p * m + i] : a[i * k + p];
                if (aip == T.Zero) continue;
                TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), aip, cRow, cRow);
            }
        }
    }

    private static void RowOfA<T>(bool transA, ReadOnlySpan<T> a, int i, int m, int k, Span<T> row)
    {
        if (!transA) { a.Slice(i * k, k).CopyTo(row); return; }
        for (int p = 0; p < k; p++) row[p] = a[p * m + i];
    }
}
