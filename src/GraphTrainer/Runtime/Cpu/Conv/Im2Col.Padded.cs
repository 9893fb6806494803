using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// im2col tiles built from a zero-bordered copy of the image (the padding stored, so a window row is a plain run of it):
/// straight into the GEMM kernel's packed panels for the forward convolution (from C planes) and for the filter gradient's
/// transpose (from NHWC), and as plain rows for few-channel filter gradients.
/// </summary>
internal static unsafe partial class Im2Col
{
    /// <summary>Height and width of an image in <see cref="ToPaddedPlanar"/> layout: every row and column a window reads.</summary>
    public static (int Height, int Width) PaddedSize(in ConvGeometry g) =>
        ((g.OH - 1) * g.SH + (g.KH - 1) * g.DH + 1, (g.OW - 1) * g.SW + (g.KW - 1) * g.DW + 1);

    /// <summary>
    /// Elements of one image in <see cref="ToPaddedPlanar"/> layout, plus the slack that <see cref="FillPacked"/>'s
    /// 16-lane loads read past the last row.
    /// </summary>
    public static long PaddedPlanarLength<T>(in ConvGeometry g) where T : unmanaged
    {
        var (hp, wp) = PaddedSize(g);
        return (long)g.C * hp * wp + 16;
    }

    /// <summary>
    /// One NHWC image as C planes of <see cref="PaddedSize"/>, the padding written as zeros: a window row is then a plain
    /// run of a plane row, whatever the padding.
    /// </summary>
    public static void ToPaddedPlanar<T>(in ConvGeometry g, T* image, T* padded) where T : unmanaged
    {
        var (hp, wp) = PaddedSize(g);
        long plane = (long)hp * wp;
        new Span<T>(padded, (int)(g.C * plane)).Clear();
        int c = g.C, h = Math.Min(g.H, hp - g.PadTop), w = Math.Min(g.W, wp - g.PadLeft);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                T* src = image + ((long)y * g.W + x) * c;
                T* dst = padded + (long)(y + g.PadTop) * wp + x + g.PadLeft;
                for (int ch = 0; ch < c; ch++) dst[ch * plane] = src[ch];
            }
    }

    /// <summary>
    /// Writes rows [p0, p0 + rows) of the im2col matrix straight into the GEMM's packed-A layout (see
    /// <see cref="GemmArgs{T}.APacked"/>): panel q of <paramref name="mr"/> rows at q·mr·K, value (k, r) at k·mr + r, zero
    /// past the last row, so the GEMM packs nothing. The image is read in <see cref="ToPaddedPlanar"/> layout, where
    /// the mr output positions of a panel read, for every filter tap, the same offsets from the tap's origin.
    /// </summary>
    public static void FillPacked<T>(in ConvGeometry g, T* padded, int p0, int rows, int mr, T* packed) where T : unmanaged
    {
        var (hp, wp) = PaddedSize(g);
        int panels = (rows + mr - 1) / mr;
        // Offset of each output position's window origin in a padded plane.
        Span<int> origin = rows <= 1024 ? stackalloc int[rows] : new int[rows];
        for (int i = 0; i < rows; i++)
        {
            int p = p0 + i, oh = p / g.OW, ow = p - oh * g.OW;
            origin[i] = oh * g.SH * wp + ow * g.SW;
        }
        for (int q = 0; q < panels; q++)
        {
            int first = q * mr, valid = Math.Min(mr, rows - first);
            T* dst = packed + (nint)first * g.K;
            if (typeof(T) == typeof(float) && mr == 12 && Vector512.IsHardwareAccelerated
                && TwoRuns(origin.Slice(first, valid), g.SW, out int split))
                FillPanel12((float*)dst, (float*)padded, g, hp * wp, wp, origin[first] , origin[first + Math.Min(split, valid - 1)] - Math.Min(split, valid - 1), split, valid);
            else
                FillPanel(dst, padded, g, hp * wp, wp, origin.Slice(first, valid), mr);
        }
    }

    // Whether a panel's positions are at most two runs of consecutive plane offsets (one output row, or the end of one
    // and the start of the next): split is where the second run starts (valid when there is one run).
    private static bool TwoRuns(ReadOnlySpan<int> origin, int sw, out int split)
    {
        split = origin.Length;
        if (sw != 1) return false;
        for (int r = 1; r < origin.Length; r++)
        {
            if (origin[r] == origin[r - 1] + 1) continue;
            if (split != origin.Length) return false;
            split = r;
        }
        for (int r = split + 1; r < origin.Length; r++)
            if (origin[r] != origin[r - 1] + 1) return false;
        return true;
    }

    // The general panel: one value at a time from each position's window origin plus the tap's offset.
    private static void FillPanel<T>(T* dst, T* padded, in ConvGeometry g, int plane, int wp, ReadOnlySpan<int> origin, int mr) where T : unmanaged
    {
        for (int kh = 0; kh < g.KH; kh++)
            for (int kw = 0; kw < g.KW; kw++)
                for (int c = 0; c < g.C; c++, dst += mr)
                {
                    T* tap = padded + (long)c * plane + kh * g.DH * wp + kw * g.DW;
                    int r = 0;
                    for (; r < origin.Length; r++) dst[r] = tap[origin[r]];
                    for (; r < mr; r++) dst[r] = default;
                }
    }

    // A 12-row float panel of at most two runs: per tap, two 16-lane loads (the first run from s1, the second from s2,
    // both aligned to the panel's lanes) blended, lanes past the last row zeroed, 12 lanes stored.
    private static void FillPanel12(float* dst, float* padded, in ConvGeometry g, int plane, int wp, int s1, int s2, int split, int valid)
    {
        var lane = Vector512<int>.Indices;
        var fromFirst = Vector512.LessThan(lane, Vector512.Create(split)).AsSingle();
        var inside = Vector512.LessThan(lane, Vector512.Create(valid)).AsSingle();
        for (int kh = 0; kh < g.KH; kh++)
            for (int kw = 0; kw < g.KW; kw++)
            {
                float* tap = padded + kh * g.DH * wp + kw * g.DW;
                for (int c = 0; c < g.C; c++, dst += 12, tap += plane)
                {
                    var v = Vector512.ConditionalSelect(fromFirst, Vector512.Load(tap + s1), Vector512.Load(tap + s2)) & inside;
                    v.GetLower().Store(dst);
                    v.GetUpper().GetLower().Store(dst + 8);
                }
            }
    }

    /// <summary>
    /// Whether <see cref="FillPackedTransposed"/> handles this case: float32 panels of 12 (the AVX-512 kernel) and at
    /// least 12 channels, so that 12 consecutive im2col columns come from at most two filter taps.
    /// </summary>
    public static bool CanFillPackedTransposed<T>(in ConvGeometry g, int mr) where T : unmanaged =>
        typeof(T) == typeof(float) && mr == 12 && g.C >= 12 && Vector512.IsHardwareAccelerated;

    /// <summary>Elements of one image in <see cref="ToPaddedNhwc"/> layout, plus the slack of 16-lane loads.</summary>
    public static long PaddedNhwcLength(in ConvGeometry g)
    {
        var (hp, wp) = PaddedSize(g);
        return (long)hp * wp * g.C + 16;
    }

    /// <summary>One NHWC image inside a zero border of <see cref="PaddedSize"/> (padding as stored zeros), still NHWC.</summary>
    public static void ToPaddedNhwc<T>(in ConvGeometry g, T* image, T* padded) where T : unmanaged
    {
        var (hp, wp) = PaddedSize(g);
        new Span<T>(padded, hp * wp * g.C).Clear();
        int h = Math.Min(g.H, hp - g.PadTop), w = Math.Min(g.W, wp - g.PadLeft);
        for (int y = 0; y < h; y++)
            new ReadOnlySpan<T>(image + (long)y * g.W * g.C, w * g.C)
                .CopyTo(new Span<T>(padded + ((long)(y + g.PadTop) * wp + g.PadLeft) * g.C, w * g.C));
    }

    /// <summary>
    /// Writes rows [p0, p0 + rows) of the im2col matrix as the packed A of its transpose (the filter gradient's
    /// colᵀ·dy; see <see cref="GemmArgs{T}.APacked"/>): panel q holds im2col columns [12q, 12q + 12), value (row i,
    /// column 12q + j) at 12q·rows + 12i + j, zero past column K. Panel by panel, so the stores run front to back (row by
    /// row they would hit a page per panel). The image is in <see cref="ToPaddedNhwc"/> layout, where a panel's 12
    /// columns are, at every position, one or two runs of channels at fixed offsets from the window's origin.
    /// </summary>
    public static void FillPackedTransposed(in ConvGeometry g, float* padded, int p0, int rows, float* packed)
    {
        const int mr = 12;
        var (_, wp) = PaddedSize(g);
        Span<int> origin = rows <= 1024 ? stackalloc int[rows] : new int[rows];
        for (int i = 0; i < rows; i++)
        {
            int p = p0 + i, oh = p / g.OW, ow = p - oh * g.OW;
            origin[i] = (oh * g.SH * wp + ow * g.SW) * g.C;
        }
        var lane = Vector512<int>.Indices;
        float* dst = packed;
        for (int k0 = 0; k0 < g.K; k0 += mr)
        {
            int valid = Math.Min(mr, g.K - k0), split = Math.Min(valid, g.C - k0 % g.C);
            int s1 = TapOffset(g, wp, k0), s2 = split < valid ? TapOffset(g, wp, k0 + split) - split : s1;
            var fromFirst = Vector512.LessThan(lane, Vector512.Create(split)).AsSingle();
            var inside = Vector512.LessThan(lane, Vector512.Create(valid)).AsSingle();
            for (int i = 0; i < rows; i++, dst += mr)
            {
                float* window = padded + origin[i];
                var v = Vector512.ConditionalSelect(fromFirst, Vector512.Load(window + s1), Vector512.Load(window + s2)) & inside;
                v.GetLower().Store(dst);
                v.GetUpper().GetLower().Store(dst + 8);
            }
        }
    }

    /// <summary>
    /// Rows [p0, p0 + rows) of the im2col matrix (rows × K, as <see cref="Fill"/>) from an image in
    /// <see cref="ToPaddedNhwc"/> layout, for unit width dilation: each window row is then KW·C consecutive values,
    /// copied in 32-byte pieces. A piece may run past its window row into the next one's place, which the next copy
    /// rewrites; <paramref name="col"/> needs 32 bytes of slack after the last row.
    /// </summary>
    public static void FillFromPadded<T>(in ConvGeometry g, T* padded, int p0, int rows, T* col) where T : unmanaged
    {
        var (_, wp) = PaddedSize(g);
        int span = g.KW * g.C, piece = 32 / sizeof(T);
        long rowStride = (long)g.DH * wp * g.C;
        for (int i = 0; i < rows; i++)
        {
            int p = p0 + i, oh = p / g.OW, ow = p - oh * g.OW;
            T* src = padded + (oh * g.SH * wp + ow * g.SW) * (long)g.C;
            T* dst = col + (long)i * g.K;
            for (int kh = 0; kh < g.KH; kh++, src += rowStride, dst += span)
                for (int j = 0; j < span; j += piece) Unsafe.CopyBlockUnaligned(dst + j, src + j, 32);
        }
    }

    // Offset of im2col column k (tap kh, kw; channel c) from a window's origin in the padded NHWC image.
    private static int TapOffset(in ConvGeometry g, int wp, int k)
    {
        int c = k % g.C, tap = k / g.C, kh = tap / g.KW, kw = tap - kh * g.KW;
        return (kh * g.DH * wp + kw * g.DW) * g.C + c;
    }
}
