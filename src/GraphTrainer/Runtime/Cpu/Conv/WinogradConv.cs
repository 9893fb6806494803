using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// Stride-1 float32 convolutions with 5×5 or 3×3 filters and channel counts that are multiples of 16, by Winograd's
/// minimal filtering (F(2×2, 5×5): 36 multiplies per 2×2 outputs instead of 100; F(4×4, 3×3): 36 instead of 144), on
/// AVX-512. Per image, blocks of tiles are transformed into thread scratch (still in L2), multiplied point by point
/// over the channels (one small GEMM per transform point) and transformed back; nothing per batch is stored.
/// The input gradient is the same algorithm run on dy with the filter flipped and transposed; the filter gradient is
/// the transform of Σ over tiles of (Bᵀ d B)ᵀ·(A dY Aᵀ), one GEMM per point, accumulated over the batch.
/// Rounding differs from the im2col path's (the transforms add and scale before multiplying), by a few float32 ulps
/// of the sums' magnitudes, as in cuDNN's and oneDNN's Winograd algorithms.
/// </summary>
internal static unsafe class WinogradConv
{
    /// <summary>Whether float32 convolutions that fit use this path (tests turn it off to compare with im2col).</summary>
    internal static bool Enabled = true;

    /// <summary>Bytes of transformed tiles (V and M) per block: most of a core's L2.</summary>
    internal static int BlockBytes = 1024 * 1024;

    private const int Lanes = 16;

    /// <summary>Whether <paramref name="g"/> is a float32 convolution this path computes.</summary>
    public static bool Applies<T>(in ConvGeometry g) where T : unmanaged =>
        Enabled && typeof(T) == typeof(float) && Avx512F.IsSupported
        && g.SH == 1 && g.SW == 1 && g.DH == 1 && g.DW == 1 && g.KH == g.KW && (g.KH == 5 || g.KH == 3)
        && g.C % Lanes == 0 && g.OC % Lanes == 0 && g.N > 0 && g.OH > 0 && g.OW > 0;

    /// <summary>A stride-1 correlation: input [InH, InW, Cin] read from (y − PadTop, x − PadLeft), output [OutH, OutW, Cout].</summary>
    private readonly struct Plan
    {
        public readonly int InH, InW, Cin, OutH, OutW, Cout, PadTop, PadLeft, TilesY, TilesX, PaddedH, PaddedW, BlockTiles;

        public Plan(int inH, int inW, int cin, int outH, int outW, int cout, int padTop, int padLeft, int m, int r)
        {
            InH = inH; InW = inW; Cin = cin; OutH = outH; OutW = outW; Cout = cout; PadTop = padTop; PadLeft = padLeft;
            TilesY = (outH + m - 1) / m;
            TilesX = (outW + m - 1) / m;
            PaddedH = TilesY * m + r - 1;
            PaddedW = TilesX * m + r - 1;
            int alpha = m + r - 1, perTile = alpha * alpha * (cin + cout) * sizeof(float);
            int tiles = Math.Max(WinogradGemm.Rows, BlockBytes / perTile / WinogradGemm.Rows * WinogradGemm.Rows);
            BlockTiles = Math.Min(tiles, RoundUp(TilesY * TilesX));
        }

        public int Tiles => TilesY * TilesX;
    }

    private static int RoundUp(int tiles) => (tiles + WinogradGemm.Rows - 1) / WinogradGemm.Rows * WinogradGemm.Rows;

    private struct Job
    {
        public Plan Plan;
        public float* X, U, Bias, Out, Dy;
        public bool Relu, FusePool;
        public ConvGeometry Pool;
        public int Slots, Images;
    }

    /// <summary>As <see cref="ConvKernels.Forward{T}"/>: y = conv(x, f) [+ bias] [ReLU] [max-pool].</summary>
    public static void Forward(in ConvGeometry g, float* x, float* f, float* bias, bool relu, float* y, ConvGeometry? pool)
    {
        if (g.KH == 5) Forward<WinogradF2x5>(g, x, f, bias, relu, y, pool);
        else Forward<WinogradF4x3>(g, x, f, bias, relu, y, pool);
    }

    /// <summary>As <see cref="ConvKernels.BackpropInput{T}"/>.</summary>
    public static void BackpropInput(in ConvGeometry g, float* f, float* dy, float* dx)
    {
        if (g.KH == 5) BackpropInput<WinogradF2x5>(g, f, dy, dx);
        else BackpropInput<WinogradF4x3>(g, f, dy, dx);
    }

    /// <summary>As <see cref="ConvKernels.BackpropFilter{T}"/>.</summary>
    public static void BackpropFilter(in ConvGeometry g, float* x, float* dy, float* df)
    {
        if (g.KH == 5) BackpropFilter<WinogradF2x5>(g, x, dy, df);
        else BackpropFilter<WinogradF4x3>(g, x, dy, df);
    }

    private static void Forward<TW>(in ConvGeometry g, float* x, float* f, float* bias, bool relu, float* y, ConvGeometry? pool)
        where TW : IWinogradTransform
    {
        var plan = new Plan(g.H, g.W, g.C, g.OH, g.OW, g.OC, g.PadTop, g.PadLeft, TW.M, TW.R);
        float* u = ThreadScratch<float>.Get(ConvScratch.Shared, FilterLength<TW>(g.C, g.OC));
        TransformFilter<TW>(f, g.C, g.OC, u);
        var job = new Job { Plan = plan, X = x, U = u, Bias = bias, Relu = relu, Out = y, FusePool = pool.HasValue, Pool = pool ?? default };
        ParallelRange.ForEach(g.N, &ForwardImages<TW>, &job);
    }

    private static void BackpropInput<TW>(in ConvGeometry g, float* f, float* dy, float* dx) where TW : IWinogradTransform
    {
        // dx[q] = Σ_k dy[q + pad − k]·f[k]: a correlation of dy with the filter flipped in space and its channels swapped.
        int r = TW.R, taps = r * r;
        float* flipped = ThreadScratch<float>.Get(ConvScratch.Gradient, (long)taps * g.C * g.OC);
        for (int t = 0; t < taps; t++)
        {
            float* src = f + (long)(taps - 1 - t) * g.C * g.OC, dst = flipped + (long)t * g.C * g.OC;
            for (int c = 0; c < g.C; c++)
                for (int o = 0; o < g.OC; o++)
                    dst[(long)o * g.C + c] = src[(long)c * g.OC + o];
        }
        float* u = ThreadScratch<float>.Get(ConvScratch.Shared, FilterLength<TW>(g.OC, g.C));
        TransformFilter<TW>(flipped, g.OC, g.C, u);
        var plan = new Plan(g.OH, g.OW, g.OC, g.H, g.W, g.C, r - 1 - g.PadTop, r - 1 - g.PadLeft, TW.M, TW.R);
        var job = new Job { Plan = plan, X = dy, U = u, Out = dx };
        ParallelRange.ForEach(g.N, &ForwardImages<TW>, &job);
    }

    private static long FilterLength<TW>(int cin, int cout) where TW : IWinogradTransform => (long)TW.Alpha * TW.Alpha * cin * cout;

    // U[ξ][c][o] = (G f[·,·,c,o] Gᵀ)[ξ].
    private static void TransformFilter<TW>(float* f, int cin, int cout, float* u) where TW : IWinogradTransform
    {
        long rowStride = (long)TW.R * cin * cout, colStride = (long)cin * cout;
        for (int c = 0; c < cin; c++)
            for (int o = 0; o < cout; o += Lanes)
                TW.Filter(f + (long)c * cout + o, (nint)rowStride, (nint)colStride, u + (long)c * cout + o, cin * cout);
    }

    private static void ForwardImages<TW>(void* p, int n0, int n1) where TW : IWinogradTransform
    {
        ref var job = ref *(Job*)p;
        var plan = job.Plan;
        int outImage = plan.OutH * plan.OutW * plan.Cout;
        for (int n = n0; n < n1; n++)
        {
            float* padded = PadImage<TW>(plan, job.X + (long)n * plan.InH * plan.InW * plan.Cin);
            float* dst = job.FusePool ? ThreadScratch<float>.Get(ConvScratch.Pooled, outImage) : job.Out + (long)n * outImage;
            for (int t0 = 0; t0 < plan.Tiles; t0 += plan.BlockTiles)
                ForwardBlock<TW>(plan, padded, t0, Math.Min(plan.BlockTiles, plan.Tiles - t0), job.U, job.Bias, job.Relu, dst);
            if (job.FusePool)
                PoolKernels.MaxPoolImage(job.Pool, dst, job.Out + (long)n * job.Pool.OutPerImage * plan.Cout);
        }
    }

    // The image with PadTop/PadLeft zero rows and columns before it and zeros after, to cover every tile's window.
    private static float* PadImage<TW>(in Plan plan, float* image) where TW : IWinogradTransform
    {
        long length = (long)plan.PaddedH * plan.PaddedW * plan.Cin;
        float* padded = ThreadScratch<float>.Get(ConvScratch.Image, length);
        new Span<float>(padded, (int)length).Clear();
        int rows = Math.Min(plan.InH, plan.PaddedH - plan.PadTop), cols = Math.Min(plan.InW, plan.PaddedW - plan.PadLeft);
        for (int y = 0; y < rows; y++)
            new ReadOnlySpan<float>(image + (long)y * plan.InW * plan.Cin, cols * plan.Cin)
                .CopyTo(new Span<float>(padded + ((long)(y + plan.PadTop) * plan.PaddedW + plan.PadLeft) * plan.Cin, cols * plan.Cin));
        return padded;
    }

    // V for tiles [t0, t0 + count) of the padded image, laid out for the GEMM that reads it: [ξ][cb][t][16] (rows of
    // 16-channel depth blocks, rows up to a multiple of 6 zero) for the forward product, or [ξ][t][c] (a tile's channels
    // together) for the filter gradient's, where the channels are the rows.
    private static float* TransformInput<TW>(in Plan plan, float* padded, int t0, int count, bool channelRows, out int rows, out long pointStride)
        where TW : IWinogradTransform
    {
        int alpha = TW.Alpha, m = TW.M, blocks = plan.Cin / Lanes;
        rows = channelRows ? count : RoundUp(count);
        pointStride = (long)rows * plan.Cin;
        long tileStride = channelRows ? plan.Cin : Lanes, blockStride = channelRows ? Lanes : (long)rows * Lanes;
        float* v = ThreadScratch<float>.Get(ConvScratch.Tile, alpha * alpha * pointStride + 2 * Lanes);
        nint rowStride = (nint)plan.PaddedW * plan.Cin;
        for (int t = 0; t < count; t++)
        {
            int ty = (t0 + t) / plan.TilesX, tx = (t0 + t) % plan.TilesX;
            float* src = padded + ((long)ty * m * plan.PaddedW + tx * m) * plan.Cin;
            for (int b = 0; b < blocks; b++)
                TW.Input(src + b * Lanes, rowStride, plan.Cin, v + t * tileStride + b * blockStride, (nint)pointStride);
        }
        if (rows > count)
            for (int point = 0; point < alpha * alpha; point++)
                for (int b = 0; b < blocks; b++)
                    new Span<float>(v + point * pointStride + b * blockStride + count * Lanes, (rows - count) * Lanes).Clear();
        return v;
    }

    private static void ForwardBlock<TW>(in Plan plan, float* padded, int t0, int count, float* u, float* bias, bool relu, float* dst)
        where TW : IWinogradTransform
    {
        int alpha = TW.Alpha, points = alpha * alpha, m = TW.M, blocks = plan.Cin / Lanes;
        float* v = TransformInput<TW>(plan, padded, t0, count, channelRows: false, out int rows, out long pointStride);
        // M[t][ξ][o] = Σ_c V[ξ][t][c]·U[ξ][c][o]: the output transform then reads one tile's points together.
        float* prod = ThreadScratch<float>.Get(ConvScratch.Products, (long)rows * points * plan.Cout);
        nint ldc = (nint)points * plan.Cout;
        for (int point = 0; point < points; point++)
            for (int t = 0; t < rows; t += WinogradGemm.Rows)
                WinogradGemm.Multiply(v + point * pointStride + (long)t * Lanes, rows * Lanes, blocks,
                    u + (long)point * plan.Cin * plan.Cout, plan.Cout, prod + (long)t * ldc + point * plan.Cout, ldc, plan.Cout);
        for (int t = 0; t < count; t++)
        {
            int ty = (t0 + t) / plan.TilesX, tx = (t0 + t) % plan.TilesX;
            int oy = ty * m, ox = tx * m;
            float* tile = dst + ((long)oy * plan.OutW + ox) * plan.Cout;
            for (int o = 0; o < plan.Cout; o += Lanes)
            {
                var b = bias == null ? Vector512<float>.Zero : Vector512.Load(bias + o);
                TW.Output(prod + t * ldc + o, plan.Cout, tile + o, (nint)plan.OutW * plan.Cout, plan.Cout, b, relu,
                    Math.Min(m, plan.OutH - oy), Math.Min(m, plan.OutW - ox));
            }
        }
    }

    private static void BackpropFilter<TW>(in ConvGeometry g, float* x, float* dy, float* df) where TW : IWinogradTransform
    {
        var plan = new Plan(g.H, g.W, g.C, g.OH, g.OW, g.OC, g.PadTop, g.PadLeft, TW.M, TW.R);
        int slots = Math.Min(Gemm.MaxThreads, g.N);
        long size = FilterLength<TW>(g.C, g.OC);
        // Each slot sums its images' transform-domain gradient dU[ξ][c][o]; the slots are added, then transformed back.
        float* partials = ThreadScratch<float>.Get(ConvScratch.Shared, slots * size);
        var job = new Job { Plan = plan, X = x, Dy = dy, U = partials, Slots = slots, Images = g.N };
        ParallelRange.ForEach(slots, &FilterGradientSlot<TW>, &job);
        var total = new Span<float>(partials, (int)size);
        for (int s = 1; s < slots; s++) System.Numerics.Tensors.TensorPrimitives.Add(total, new ReadOnlySpan<float>(partials + s * size, (int)size), total);
        long rowStride = (long)TW.R * g.C * g.OC, colStride = (long)g.C * g.OC;
        for (int c = 0; c < g.C; c++)
            for (int o = 0; o < g.OC; o += Lanes)
                TW.FilterGradient(partials + (long)c * g.OC + o, g.C * g.OC, df + (long)c * g.OC + o, (nint)rowStride, (nint)colStride);
    }

    private static void FilterGradientSlot<TW>(void* p, int s0, int s1) where TW : IWinogradTransform
    {
        ref var job = ref *(Job*)p;
        var plan = job.Plan;
        for (int s = s0; s < s1; s++)
        {
            float* acc = job.U + s * FilterLength<TW>(plan.Cin, plan.Cout);
            int n0 = (int)((long)job.Images * s / job.Slots), n1 = (int)((long)job.Images * (s + 1) / job.Slots);
            bool first = true;
            for (int n = n0; n < n1; n++)
            {
                float* padded = PadImage<TW>(plan, job.X + (long)n * plan.InH * plan.InW * plan.Cin);
                float* grad = ExtendGradient<TW>(plan, job.Dy + (long)n * plan.OutH * plan.OutW * plan.Cout);
                for (int t0 = 0; t0 < plan.Tiles; t0 += plan.BlockTiles)
                {
                    FilterGradientBlock<TW>(plan, padded, grad, t0, Math.Min(plan.BlockTiles, plan.Tiles - t0), acc, first);
                    first = false;
                }
            }
            if (first) new Span<float>(acc, (int)FilterLength<TW>(plan.Cin, plan.Cout)).Clear();
        }
    }

    // dy with zero rows and columns after it up to whole tiles, [TilesY·m, TilesX·m, Cout].
    private static float* ExtendGradient<TW>(in Plan plan, float* dy) where TW : IWinogradTransform
    {
        int m = TW.M, rows = plan.TilesY * m, cols = plan.TilesX * m;
        if (rows == plan.OutH && cols == plan.OutW) return dy;
        long length = (long)rows * cols * plan.Cout;
        float* extended = ThreadScratch<float>.Get(ConvScratch.Gradient, length);
        new Span<float>(extended, (int)length).Clear();
        for (int y = 0; y < plan.OutH; y++)
            new ReadOnlySpan<float>(dy + (long)y * plan.OutW * plan.Cout, plan.OutW * plan.Cout)
                .CopyTo(new Span<float>(extended + (long)y * cols * plan.Cout, plan.OutW * plan.Cout));
        return extended;
    }

    private static void FilterGradientBlock<TW>(in Plan plan, float* padded, float* grad, int t0, int count, float* acc, bool first)
        where TW : IWinogradTransform
    {
        int alpha = TW.Alpha, points = alpha * alpha, m = TW.M, cols = plan.TilesX * m;
        float* v = TransformInput<TW>(plan, padded, t0, count, channelRows: true, out _, out long pointStride);
        // dM[ξ][t][o] = (A dY Aᵀ)[ξ] of each tile's output gradient: a point's rows together, read in order by the GEMM.
        float* dm = ThreadScratch<float>.Get(ConvScratch.Products, (long)count * points * plan.Cout);
        long dmPointStride = (long)count * plan.Cout;
        for (int t = 0; t < count; t++)
        {
            int ty = (t0 + t) / plan.TilesX, tx = (t0 + t) % plan.TilesX;
            float* src = grad + ((long)ty * m * cols + tx * m) * plan.Cout;
            for (int o = 0; o < plan.Cout; o += Lanes)
                TW.OutputGradient(src + o, (nint)cols * plan.Cout, plan.Cout, dm + (long)t * plan.Cout + o, (nint)dmPointStride);
        }
        // dU[ξ][c][o] += Σ_t V[ξ][t][c]·dM[t][ξ][o]: for a depth step t, the channels (rows) are consecutive floats.
        float beta = first ? 0f : 1f;
        const int MR = 12, NR = 32;
        for (int point = 0; point < points; point++)
            for (int c0 = 0; c0 < plan.Cin; c0 += MR)
            {
                int mr = Math.Min(MR, plan.Cin - c0);
                float* a = v + point * pointStride + c0;
                for (int o = 0; o < plan.Cout; o += NR)
                {
                    int nr = Math.Min(NR, plan.Cout - o);
                    float* bp = dm + point * dmPointStride + o, c = acc + ((long)point * plan.Cin + c0) * plan.Cout + o;
                    if (mr == MR && nr == NR) Avx512KernelF32.Run(count, a, plan.Cin, bp, plan.Cout, c, plan.Cout, beta, null, false);
                    else Avx512KernelF32.RunEdge(count, a, plan.Cin, bp, plan.Cout, c, plan.Cout, beta, null, false, mr, nr);
                }
            }
    }
}
