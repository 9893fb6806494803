using GraphTrainer.Runtime.Cpu;
using ILGPU;
using ILGPU.Runtime;

namespace GraphTrainer.Gpu;

/// <summary>
/// The data movement around a convolution's GEMM, on the device: im2col (an NHWC batch's windows as rows of K = KH·KW·C
/// values, in the filter's [KH, KW, C] order) and its adjoint, col2im, written as a gather (each input element sums the
/// window entries that read it), so no atomics are needed and the result is deterministic.
/// </summary>
internal static class Im2ColKernels
{
    /// <summary>col [rows, K] = the windows of output positions p0 .. p0+rows of x [N, H, W, C] (p counts (n, oh, ow)).</summary>
    public static void Im2Col<T>(GpuDevice device, in ConvGeometry g, ArrayView<T> x, int p0, int rows, ArrayView<T> col) where T : unmanaged
    {
        long n = (long)rows * g.K;
        if (n == 0) return;
        device.Kernel(Keys<T>.Im2Col, a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ConvGeometry, int>(Im2Col))((int)n, x, col, g, p0);
    }

    /// <summary>dx for images n0 .. n0+count (dx points at image n0) = col2im of dcol, the window gradients of those images.</summary>
    public static void Col2Im<T>(GpuDevice device, in ConvGeometry g, ArrayView<T> dcol, int count, ArrayView<T> dx) where T : unmanaged
    {
        long n = (long)count * g.InPerImage;
        if (n == 0) return;
        if (typeof(T) == typeof(float))
            device.Kernel(Keys<float>.Col2Im, a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ConvGeometry>(Col2Im<float, Float32Arithmetic>))(
                (int)n, dcol.Cast<float>(), dx.Cast<float>(), g);
        else
            device.Kernel(Keys<double>.Col2Im, a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, ConvGeometry>(Col2Im<double, Float64Arithmetic>))(
                (int)n, dcol.Cast<double>(), dx.Cast<double>(), g);
    }

    // Per element type, keys for the device's kernel cache.
    private static class Keys<T>
    {
        public static readonly object Im2Col = new(), Col2Im = new();
    }

    /// <summary>One im2col element: row i / K (output position p0 + row), column i % K = (kh, kw, c); zero in the padding.</summary>
    [GpuKernel(typeof(float))]
    [GpuKernel(typeof(double))]
    internal static void Im2Col<T>(Index1D i, ArrayView<T> x, ArrayView<T> col, ConvGeometry g, int p0) where T : unmanaged
    {
        int k = i % g.K, p = p0 + i / g.K;
        int c = k % g.C, kk = k / g.C, kw = kk % g.KW, kh = kk / g.KW;
        int ow = p % g.OW, r = p / g.OW, oh = r % g.OH, n = r / g.OH;
        int h = oh * g.SH - g.PadTop + kh * g.DH, w = ow * g.SW - g.PadLeft + kw * g.DW;
        col[i] = h >= 0 && h < g.H && w >= 0 && w < g.W ? x[((n * g.H + h) * g.W + w) * g.C + c] : default;
    }

    /// <summary>One input-gradient element (n, h, w, c) of the chunk: the sum of the window entries of dcol that read it.</summary>
    [GpuKernel]
    internal static void Col2Im<T, TMath>(Index1D i, ArrayView<T> dcol, ArrayView<T> dx, ConvGeometry g)
        where T : unmanaged where TMath : struct, IDeviceArithmetic<T>
    {
        var math = default(TMath);
        int c = i % g.C, r = i / g.C, w = r % g.W;
        r /= g.W;
        int h = r % g.H, n = r / g.H;
        T sum = math.Zero;
        for (int kh = 0; kh < g.KH; kh++)
        {
            int hh = h + g.PadTop - kh * g.DH;
            if (hh < 0 || hh % g.SH != 0 || hh / g.SH >= g.OH) continue;
            int oh = hh / g.SH;
            for (int kw = 0; kw < g.KW; kw++)
            {
                int ww = w + g.PadLeft - kw * g.DW;
                if (ww < 0 || ww % g.SW != 0 || ww / g.SW >= g.OW) continue;
                int row = (n * g.OH + oh) * g.OW + ww / g.SW;
                sum = math.Add(sum, dcol[row * g.K + (kh * g.KW + kw) * g.C + c]);
            }
        }
        dx[i] = sum;
    }
}
