using System.Numerics;
using System.Numerics.Tensors;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// The im2col view of one NHWC image: row p is output position (oh, ow), its K = KH·KW·C columns the input values under
/// the window in (kh, kw, c) order — the filter's [KH, KW, C, OC] layout flattened to [K, OC] — with zeros for padding.
/// Rows are built in tiles that stay in cache, never for a whole batch.
/// </summary>
internal static unsafe class Im2Col
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
                    new Span<T>(dst, span).Clear();
                    continue;
                }
                T* src = image + (long)ih * g.W * c;
                if (rowInside)
                {
                    new ReadOnlySpan<T>(src + iw0 * c, span).CopyTo(new Span<T>(dst, span));
                    continue;
                }
                for (int kw = 0; kw < g.KW; kw++)
                {
                    int iw = iw0 + kw * g.DW;
                    var d = new Span<T>(dst + kw * c, c);
                    if ((uint)iw >= (uint)g.W) d.Clear();
                    else new ReadOnlySpan<T>(src + iw * c, c).CopyTo(d);
                }
            }
        }
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
                    var d = new Span<T>(dst + iw0 * c, span);
                    TensorPrimitives.Add(d, new ReadOnlySpan<T>(src, span), d);
                    continue;
                }
                for (int kw = 0; kw < g.KW; kw++)
                {
                    int iw = iw0 + kw * g.DW;
                    if ((uint)iw >= (uint)g.W) continue;
                    var d = new Span<T>(dst + iw * c, c);
                    TensorPrimitives.Add(d, new ReadOnlySpan<T>(src + kw * c, c), d);
                }
            }
        }
    }
}
