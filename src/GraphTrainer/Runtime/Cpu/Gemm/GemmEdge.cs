using System.Numerics;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// Edge tiles for kernels without masked stores: compute the full (zero-padded) tile into a scratch tile,
/// then merge only the in-range part into C with the epilogue applied element by element.
/// </summary>
internal static unsafe class GemmEdge
{
    /// <summary>Implements <see cref="IMicroKernel{T}.RunEdge"/> through a stack tile.</summary>
    public static void ViaTile<T, TK>(int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, T beta, T* bias, bool relu, int mr, int nr)
        where T : unmanaged, INumber<T> where TK : struct, IMicroKernel<T>
    {
        int ldt = TK.NR;
        T* tile = stackalloc T[TK.MR * TK.NR];
        TK.Run(kc, a, lda, b, ldb, tile, ldt, T.Zero, null, false);
        bool hasBeta = beta != T.Zero;
        for (int i = 0; i < mr; i++, tile += ldt, c += ldc)
        {
            for (int j = 0; j < nr; j++)
            {
                T v = tile[j];
                if (hasBeta) v += beta * c[j];
                if (bias != null) v += bias[j];
                if (relu && v < T.Zero) v = T.Zero; // NaN stays NaN, as in the vector kernels
                c[j] = v;
            }
        }
    }
}
