using System.Numerics;
using System.Numerics.Tensors;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// NHWC 2-D convolution and its two gradients as GEMMs over im2col tiles. Each image is one work item on the GEMM pool;
/// within it, tiles of at most <see cref="TileBytes"/> of im2col rows are built in the thread's scratch and multiplied at
/// once, so memory stays at a tile per thread whatever the batch (a 10,000-image evaluation never holds its im2col).
/// A 1×1, stride-1, unpadded convolution reads the input in place as its im2col matrix. Float32 stride-1 5×5 and 3×3
/// convolutions whose channel counts are multiples of 16 go to <see cref="WinogradConv"/> instead, and stride-1
/// convolutions of one-channel images to <see cref="SingleChannelConv"/>, on AVX-512.
/// </summary>
internal static unsafe class ConvKernels
{
    /// <summary>
    /// Bytes of im2col rows per tile: most of a core's 1 MB L2 less room for the filter panel, so the tile is still there
    /// for the GEMM; Deep MNIST's second layer (196 × 800 floats) is one tile per image.
    /// </summary>
    internal static int TileBytes = 640 * 1024;

    private struct Job<T> where T : unmanaged
    {
        public ConvGeometry G, Pool;
        public T* X, F, Dy, Out, Bias;
        public bool Relu, FusePool;
        // The input gradient's tiles are added straight onto dx (InputGradientScatter); F is then its packed filter.
        public bool Scatter;
        public int Slots;
        // The caller's GEMM kernel family, whose panel layout the packed operands use on every thread.
        public GemmKernel Kernel;
    }

    private static bool Direct(in ConvGeometry g) => g.KH == 1 && g.KW == 1 && g.SH == 1 && g.SW == 1 && g.PadTop == 0 && g.PadLeft == 0;

    // Rows per tile, balanced so an image's last tile is not a sliver.
    private static int TileRows<T>(in ConvGeometry g) where T : unmanaged
    {
        int max = Math.Clamp(TileBytes / (g.K * sizeof(T)), 1, Math.Max(1, g.OutPerImage));
        int tiles = (g.OutPerImage + max - 1) / max;
        return Math.Max(1, (g.OutPerImage + tiles - 1) / Math.Max(1, tiles));
    }

    /// <summary>
    /// y = conv(x, f) [+ bias] [then ReLU] [then max-pool with <paramref name="pool"/>]: x [N,H,W,C], f [KH,KW,C,OC],
    /// y [N,OH,OW,OC] (or the pooled shape). The fused pool computes each image's convolution in scratch only.
    /// </summary>
    public static void Forward<T>(in ConvGeometry g, T* x, T* f, T* bias, bool relu, T* y, ConvGeometry? pool = null)
        where T : unmanaged, INumber<T>
    {
        if (WinogradConv.Applies<T>(g))
        {
            WinogradConv.Forward(g, (float*)x, (float*)f, (float*)bias, relu, (float*)y, pool);
            return;
        }
        if (SingleChannelConv.Applies<T>(g))
        {
            SingleChannelConv.Forward(g, (float*)x, (float*)f, (float*)bias, relu, (float*)y, pool);
            return;
        }
        // The filter is packed once for every tile's GEMM (each thread only reads it).
        var kernel = Gemm.SelectedKernel;
        T* packedF = null;
        if (!Direct(g))
        {
            packedF = ThreadScratch<T>.Get(ConvScratch.Shared, Gemm.PackedBLength<T>(kernel, g.K, g.OC));
            Gemm.PackB(kernel, g.K, g.OC, f, false, g.OC, packedF);
        }
        var job = new Job<T> { Kernel = kernel, G = g, X = x, F = packedF != null ? packedF : f, Bias = bias, Relu = relu, Out = y, FusePool = pool.HasValue, Pool = pool ?? default };
        ParallelRange.ForEach(g.N, &ForwardImages<T>, &job);
    }

    private static void ForwardImages<T>(void* p, int n0, int n1) where T : unmanaged, INumber<T>
    {
        ref var job = ref *(Job<T>*)p;
        var g = job.G;
        int rows = TileRows<T>(g), outImage = g.OutPerImage * g.OC, mr = Gemm.PanelShape<T>(job.Kernel).MR;
        bool direct = Direct(g);
        for (int n = n0; n < n1; n++)
        {
            T* image = job.X + (long)n * g.InPerImage;
            T* dst = job.FusePool ? ThreadScratch<T>.Get(ConvScratch.Pooled, outImage) : job.Out + (long)n * outImage;
            T* padded = direct ? null : ThreadScratch<T>.Get(ConvScratch.Image, Im2Col.PaddedPlanarLength<T>(g));
            if (!direct) Im2Col.ToPaddedPlanar(g, image, padded);
            for (int p0 = 0; p0 < g.OutPerImage; p0 += rows)
            {
                int r = Math.Min(rows, g.OutPerImage - p0);
                T* tile = dst + (long)p0 * g.OC;
                if (direct)
                {
                    Gemm.Pointers(job.Kernel, r, g.OC, g.K, false, false, image + (long)p0 * g.C, g.K, false, false, job.F, g.OC, T.Zero, tile, g.OC, job.Bias, job.Relu);
                    continue;
                }
                int rounded = (r + mr - 1) / mr * mr;
                T* col = ThreadScratch<T>.Get(ConvScratch.Tile, (long)rounded * g.K);
                Im2Col.FillPacked(g, padded, p0, r, mr, col);
                Gemm.Pointers(job.Kernel, r, g.OC, g.K, false, true, col, g.K, false, true, job.F, g.OC, T.Zero, tile, g.OC, job.Bias, job.Relu);
            }
            if (job.FusePool)
                PoolKernels.MaxPoolImage(job.Pool, dst, job.Out + (long)n * job.Pool.OutPerImage * g.OC);
        }
    }

    /// <summary>dx [N,H,W,C] = the gradient of conv(x, f) with respect to x, given dy [N,OH,OW,OC].</summary>
    public static void BackpropInput<T>(in ConvGeometry g, T* f, T* dy, T* dx) where T : unmanaged, INumber<T>
    {
        if (WinogradConv.Applies<T>(g))
        {
            WinogradConv.BackpropInput(g, (float*)f, (float*)dy, (float*)dx);
            return;
        }
        var job = new Job<T> { Kernel = Gemm.SelectedKernel, G = g, Dy = dy, Out = dx };
        if (!Direct(g) && InputGradientScatter.Applies<T>(g, job.Kernel))
        {
            // fᵀ packed in the kernel's panels, for the tiles that are added straight onto dx.
            job.F = ThreadScratch<T>.Get(ConvScratch.Shared, InputGradientScatter.PackedLength(g));
            InputGradientScatter.PackFilter(g, (float*)f, (float*)job.F);
            job.Scatter = true;
        }
        else
        {
            // fᵀ [OC, K] once, so every tile's GEMM reads it in place instead of packing f [K, OC] again.
            job.F = ThreadScratch<T>.Get(ConvScratch.Shared, (long)g.K * g.OC);
            for (int k = 0; k < g.K; k++)
                for (int o = 0; o < g.OC; o++)
                    job.F[(long)o * g.K + k] = f[(long)k * g.OC + o];
        }
        ParallelRange.ForEach(g.N, &BackpropInputImages<T>, &job);
    }

    private static void BackpropInputImages<T>(void* p, int n0, int n1) where T : unmanaged, INumber<T>
    {
        ref var job = ref *(Job<T>*)p;
        var g = job.G;
        int rows = TileRows<T>(g);
        bool direct = Direct(g);
        for (int n = n0; n < n1; n++)
        {
            T* image = job.Out + (long)n * g.InPerImage;
            if (!direct) new Span<T>(image, g.InPerImage).Clear();
            for (int p0 = 0; p0 < g.OutPerImage; p0 += rows)
            {
                int r = Math.Min(rows, g.OutPerImage - p0);
                T* dyTile = job.Dy + ((long)n * g.OutPerImage + p0) * g.OC;
                if (job.Scatter)
                {
                    T* packedDy = ThreadScratch<T>.Get(ConvScratch.Tile, (long)(r + 11) / 12 * 12 * g.OC);
                    InputGradientScatter.Image(g, (float*)dyTile, p0, r, (float*)job.F, (float*)packedDy, (float*)image);
                    continue;
                }
                // dcol = dy · fᵀ, with fᵀ stored [OC, K].
                T* dcol = direct ? image + (long)p0 * g.C : ThreadScratch<T>.Get(ConvScratch.Tile, (long)r * g.K);
                Gemm.Pointers(job.Kernel, r, g.K, g.OC, false, false, dyTile, g.OC, false, false, job.F, g.K, T.Zero, dcol, g.K);
                if (!direct) Im2Col.Accumulate(g, dcol, p0, r, image);
            }
        }
    }

    /// <summary>df [KH,KW,C,OC] = the gradient of conv(x, f) with respect to f: Σ im2col(x)ᵀ·dy over the batch.</summary>
    public static void BackpropFilter<T>(in ConvGeometry g, T* x, T* dy, T* df) where T : unmanaged, INumber<T>
    {
        if (WinogradConv.Applies<T>(g))
        {
            WinogradConv.BackpropFilter(g, (float*)x, (float*)dy, (float*)df);
            return;
        }
        if (SingleChannelConv.Applies<T>(g, filterGradient: true))
        {
            SingleChannelConv.BackpropFilter(g, (float*)x, (float*)dy, (float*)df);
            return;
        }
        int slots = Math.Max(1, Math.Min(Gemm.MaxThreads, g.N));
        long size = (long)g.K * g.OC;
        // Slot 0 accumulates into df itself, the others into partial sums added at the end.
        T* partials = slots > 1 ? ThreadScratch<T>.Get(ConvScratch.Shared, (slots - 1) * size) : null;
        var job = new Job<T> { Kernel = Gemm.SelectedKernel, G = g, X = x, Dy = dy, Out = df, Bias = partials, Slots = slots };
        if (g.N == 0) new Span<T>(df, (int)size).Clear();
        ParallelRange.ForEach(slots, &BackpropFilterSlot<T>, &job);
        var total = new Span<T>(df, (int)size);
        for (int s = 1; s < slots; s++) TensorPrimitives.Add(total, new ReadOnlySpan<T>(partials + (s - 1) * size, (int)size), total);
    }

    private static void BackpropFilterSlot<T>(void* p, int s0, int s1) where T : unmanaged, INumber<T>
    {
        ref var job = ref *(Job<T>*)p;
        var g = job.G;
        int rows = TileRows<T>(g), mr = Gemm.PanelShape<T>(job.Kernel).MR;
        bool direct = Direct(g), packed = !direct && Im2Col.CanFillPackedTransposed<T>(g, mr);
        bool paddedRows = !direct && !packed && g.DW == 1;
        for (int s = s0; s < s1; s++)
        {
            T* acc = s == 0 ? job.Out : job.Bias + (s - 1) * (long)g.K * g.OC;
            int n0 = (int)((long)g.N * s / job.Slots), n1 = (int)((long)g.N * (s + 1) / job.Slots);
            bool first = true;
            for (int n = n0; n < n1; n++)
            {
                T* image = job.X + (long)n * g.InPerImage;
                T* padded = packed || paddedRows ? ThreadScratch<T>.Get(ConvScratch.Image, Im2Col.PaddedNhwcLength(g)) : null;
                if (padded != null) Im2Col.ToPaddedNhwc(g, image, padded);
                for (int p0 = 0; p0 < g.OutPerImage; p0 += rows)
                {
                    int r = Math.Min(rows, g.OutPerImage - p0);
                    T* dyTile = job.Dy + ((long)n * g.OutPerImage + p0) * g.OC;
                    T beta = first ? T.Zero : T.One;
                    first = false;
                    if (packed)
                    {
                        // im2col(x)ᵀ straight into packed panels: the GEMM packs only the small dy tile.
                        T* colT = ThreadScratch<T>.Get(ConvScratch.Tile, (long)(g.K + mr - 1) / mr * mr * r);
                        Im2Col.FillPackedTransposed(g, (float*)padded, p0, r, (float*)colT);
                        Gemm.Pointers(job.Kernel, g.K, g.OC, r, false, true, colT, r, false, false, dyTile, g.OC, beta, acc, g.OC);
                        continue;
                    }
                    // Otherwise the GEMM reads the im2col tile in place as Aᵀ (filled from the padded image when window rows
                    // are contiguous there: a few-channel image would copy only a few values per call into Fill's bulk copies).
                    T* col = direct ? image + (long)p0 * g.C : ThreadScratch<T>.Get(ConvScratch.Tile, (long)r * g.K + 32 / sizeof(T));
                    if (paddedRows) Im2Col.FillFromPadded(g, padded, p0, r, col);
                    else if (!direct) Im2Col.Fill(g, image, p0, r, col);
                    Gemm.Pointers(job.Kernel, g.K, g.OC, r, true, false, col, g.K, false, false, dyTile, g.OC, beta, acc, g.OC);
                }
            }
            if (first) new Span<T>(acc, g.K * g.OC).Clear();
        }
    }
}
