using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// Float32 stride-1 convolutions of one-channel images (a grayscale network's first layer: Deep MNIST's 5×5×1×32) read
/// straight from the zero-bordered image, on AVX-512. With one channel an im2col row is just the KH·KW window, so the
/// GEMM's depth would be 25: packing it into panels and storing each 12×32 tile after 25 steps cost more than the
/// multiplies. Here 12 consecutive outputs of a row broadcast their inputs from the image row itself, tap by tap, and
/// the filter gradient keeps two filter rows' taps in registers over every output position of an image.
/// </summary>
internal static unsafe class SingleChannelConv
{
    private const int Rows = 12, Lanes = 16, Panel = 2 * Lanes, Taps = 5;

    /// <summary>Whether float32 convolutions that fit use this path (benchmarks turn it off to compare with im2col).</summary>
    internal static bool Enabled = true;

    /// <summary>Whether <paramref name="g"/> is a convolution this path computes: forward for any window, the filter gradient for 5 columns.</summary>
    public static bool Applies<T>(in ConvGeometry g, bool filterGradient = false) where T : unmanaged =>
        Enabled && typeof(T) == typeof(float) && Avx512F.IsSupported && g.C == 1 && g.SH == 1 && g.SW == 1 && g.DH == 1 && g.DW == 1
        && g.OC % Panel == 0 && g.OW >= Rows && g.N > 0 && (!filterGradient || g.KW == Taps);

    private struct Job
    {
        public ConvGeometry G, Pool;
        public float* X, F, Bias, Out, Dy;
        public bool Relu, FusePool;
        public int Slots;
    }

    /// <summary>As <see cref="ConvKernels.Forward{T}"/>.</summary>
    public static void Forward(in ConvGeometry g, float* x, float* f, float* bias, bool relu, float* y, ConvGeometry? pool)
    {
        var job = new Job { G = g, X = x, F = f, Bias = bias, Relu = relu, Out = y, FusePool = pool.HasValue, Pool = pool ?? default };
        ParallelRange.ForEach(g.N, &ForwardImages, &job);
    }

    private static void ForwardImages(void* p, int n0, int n1)
    {
        ref var job = ref *(Job*)p;
        var g = job.G;
        var (_, wp) = Im2Col.PaddedSize(g);
        int outImage = g.OutPerImage * g.OC;
        float* padded = ThreadScratch<float>.Get(ConvScratch.Image, Im2Col.PaddedPlanarLength<float>(g));
        for (int n = n0; n < n1; n++)
        {
            Im2Col.ToPaddedPlanar(g, job.X + (long)n * g.InPerImage, padded);
            float* dst = job.FusePool ? ThreadScratch<float>.Get(ConvScratch.Pooled, outImage) : job.Out + (long)n * outImage;
            for (int oy = 0; oy < g.OH; oy++)
                for (int ox = 0; ox < g.OW; ox += Rows)
                {
                    // The last run of a row starts early enough to be whole; its first outputs are written twice, alike.
                    int x0 = Math.Min(ox, g.OW - Rows);
                    for (int o = 0; o < g.OC; o += Panel)
                    {
                        var bias0 = job.Bias == null ? Vector512<float>.Zero : Vector512.Load(job.Bias + o);
                        var bias1 = job.Bias == null ? Vector512<float>.Zero : Vector512.Load(job.Bias + o + Lanes);
                        Outputs12(padded + (long)oy * wp + x0, wp, g.KH, g.KW, job.F + o, g.OC,
                            dst + ((long)oy * g.OW + x0) * g.OC + o, g.OC, bias0, bias1, job.Relu);
                    }
                }
            if (job.FusePool)
                PoolKernels.MaxPoolImage(job.Pool, dst, job.Out + (long)n * job.Pool.OutPerImage * g.OC);
        }
    }

    // y[i][0..32) for 12 consecutive outputs of a row: Σ over taps of image[ky][kx + i] · f[ky][kx][0..32), + bias, ReLU.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Outputs12(float* image, nint wp, int kh, int kw, float* f, nint ldf, float* y, nint ldy,
        Vector512<float> bias0, Vector512<float> bias1, bool relu)
    {
        Vector512<float> c0_0 = default, c0_1 = default, c1_0 = default, c1_1 = default, c2_0 = default, c2_1 = default, c3_0 = default, c3_1 = default, c4_0 = default, c4_1 = default, c5_0 = default, c5_1 = default, c6_0 = default, c6_1 = default, c7_0 = default, c7_1 = default, c8_0 = default, c8_1 = default, c9_0 = default, c9_1 = default, c10_0 = default, c10_1 = default, c11_0 = default, c11_1 = default;
        for (int ky = 0; ky < kh; ky++, image += wp)
            for (int kx = 0; kx < kw; kx++, f += ldf)
            {
                float* a = image + kx;
                var b0 = Vector512.Load(f); var b1 = Vector512.Load(f + Lanes);
                var a0 = Vector512.Create(a[0]); c0_0 = Avx512F.FusedMultiplyAdd(a0, b0, c0_0); c0_1 = Avx512F.FusedMultiplyAdd(a0, b1, c0_1);
                var a1 = Vector512.Create(a[1]); c1_0 = Avx512F.FusedMultiplyAdd(a1, b0, c1_0); c1_1 = Avx512F.FusedMultiplyAdd(a1, b1, c1_1);
                var a2 = Vector512.Create(a[2]); c2_0 = Avx512F.FusedMultiplyAdd(a2, b0, c2_0); c2_1 = Avx512F.FusedMultiplyAdd(a2, b1, c2_1);
                var a3 = Vector512.Create(a[3]); c3_0 = Avx512F.FusedMultiplyAdd(a3, b0, c3_0); c3_1 = Avx512F.FusedMultiplyAdd(a3, b1, c3_1);
                var a4 = Vector512.Create(a[4]); c4_0 = Avx512F.FusedMultiplyAdd(a4, b0, c4_0); c4_1 = Avx512F.FusedMultiplyAdd(a4, b1, c4_1);
                var a5 = Vector512.Create(a[5]); c5_0 = Avx512F.FusedMultiplyAdd(a5, b0, c5_0); c5_1 = Avx512F.FusedMultiplyAdd(a5, b1, c5_1);
                var a6 = Vector512.Create(a[6]); c6_0 = Avx512F.FusedMultiplyAdd(a6, b0, c6_0); c6_1 = Avx512F.FusedMultiplyAdd(a6, b1, c6_1);
                var a7 = Vector512.Create(a[7]); c7_0 = Avx512F.FusedMultiplyAdd(a7, b0, c7_0); c7_1 = Avx512F.FusedMultiplyAdd(a7, b1, c7_1);
                var a8 = Vector512.Create(a[8]); c8_0 = Avx512F.FusedMultiplyAdd(a8, b0, c8_0); c8_1 = Avx512F.FusedMultiplyAdd(a8, b1, c8_1);
                var a9 = Vector512.Create(a[9]); c9_0 = Avx512F.FusedMultiplyAdd(a9, b0, c9_0); c9_1 = Avx512F.FusedMultiplyAdd(a9, b1, c9_1);
                var a10 = Vector512.Create(a[10]); c10_0 = Avx512F.FusedMultiplyAdd(a10, b0, c10_0); c10_1 = Avx512F.FusedMultiplyAdd(a10, b1, c10_1);
                var a11 = Vector512.Create(a[11]); c11_0 = Avx512F.FusedMultiplyAdd(a11, b0, c11_0); c11_1 = Avx512F.FusedMultiplyAdd(a11, b1, c11_1);
            }
        Store(y + 0 * ldy, c0_0, c0_1, bias0, bias1, relu); Store(y + 1 * ldy, c1_0, c1_1, bias0, bias1, relu);
        Store(y + 2 * ldy, c2_0, c2_1, bias0, bias1, relu); Store(y + 3 * ldy, c3_0, c3_1, bias0, bias1, relu);
        Store(y + 4 * ldy, c4_0, c4_1, bias0, bias1, relu); Store(y + 5 * ldy, c5_0, c5_1, bias0, bias1, relu);
        Store(y + 6 * ldy, c6_0, c6_1, bias0, bias1, relu); Store(y + 7 * ldy, c7_0, c7_1, bias0, bias1, relu);
        Store(y + 8 * ldy, c8_0, c8_1, bias0, bias1, relu); Store(y + 9 * ldy, c9_0, c9_1, bias0, bias1, relu);
        Store(y + 10 * ldy, c10_0, c10_1, bias0, bias1, relu); Store(y + 11 * ldy, c11_0, c11_1, bias0, bias1, relu);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* y, Vector512<float> x0, Vector512<float> x1, Vector512<float> bias0, Vector512<float> bias1, bool relu)
    {
        x0 += bias0; x1 += bias1;
        // max(0, x) with x second: x86 max returns the second operand for NaN, so NaN propagates.
        if (relu) { x0 = Avx512F.Max(Vector512<float>.Zero, x0); x1 = Avx512F.Max(Vector512<float>.Zero, x1); }
        Vector512.Store(x0, y); Vector512.Store(x1, y + Lanes);
    }

    /// <summary>As <see cref="ConvKernels.BackpropFilter{T}"/>, for a filter 5 columns wide.</summary>
    public static void BackpropFilter(in ConvGeometry g, float* x, float* dy, float* df)
    {
        int slots = Math.Min(Gemm.MaxThreads, g.N);
        int size = g.KH * Taps * g.OC;
        float* partials = ThreadScratch<float>.Get(ConvScratch.Shared, (long)slots * size);
        new Span<float>(partials, slots * size).Clear();
        var job = new Job { G = g, X = x, Dy = dy, Out = partials, Slots = slots };
        ParallelRange.ForEach(slots, &FilterGradientSlot, &job);
        var total = new Span<float>(df, size);
        new ReadOnlySpan<float>(partials, size).CopyTo(total);
        for (int s = 1; s < slots; s++) System.Numerics.Tensors.TensorPrimitives.Add(total, new ReadOnlySpan<float>(partials + s * size, size), total);
    }

    private static void FilterGradientSlot(void* p, int s0, int s1)
    {
        ref var job = ref *(Job*)p;
        var g = job.G;
        var (_, wp) = Im2Col.PaddedSize(g);
        float* padded = ThreadScratch<float>.Get(ConvScratch.Image, Im2Col.PaddedPlanarLength<float>(g));
        for (int s = s0; s < s1; s++)
        {
            float* acc = job.Out + (long)s * g.KH * Taps * g.OC;
            int n0 = (int)((long)g.N * s / job.Slots), n1 = (int)((long)g.N * (s + 1) / job.Slots);
            for (int n = n0; n < n1; n++)
            {
                Im2Col.ToPaddedPlanar(g, job.X + (long)n * g.InPerImage, padded);
                float* grad = job.Dy + (long)n * g.OutPerImage * g.OC;
                for (int ky = 0; ky < g.KH; ky += 2)
                    for (int o = 0; o < g.OC; o += Panel)
                        TwoFilterRows(padded + (long)ky * wp, wp, g.OH, g.OW, grad + o, g.OC,
                            acc + (long)ky * Taps * g.OC + o, g.OC, second: ky + 1 < g.KH);
            }
        }
    }

    // df[ky + r][kx][0..32) += Σ over outputs (oy, ox) of image[oy + r][ox + kx] · dy[oy][ox][0..32), r = 0 and (if second) 1.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TwoFilterRows(float* image, nint wp, int oh, int ow, float* dy, nint ldy, float* df, nint ldf, bool second)
    {
        Vector512<float> c0_0 = default, c0_1 = default, c1_0 = default, c1_1 = default, c2_0 = default, c2_1 = default, c3_0 = default, c3_1 = default, c4_0 = default, c4_1 = default;
        Vector512<float> d0_0 = default, d0_1 = default, d1_0 = default, d1_1 = default, d2_0 = default, d2_1 = default, d3_0 = default, d3_1 = default, d4_0 = default, d4_1 = default;
        for (int oy = 0; oy < oh; oy++)
        {
            float* row = image + oy * wp, next = row + wp, g = dy + (long)oy * ow * ldy;
            for (int ox = 0; ox < ow; ox++, g += ldy)
            {
                var b0 = Vector512.Load(g); var b1 = Vector512.Load(g + Lanes);
                float* a = row + ox;
                var a0 = Vector512.Create(a[0]); c0_0 = Avx512F.FusedMultiplyAdd(a0, b0, c0_0); c0_1 = Avx512F.FusedMultiplyAdd(a0, b1, c0_1);
                var a1 = Vector512.Create(a[1]); c1_0 = Avx512F.FusedMultiplyAdd(a1, b0, c1_0); c1_1 = Avx512F.FusedMultiplyAdd(a1, b1, c1_1);
                var a2 = Vector512.Create(a[2]); c2_0 = Avx512F.FusedMultiplyAdd(a2, b0, c2_0); c2_1 = Avx512F.FusedMultiplyAdd(a2, b1, c2_1);
                var a3 = Vector512.Create(a[3]); c3_0 = Avx512F.FusedMultiplyAdd(a3, b0, c3_0); c3_1 = Avx512F.FusedMultiplyAdd(a3, b1, c3_1);
                var a4 = Vector512.Create(a[4]); c4_0 = Avx512F.FusedMultiplyAdd(a4, b0, c4_0); c4_1 = Avx512F.FusedMultiplyAdd(a4, b1, c4_1);
                if (!second) continue;
                a = next + ox;
                var e0 = Vector512.Create(a[0]); d0_0 = Avx512F.FusedMultiplyAdd(e0, b0, d0_0); d0_1 = Avx512F.FusedMultiplyAdd(e0, b1, d0_1);
                var e1 = Vector512.Create(a[1]); d1_0 = Avx512F.FusedMultiplyAdd(e1, b0, d1_0); d1_1 = Avx512F.FusedMultiplyAdd(e1, b1, d1_1);
                var e2 = Vector512.Create(a[2]); d2_0 = Avx512F.FusedMultiplyAdd(e2, b0, d2_0); d2_1 = Avx512F.FusedMultiplyAdd(e2, b1, d2_1);
                var e3 = Vector512.Create(a[3]); d3_0 = Avx512F.FusedMultiplyAdd(e3, b0, d3_0); d3_1 = Avx512F.FusedMultiplyAdd(e3, b1, d3_1);
                var e4 = Vector512.Create(a[4]); d4_0 = Avx512F.FusedMultiplyAdd(e4, b0, d4_0); d4_1 = Avx512F.FusedMultiplyAdd(e4, b1, d4_1);
            }
        }
        Add(df + 0 * ldf, c0_0, c0_1); Add(df + 1 * ldf, c1_0, c1_1); Add(df + 2 * ldf, c2_0, c2_1); Add(df + 3 * ldf, c3_0, c3_1); Add(df + 4 * ldf, c4_0, c4_1);
        if (!second) return;
        df += Taps * ldf;
        Add(df + 0 * ldf, d0_0, d0_1); Add(df + 1 * ldf, d1_0, d1_1); Add(df + 2 * ldf, d2_0, d2_1); Add(df + 3 * ldf, d3_0, d3_1); Add(df + 4 * ldf, d4_0, d4_1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(float* df, Vector512<float> x0, Vector512<float> x1)
    {
        Vector512.Store(Vector512.Load(df) + x0, df);
        Vector512.Store(Vector512.Load(df + Lanes) + x1, df + Lanes);
    }
}
