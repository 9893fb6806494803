using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;
using ILGPU;
using ILGPU.Runtime;
using Kernel = GraphTrainer.Runtime.Kernel;

namespace GraphTrainer.Gpu;

/// <summary>
/// MaxPool, AvgPool and their gradients on the device, one thread per output (forward) or per input element (gradients,
/// written as gathers: no atomics, deterministic). Semantics are the CPU kernels': windows clipped to the input (padding
/// never counts: an average divides by the real inputs under its window); MaxPoolGrad gives each output's gradient to the
/// FIRST input of its window, in row-major order, equal to orig_output, TensorFlow's tie-breaking. The gathers add the
/// contributions in the CPU's order (windows by row, then column), so the gradients match the CPU's exactly.
/// </summary>
internal static class PoolingKernels
{
    public static void Register()
    {
        foreach (var op in new[] { "MaxPool", "AvgPool" })
        {
            KernelRegistry.Register(op, GpuKernels.Gpu, DType.Float32, Pool<float, Float32Arithmetic>);
            KernelRegistry.Register(op, GpuKernels.Gpu, DType.Float64, Pool<double, Float64Arithmetic>);
        }
        KernelRegistry.Register("MaxPoolGrad", GpuKernels.Gpu, DType.Float32, MaxPoolGrad<float, Float32Arithmetic>);
        KernelRegistry.Register("MaxPoolGrad", GpuKernels.Gpu, DType.Float64, MaxPoolGrad<double, Float64Arithmetic>);
        KernelRegistry.Register("AvgPoolGrad", GpuKernels.Gpu, DType.Float32, AvgPoolGrad<float, Float32Arithmetic>);
        KernelRegistry.Register("AvgPoolGrad", GpuKernels.Gpu, DType.Float64, AvgPoolGrad<double, Float64Arithmetic>);
        KernelRegistry.SetHostMemoryInputs("AvgPoolGrad", GpuKernels.Gpu, 0);
    }

    private static Kernel Pool<T, TMath>(NodeInfo node) where T : unmanaged where TMath : struct, IDeviceArithmetic<T>
    {
        var attrs = new ConvKernelSupport(node);
        var scratch = new DeviceScratch();
        bool average = node.Type == "AvgPool";
        return ctx =>
        {
            var device = (GpuDevice)ctx.Device;
            var g = attrs.Pool(ctx.Input(0).Shape);
            var y = ctx.Output(0, attrs.OutputShape(g));
            if (y.Length == 0) return;
            var x = Conv2DKernels.ToNhwc<T>(device, attrs, ctx.Input(0), scratch, 0);
            var yn = attrs.Nchw ? scratch.Get<T>(device, 2, y.Length) : GpuTensor.View<T>(y);
            var kernel = average ? Kernels<T, TMath>.AvgPool : Kernels<T, TMath>.MaxPool;
            device.Kernel(kernel, a => a.LoadAutoGroupedStreamKernel(kernel))(y.Length, x, yn, g);
            FromNhwc(device, attrs, g, yn, y, g.OH, g.OW);
        };
    }

    private static Kernel MaxPoolGrad<T, TMath>(NodeInfo node) where T : unmanaged where TMath : struct, IDeviceArithmetic<T>
    {
        var attrs = new ConvKernelSupport(node);
        var scratch = new DeviceScratch();
        return ctx =>
        {
            var device = (GpuDevice)ctx.Device;
            var g = attrs.Pool(ctx.Input(0).Shape);
            var outShape = attrs.OutputShape(g);
            attrs.RequireShape(ctx.Input(1), outShape, "orig_output");
            attrs.RequireShape(ctx.Input(2), outShape, "grad");
            var dx = ctx.Output(0, ctx.Input(0).Shape);
            if (dx.Length == 0) return;
            var x = Conv2DKernels.ToNhwc<T>(device, attrs, ctx.Input(0), scratch, 0);
            var y = Conv2DKernels.ToNhwc<T>(device, attrs, ctx.Input(1), scratch, 1);
            var dy = Conv2DKernels.ToNhwc<T>(device, attrs, ctx.Input(2), scratch, 3);
            var dxn = attrs.Nchw ? scratch.Get<T>(device, 2, dx.Length) : GpuTensor.View<T>(dx);
            // Pass 1: each output's winner (its window's first input equal to orig_output); pass 2: each input gathers.
            int outputs = ctx.Input(1).Length;
            var winners = scratch.Get<int>(device, 4, outputs);
            if (outputs > 0)
                device.Kernel(Kernels<T, TMath>.Winners, a => a.LoadAutoGroupedStreamKernel(Kernels<T, TMath>.Winners))(outputs, x, y, winners, g);
            device.Kernel(Kernels<T, TMath>.MaxGather, a => a.LoadAutoGroupedStreamKernel(Kernels<T, TMath>.MaxGather))(dx.Length, dy, winners, dxn, g);
            FromNhwc(device, attrs, g, dxn, dx, g.H, g.W);
        };
    }

    private static Kernel AvgPoolGrad<T, TMath>(NodeInfo node) where T : unmanaged where TMath : struct, IDeviceArithmetic<T>
    {
        var attrs = new ConvKernelSupport(node);
        var scratch = new DeviceScratch();
        return ctx =>
        {
            var device = (GpuDevice)ctx.Device;
            var inputShape = attrs.ShapeArgument(ctx.Input(0), "orig_input_shape");
            var g = attrs.Pool(inputShape);
            attrs.RequireShape(ctx.Input(1), attrs.OutputShape(g), "grad");
            var dx = ctx.Output(0, inputShape);
            if (dx.Length == 0) return;
            var dy = Conv2DKernels.ToNhwc<T>(device, attrs, ctx.Input(1), scratch, 0);
            var dxn = attrs.Nchw ? scratch.Get<T>(device, 2, dx.Length) : GpuTensor.View<T>(dx);
            device.Kernel(Kernels<T, TMath>.AvgGather, a => a.LoadAutoGroupedStreamKernel(Kernels<T, TMath>.AvgGather))(dx.Length, dy, dxn, g);
            FromNhwc(device, attrs, g, dxn, dx, g.H, g.W);
        };
    }

    private static void FromNhwc<T>(GpuDevice device, ConvKernelSupport attrs, in ConvGeometry g, ArrayView<T> nhwc, TensorValue output, int h, int w)
        where T : unmanaged
    {
        if (attrs.Nchw) DeviceLayout.Transpose(device, nhwc, stackalloc[] { g.N, h, w, g.C }, stackalloc[] { 0, 3, 1, 2 }, GpuTensor.View<T>(output));
    }

    // The kernels as delegates, one set per element type (also the keys of the device's kernel cache).
    private static class Kernels<T, TMath> where T : unmanaged where TMath : struct, IDeviceArithmetic<T>
    {
        public static readonly Action<Index1D, ArrayView<T>, ArrayView<T>, ConvGeometry> MaxPool = MaxPoolKernel<T, TMath>;
        public static readonly Action<Index1D, ArrayView<T>, ArrayView<T>, ConvGeometry> AvgPool = AvgPoolKernel<T, TMath>;
        public static readonly Action<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<int>, ConvGeometry> Winners = MaxWinnerKernel<T, TMath>;
        public static readonly Action<Index1D, ArrayView<T>, ArrayView<int>, ArrayView<T>, ConvGeometry> MaxGather = MaxGradGatherKernel<T, TMath>;
        public static readonly Action<Index1D, ArrayView<T>, ArrayView<T>, ConvGeometry> AvgGather = AvgGradGatherKernel<T, TMath>;
    }

    // Output element i = (n, oh, ow, c) of an NHWC pooling output.
    private static (int N, int OH, int OW, int C) OutputAt(int i, in ConvGeometry g)
    {
        int c = i % g.C, r = i / g.C, ow = r % g.OW;
        r /= g.OW;
        return (r / g.OH, r % g.OH, ow, c);
    }

    // The first window (along one axis) that covers input position `pos`, and the last, clipped to [0, count).
    private static int FirstWindow(int pos, int pad, int window, int stride)
    {
        int lowest = pos + pad - window + 1;
        return lowest <= 0 ? 0 : (lowest + stride - 1) / stride;
    }

    private static int LastWindow(int pos, int pad, int stride, int count)
    {
        int last = (pos + pad) / stride;
        return last < count - 1 ? last : count - 1;
    }

    // The number of real inputs under window (oh, ow): the window clipped to the input.
    private static int WindowCount(int oh, int ow, in ConvGeometry g)
    {
        int h = oh * g.SH - g.PadTop, w = ow * g.SW - g.PadLeft;
        int h0 = h > 0 ? h : 0, h1 = h + g.KH < g.H ? h + g.KH : g.H, w0 = w > 0 ? w : 0, w1 = w + g.KW < g.W ? w + g.KW : g.W;
        return (h1 - h0) * (w1 - w0);
    }

    /// <summary>y[i] = the maximum of output i's window (NaN if any input is NaN).</summary>
    [GpuKernel(typeof(float), typeof(Float32Arithmetic))]
    [GpuKernel(typeof(double), typeof(Float64Arithmetic))]
    internal static void MaxPoolKernel<T, TMath>(Index1D i, ArrayView<T> x, ArrayView<T> y, ConvGeometry g)
        where T : unmanaged where TMath : struct, IDeviceArithmetic<T>
    {
        var math = default(TMath);
        var (n, oh, ow, c) = OutputAt(i, g);
        int h = oh * g.SH - g.PadTop, w = ow * g.SW - g.PadLeft;
        int h0 = h > 0 ? h : 0, h1 = h + g.KH < g.H ? h + g.KH : g.H, w0 = w > 0 ? w : 0, w1 = w + g.KW < g.W ? w + g.KW : g.W;
        T max = x[((n * g.H + h0) * g.W + w0) * g.C + c];
        for (int hh = h0; hh < h1; hh++)
            for (int ww = w0; ww < w1; ww++)
                max = math.Max(max, x[((n * g.H + hh) * g.W + ww) * g.C + c]);
        y[i] = max;
    }

    /// <summary>y[i] = the sum of output i's window (row-major, from zero) times 1/(real inputs under it), as the CPU.</summary>
    [GpuKernel(typeof(float), typeof(Float32Arithmetic))]
    [GpuKernel(typeof(double), typeof(Float64Arithmetic))]
    internal static void AvgPoolKernel<T, TMath>(Index1D i, ArrayView<T> x, ArrayView<T> y, ConvGeometry g)
        where T : unmanaged where TMath : struct, IDeviceArithmetic<T>
    {
        var math = default(TMath);
        var (n, oh, ow, c) = OutputAt(i, g);
        int h = oh * g.SH - g.PadTop, w = ow * g.SW - g.PadLeft;
        int h0 = h > 0 ? h : 0, h1 = h + g.KH < g.H ? h + g.KH : g.H, w0 = w > 0 ? w : 0, w1 = w + g.KW < g.W ? w + g.KW : g.W;
        T sum = math.Zero;
        for (int hh = h0; hh < h1; hh++)
            for (int ww = w0; ww < w1; ww++)
                sum = math.Add(sum, x[((n * g.H + hh) * g.W + ww) * g.C + c]);
        y[i] = math.Mul(sum, math.Reciprocal((h1 - h0) * (w1 - w0)));
    }

    /// <summary>winner[i] = h·W + w of the first input of output i's window equal to y[i], or −1 when none is.</summary>
    [GpuKernel(typeof(float), typeof(Float32Arithmetic))]
    [GpuKernel(typeof(double), typeof(Float64Arithmetic))]
    internal static void MaxWinnerKernel<T, TMath>(Index1D i, ArrayView<T> x, ArrayView<T> y, ArrayView<int> winner, ConvGeometry g)
        where T : unmanaged where TMath : struct, IDeviceArithmetic<T>
    {
        var math = default(TMath);
        var (n, oh, ow, c) = OutputAt(i, g);
        int h = oh * g.SH - g.PadTop, w = ow * g.SW - g.PadLeft;
        int h0 = h > 0 ? h : 0, h1 = h + g.KH < g.H ? h + g.KH : g.H, w0 = w > 0 ? w : 0, w1 = w + g.KW < g.W ? w + g.KW : g.W;
        T max = y[i];
        int found = -1;
        for (int hh = h0; hh < h1 && found < 0; hh++)
            for (int ww = w0; ww < w1 && found < 0; ww++)
                if (math.Equal(x[((n * g.H + hh) * g.W + ww) * g.C + c], max)) found = hh * g.W + ww;
        winner[i] = found;
    }

    /// <summary>dx[i] = the sum, over the windows covering input i in row-major order, of dy where i is the window's winner.</summary>
    [GpuKernel(typeof(float), typeof(Float32Arithmetic))]
    [GpuKernel(typeof(double), typeof(Float64Arithmetic))]
    internal static void MaxGradGatherKernel<T, TMath>(Index1D i, ArrayView<T> dy, ArrayView<int> winner, ArrayView<T> dx, ConvGeometry g)
        where T : unmanaged where TMath : struct, IDeviceArithmetic<T>
    {
        var math = default(TMath);
        int c = i % g.C, r = i / g.C, w = r % g.W;
        r /= g.W;
        int h = r % g.H, n = r / g.H, self = h * g.W + w;
        T sum = math.Zero;
        int ohEnd = LastWindow(h, g.PadTop, g.SH, g.OH), owEnd = LastWindow(w, g.PadLeft, g.SW, g.OW);
        for (int oh = FirstWindow(h, g.PadTop, g.KH, g.SH); oh <= ohEnd; oh++)
            for (int ow = FirstWindow(w, g.PadLeft, g.KW, g.SW); ow <= owEnd; ow++)
            {
                int o = ((n * g.OH + oh) * g.OW + ow) * g.C + c;
                if (winner[o] == self) sum = math.Add(sum, dy[o]);
            }
        dx[i] = sum;
    }

    /// <summary>dx[i] = the sum, over the windows covering input i in row-major order, of dy · 1/(real inputs under the window).</summary>
    [GpuKernel(typeof(float), typeof(Float32Arithmetic))]
    [GpuKernel(typeof(double), typeof(Float64Arithmetic))]
    internal static void AvgGradGatherKernel<T, TMath>(Index1D i, ArrayView<T> dy, ArrayView<T> dx, ConvGeometry g)
        where T : unmanaged where TMath : struct, IDeviceArithmetic<T>
    {
        var math = default(TMath);
        int c = i % g.C, r = i / g.C, w = r % g.W;
        r /= g.W;
        int h = r % g.H, n = r / g.H;
        T sum = math.Zero;
        int ohEnd = LastWindow(h, g.PadTop, g.SH, g.OH), owEnd = LastWindow(w, g.PadLeft, g.SW, g.OW);
        for (int oh = FirstWindow(h, g.PadTop, g.KH, g.SH); oh <= ohEnd; oh++)
            for (int ow = FirstWindow(w, g.PadLeft, g.KW, g.SW); ow <= owEnd; ow++)
                sum = math.Add(sum, math.Mul(dy[((n * g.OH + oh) * g.OW + ow) * g.C + c], math.Reciprocal(WindowCount(oh, ow, g))));
        dx[i] = sum;
    }
}
