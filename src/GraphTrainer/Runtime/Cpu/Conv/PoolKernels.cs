using System.Numerics;
using System.Numerics.Tensors;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// NHWC max and average pooling and their gradients, vectorized along channels (contiguous in NHWC). Padding never
/// contributes: a max ignores it and an average divides by the number of real inputs under the window, as TensorFlow.
/// The geometry's OC is the channel count.
/// </summary>
internal static unsafe class PoolKernels
{
    private struct Job<T> where T : unmanaged
    {
        public ConvGeometry G;
        public T* X, Y, Dy, Dx;
        public bool Average, Relu;
    }

    /// <summary>y = max_pool(x) or avg_pool(x).</summary>
    public static void Pool<T>(in ConvGeometry g, T* x, T* y, bool average) where T : unmanaged, INumber<T>
    {
        var job = new Job<T> { G = g, X = x, Y = y, Average = average };
        ParallelRange.ForEach(g.N, &PoolImages<T>, &job);
    }

    private static void PoolImages<T>(void* p, int n0, int n1) where T : unmanaged, INumber<T>
    {
        ref var job = ref *(Job<T>*)p;
        var g = job.G;
        for (int n = n0; n < n1; n++)
        {
            T* x = job.X + (long)n * g.InPerImage, y = job.Y + (long)n * g.OutPerImage * g.C;
            if (job.Average) AvgPoolImage(g, x, y);
            else MaxPoolImage(g, x, y);
        }
    }

    // The window of output (oh, ow) clipped to the input: rows [h0, h1), columns [w0, w1).
    private static (int H0, int H1, int W0, int W1) Window(in ConvGeometry g, int oh, int ow)
    {
        int h = oh * g.SH - g.PadTop, w = ow * g.SW - g.PadLeft;
        return (Math.Max(h, 0), Math.Min(h + g.KH, g.H), Math.Max(w, 0), Math.Min(w + g.KW, g.W));
    }

    /// <summary>Max-pools one image [H,W,C] into [OH,OW,C].</summary>
    public static void MaxPoolImage<T>(in ConvGeometry g, T* x, T* y) where T : unmanaged, INumber<T>
    {
        int c = g.C;
        for (int oh = 0; oh < g.OH; oh++)
            for (int ow = 0; ow < g.OW; ow++)
            {
                var (h0, h1, w0, w1) = Window(g, oh, ow);
                var d = new Span<T>(y + ((long)oh * g.OW + ow) * c, c);
                bool first = true;
                for (int h = h0; h < h1; h++)
                    for (int w = w0; w < w1; w++)
                    {
                        var s = new ReadOnlySpan<T>(x + ((long)h * g.W + w) * c, c);
                        if (first) s.CopyTo(d);
                        else TensorPrimitives.Max(d, s, d);
                        first = false;
                    }
            }
    }

    private static void AvgPoolImage<T>(in ConvGeometry g, T* x, T* y) where T : unmanaged, INumber<T>
    {
        int c = g.C;
        for (int oh = 0; oh < g.OH; oh++)
            for (int ow = 0; ow < g.OW; ow++)
            {
                var (h0, h1, w0, w1) = Window(g, oh, ow);
                var d = new Span<T>(y + ((long)oh * g.OW + ow) * c, c);
                d.Clear();
                for (int h = h0; h < h1; h++)
                    for (int w = w0; w < w1; w++)
                        TensorPrimitives.Add(d, new ReadOnlySpan<T>(x + ((long)h * g.W + w) * c, c), d);
                TensorPrimitives.Multiply(d, T.One / T.CreateTruncating((h1 - h0) * (w1 - w0)), d);
            }
    }

    /// <summary>
    /// dx = the gradient of max_pool(x) = y given dy: each output's gradient goes to the first input of its window (in
    /// row-major window order) that equals the maximum, TensorFlow's tie-breaking; overlapping windows add up. With
    /// <paramref name="relu"/>, x is a ReLU's output and dx then goes on through its gradient (ReluGrad(dx, x)), image by
    /// image while dx is still in cache.
    /// </summary>
    public static void MaxPoolGrad<T>(in ConvGeometry g, T* x, T* y, T* dy, T* dx, bool relu = false) where T : unmanaged, INumber<T>
    {
        var job = new Job<T> { G = g, X = x, Y = y, Dy = dy, Dx = dx, Relu = relu };
        ParallelRange.ForEach(g.N, &MaxPoolGradImages<T>, &job);
    }

    private static void MaxPoolGradImages<T>(void* p, int n0, int n1) where T : unmanaged, INumber<T>
    {
        ref var job = ref *(Job<T>*)p;
        var g = job.G;
        int c = g.C, vc = Vector<T>.Count;
        for (int n = n0; n < n1; n++)
        {
            T* x = job.X + (long)n * g.InPerImage, dx = job.Dx + (long)n * g.InPerImage;
            long outBase = (long)n * g.OutPerImage * c;
            new Span<T>(dx, g.InPerImage).Clear();
            for (int oh = 0; oh < g.OH; oh++)
                for (int ow = 0; ow < g.OW; ow++)
                {
                    var (h0, h1, w0, w1) = Window(g, oh, ow);
                    long o = outBase + ((long)oh * g.OW + ow) * c;
                    T* ym = job.Y + o, dym = job.Dy + o;
                    int ch = 0;
                    // A channel's gradient is still unclaimed while "pending" is set; the first input equal to the max takes it.
                    for (; ch + vc <= c; ch += vc)
                    {
                        var max = Vector.Load(ym + ch);
                        var grad = Vector.Load(dym + ch);
                        var pending = Vector<T>.AllBitsSet;
                        for (int h = h0; h < h1; h++)
                            for (int w = w0; w < w1; w++)
                            {
                                long i = ((long)h * g.W + w) * c + ch;
                                var hit = Vector.BitwiseAnd(Vector.Equals(Vector.Load(x + i), max), pending);
                                Vector.Store(Vector.Load(dx + i) + Vector.ConditionalSelect(hit, grad, Vector<T>.Zero), dx + i);
                                pending = Vector.AndNot(pending, hit);
                            }
                    }
                    for (; ch < c; ch++)
                    {
                        bool claimed = false;
                        for (int h = h0; h < h1 && !claimed; h++)
                            for (int w = w0; w < w1 && !claimed; w++)
                            {
                                long i = ((long)h * g.W + w) * c + ch;
                                if (x[i] == ym[ch]) { dx[i] += dym[ch]; claimed = true; }
                            }
                    }
                }
            if (job.Relu)
            {
                var image = new Span<T>(dx, g.InPerImage);
                ActivationKernels.ReluGrad<T>(image, new ReadOnlySpan<T>(x, g.InPerImage), image);
            }
        }
    }

    /// <summary>dx = the gradient of avg_pool: each output's gradient divided by its window's real-input count, spread over that window.</summary>
    public static void AvgPoolGrad<T>(in ConvGeometry g, T* dy, T* dx) where T : unmanaged, INumber<T>
    {
        var job = new Job<T> { G = g, Dy = dy, Dx = dx };
        ParallelRange.ForEach(g.N, &AvgPoolGradImages<T>, &job);
    }

    private static void AvgPoolGradImages<T>(void* p, int n0, int n1) where T : unmanaged, INumber<T>
    {
        ref var job = ref *(Job<T>*)p;
        var g = job.G;
        int c = g.C;
        T* share = ThreadScratch<T>.Get(0, c);
        for (int n = n0; n < n1; n++)
        {
            T* dx = job.Dx + (long)n * g.InPerImage;
            new Span<T>(dx, g.InPerImage).Clear();
            for (int oh = 0; oh < g.OH; oh++)
                for (int ow = 0; ow < g.OW; ow++)
                {
                    var (h0, h1, w0, w1) = Window(g, oh, ow);
                    var s = new Span<T>(share, c);
                    TensorPrimitives.Multiply(new ReadOnlySpan<T>(job.Dy + ((long)n * g.OutPerImage + (long)oh * g.OW + ow) * c, c),
                        T.One / T.CreateTruncating((h1 - h0) * (w1 - w0)), s);
                    for (int h = h0; h < h1; h++)
                        for (int w = w0; w < w1; w++)
                        {
                            var d = new Span<T>(dx + ((long)h * g.W + w) * c, c);
                            TensorPrimitives.Add(d, s, d);
                        }
                }
        }
    }
}
