using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;
using ILGPU;
using Kernel = GraphTrainer.Runtime.Kernel;

namespace GraphTrainer.Gpu;

/// <summary>
/// Conv2D, Conv2DBackpropInput and Conv2DBackpropFilter on the device as im2col + the device GEMM, with the CPU kernels'
/// semantics (strides, SAME/VALID with TensorFlow's asymmetric padding, dilations, NHWC and NCHW — NCHW transposed to
/// NHWC on the device and back). Batches are processed a chunk of whole images at a time so the im2col buffer stays
/// under <see cref="ChunkElements"/> whatever the batch; a 1×1, stride-1, unpadded convolution reads the input itself
/// as its im2col matrix. input_sizes and filter_sizes are read in host memory, as TensorFlow's GPU kernels do.
/// </summary>
internal static class Conv2DKernels
{
    /// <summary>The most im2col elements held at once (16 Mi: 64 MiB of float32); at least one image is always taken.</summary>
    internal static long ChunkElements = 1L << 24;

    public static void Register()
    {
        KernelRegistry.Register("Conv2D", GpuKernels.Gpu, DType.Float32, Forward<float>);
        KernelRegistry.Register("Conv2D", GpuKernels.Gpu, DType.Float64, Forward<double>);
        KernelRegistry.Register("Conv2DBackpropInput", GpuKernels.Gpu, DType.Float32, BackpropInput<float>);
        KernelRegistry.Register("Conv2DBackpropInput", GpuKernels.Gpu, DType.Float64, BackpropInput<double>);
        KernelRegistry.Register("Conv2DBackpropFilter", GpuKernels.Gpu, DType.Float32, BackpropFilter<float>);
        KernelRegistry.Register("Conv2DBackpropFilter", GpuKernels.Gpu, DType.Float64, BackpropFilter<double>);
        KernelRegistry.SetHostMemoryInputs("Conv2DBackpropInput", GpuKernels.Gpu, 0);
        KernelRegistry.SetHostMemoryInputs("Conv2DBackpropFilter", GpuKernels.Gpu, 1);
    }

    // Scratch slots: NHWC copies of NCHW inputs (0, 1), the NHWC result of an NCHW node (2), im2col rows (3).
    private const int InSlot = 0, In2Slot = 1, OutSlot = 2, ColSlot = 3;

    private static Kernel Forward<T>(NodeInfo node) where T : unmanaged
    {
        var attrs = new ConvKernelSupport(node);
        var scratch = new DeviceScratch();
        return ctx =>
        {
            var device = (GpuDevice)ctx.Device;
            TensorValue input = ctx.Input(0), filter = ctx.Input(1);
            var g = attrs.Conv(input.Shape, filter.Shape);
            var y = ctx.Output(0, attrs.OutputShape(g));
            if (y.Length == 0) return;
            var x = ToNhwc<T>(device, attrs, input, scratch, InSlot);
            var yn = attrs.Nchw ? scratch.Get<T>(device, OutSlot, y.Length) : GpuTensor.View<T>(y);
            var f = GpuTensor.View<T>(filter);
            if (Direct(g))
                DeviceGemm.Multiply(device, false, false, g.N * g.OutPerImage, g.OC, g.K, x, g.K, f, g.OC, yn, g.OC);
            else
                foreach (var (n0, count) in Chunks(g))
                {
                    int rows = count * g.OutPerImage;
                    var col = scratch.Get<T>(device, ColSlot, (long)rows * g.K);
                    Im2ColKernels.Im2Col(device, g, x, n0 * g.OutPerImage, rows, col);
                    DeviceGemm.Multiply(device, false, false, rows, g.OC, g.K, col, g.K, f, g.OC, yn.SubView((long)n0 * g.OutPerImage * g.OC), g.OC);
                }
            if (attrs.Nchw) DeviceLayout.Transpose(device, yn, stackalloc[] { g.N, g.OH, g.OW, g.OC }, stackalloc[] { 0, 3, 1, 2 }, GpuTensor.View<T>(y));
        };
    }

    private static Kernel BackpropInput<T>(NodeInfo node) where T : unmanaged
    {
        var attrs = new ConvKernelSupport(node);
        var scratch = new DeviceScratch();
        return ctx =>
        {
            var device = (GpuDevice)ctx.Device;
            var inputShape = attrs.ShapeArgument(ctx.Input(0), "input_sizes");
            var g = attrs.Conv(inputShape, ctx.Input(1).Shape);
            attrs.RequireShape(ctx.Input(2), attrs.OutputShape(g), "out_backprop");
            var dx = ctx.Output(0, inputShape);
            if (dx.Length == 0) return;
            var dy = ToNhwc<T>(device, attrs, ctx.Input(2), scratch, InSlot);
            var dxn = attrs.Nchw ? scratch.Get<T>(device, OutSlot, dx.Length) : GpuTensor.View<T>(dx);
            var f = GpuTensor.View<T>(ctx.Input(1));
            // dcol = dy · fᵀ (f is [K, OC]); then each input element gathers the window entries that read it.
            if (Direct(g))
                DeviceGemm.Multiply(device, false, true, g.N * g.OutPerImage, g.K, g.OC, dy, g.OC, f, g.OC, dxn, g.K);
            else
                foreach (var (n0, count) in Chunks(g))
                {
                    int rows = count * g.OutPerImage;
                    var dcol = scratch.Get<T>(device, ColSlot, (long)rows * g.K);
                    DeviceGemm.Multiply(device, false, true, rows, g.K, g.OC, dy.SubView((long)n0 * g.OutPerImage * g.OC), g.OC, f, g.OC, dcol, g.K);
                    Im2ColKernels.Col2Im(device, g, dcol, count, dxn.SubView((long)n0 * g.InPerImage));
                }
            if (attrs.Nchw) DeviceLayout.Transpose(device, dxn, stackalloc[] { g.N, g.H, g.W, g.C }, stackalloc[] { 0, 3, 1, 2 }, GpuTensor.View<T>(dx));
        };
    }

    private static Kernel BackpropFilter<T>(NodeInfo node) where T : unmanaged
    {
        var attrs = new ConvKernelSupport(node);
        var scratch = new DeviceScratch();
        return ctx =>
        {
            var device = (GpuDevice)ctx.Device;
            var filterShape = attrs.ShapeArgument(ctx.Input(1), "filter_sizes");
            var g = attrs.Conv(ctx.Input(0).Shape, filterShape);
            attrs.RequireShape(ctx.Input(2), attrs.OutputShape(g), "out_backprop");
            var df = ctx.Output(0, filterShape);
            if (df.Length == 0) return;
            var dfv = GpuTensor.View<T>(df);
            if ((long)g.N * g.OutPerImage == 0)
            {
                DeviceLayout.Clear(device, dfv);
                return;
            }
            var x = ToNhwc<T>(device, attrs, ctx.Input(0), scratch, InSlot);
            var dy = ToNhwc<T>(device, attrs, ctx.Input(2), scratch, In2Slot);
            // df [K, OC] = Σ over chunks of im2col(x)ᵀ · dy.
            if (Direct(g))
                DeviceGemm.Multiply(device, true, false, g.K, g.OC, g.N * g.OutPerImage, x, g.K, dy, g.OC, dfv, g.OC);
            else
                foreach (var (n0, count) in Chunks(g))
                {
                    int rows = count * g.OutPerImage;
                    var col = scratch.Get<T>(device, ColSlot, (long)rows * g.K);
                    Im2ColKernels.Im2Col(device, g, x, n0 * g.OutPerImage, rows, col);
                    DeviceGemm.Multiply(device, true, false, g.K, g.OC, rows, col, g.K, dy.SubView((long)n0 * g.OutPerImage * g.OC), g.OC,
                        dfv, g.OC, accumulate: n0 > 0);
                }
        };
    }

    private static bool Direct(in ConvGeometry g) => g.KH == 1 && g.KW == 1 && g.SH == 1 && g.SW == 1 && g.PadTop == 0 && g.PadLeft == 0;

    // Whole images per chunk, so an image's windows (and, for col2im, its input) are never split.
    private static IEnumerable<(int N0, int Count)> Chunks(ConvGeometry g)
    {
        long perImage = Math.Max(1L, (long)g.OutPerImage * g.K);
        int step = (int)Math.Clamp(ChunkElements / perImage, 1, Math.Max(1, g.N));
        for (int n0 = 0; n0 < g.N; n0 += step) yield return (n0, Math.Min(step, g.N - n0));
    }

    /// <summary>A device value in NHWC: itself for NHWC nodes, else transposed into scratch slot <paramref name="slot"/>.</summary>
    internal static ArrayView<T> ToNhwc<T>(GpuDevice device, ConvKernelSupport attrs, TensorValue v, DeviceScratch scratch, int slot) where T : unmanaged
    {
        if (!attrs.Nchw) return GpuTensor.View<T>(v);
        var nhwc = scratch.Get<T>(device, slot, v.Length);
        DeviceLayout.Transpose(device, GpuTensor.View<T>(v), v.Shape, stackalloc[] { 0, 2, 3, 1 }, nhwc);
        return nhwc;
    }
}
