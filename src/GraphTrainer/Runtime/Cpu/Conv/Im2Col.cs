using System.Numerics;
using System.Numerics.Tensors;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// The im2col view of one NHWC image: row p is output position (oh, ow), its K = KH·KW·C columns the input values under
/// the window in (kh, kw, c) order — the filter's [KH, KW, C, OC] layout flattened to [K, OC] — with zeros for padding.
/// Rows are built in tiles that stay in cache, never for a whole batch.
/// </summary>
internal static unsafe partial class Im2Col
{
    /// <summary>Writes rows [p0, p0 + rows) of <paramref name="image"/>'s im2col matrix to <paramref name="col"/> (rows × K).</summary>
    public static void Fill<T>(in ConvGeometry g, T* image, int p0, int rows, T* col) where T : unmanaged
    {
        int c = g.C, span = g.KW * c;
        for (int i = 0; i < rows; i++)
        {
            int p = p0 + i, oh = p / g.OW, ow = p - oh * g.OW;
            int ih0 = oh * g.SH - g.PadTop, iw0 = ow * g.SW - g.PadLeft;
            T* dst = col + (long)i * g.K;
            bool rowInside = g.DW == 1 && iw0 >= 0 && iw0 + g.KW <= g.W;
            for (int kh = 0; kh < g.KH; kh++, dst += span)
            {
                int ih = ih0 + kh * g.DH;
                if ((uint)ih >= (uint)g.H)
                {
                    Clear(dst, span);
                    continue;
                }
                T* src = image + (long)ih * g.W * c;
                if (rowInside)
                {
                    Copy(src + iw0 * c, dst, span);
                    continue;
                }
                for (int kw = 0; kw < g.KW; kw++)
                {
                    int iw = iw0 + kw * g.DW;
                    if ((uint)iw >= (uint)g.W) Clear(dst + kw * c, c);
                    else Copy(src + iw * c, dst + kw * c, c);
                }
            }
        }
    }

    // Single-channel images copy a few values per window row: a plain loop beats the call into a bulk copy there.
    private static void Copy<T>(T* src, T* dst, int n) where T : unmanaged
    {
        if (n >= 16) new ReadOnlySpan<T>(src, n).CopyTo(new Span<T>(dst, n));
        else for (int i = 0; i < n; i++) dst[i] = src[i];
    }

    private static void AddTo<T>(T* src, T* dst, int n) where T : unmanaged, INumber<T>
    {
        if (n >= 16)
        {
            var d = new Span<T>(dst, n);
            TensorPrimitives.Add(d, new ReadOnlySpan<T>(src, n), d);
        }
        else for (int i = 0; i < n; i++) dst[i] += src[i];
    }

    private static void Clear<T>(T* dst, int n) where T : unmanaged
    {
        if (n >= 16) new Span<T>(dst, n).Clear();
        else for (int i = 0; i < n; i++) dst[i] = default;
    }

    /// <summary>The adjoint of <see cref="Fill"/>: adds rows [p0, p0 + rows) of <paramref name="col"/> into the image gradient (padding dropped).</summary>
    public static void Accumulate<T>(in ConvGeometry g, T* col, int p0, int rows, T* image) where T : unmanaged, INumber<T>
    {
        int c = g.C, span = g.KW * c;
        for (int i = 0; i < rows; i++)
        {
            int p = p0 + i, oh = p / g.OW, ow = p - oh * g.OW;
            int ih0 = oh * g.SH - g.PadTop, iw0 = ow * g.SW - g.PadLeft;
            T* src = col + (long)i * g.K;
            bool rowInside = g.DW == 1 && iw0 >= 0 && iw0 + g.KW <= g.W;
            for (int kh = 0; kh < g.KH; kh++, src += span)
            {
                int ih = ih0 + kh * g.DH;
                if ((uint)ih >= (uint)g.H) continue;
                T* dst = image + (long)ih * g.W * c;
                if (rowInside)
                {
                    AddTo(src, dst + iw0 * c, span);
                    continue;
                }
                for (int kw = 0; kw < g.KW; kw++)
                {
                    int iw = iw0 + kw * g.DW;
                    if ((uint)iw < (uint)g.W) AddTo(src + kw * c, dst + iw * c, c);
                }
            }
        }
    }
}
