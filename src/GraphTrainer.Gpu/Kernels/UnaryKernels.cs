using GraphTrainer.Runtime;
using ILGPU;
using ILGPU.Runtime;
using Kernel = GraphTrainer.Runtime.Kernel;

namespace GraphTrainer.Gpu;

/// <summary>Element-wise functions of one tensor: one thread per element.</summary>
internal static class UnaryKernels
{
    public static void Register()
    {
        KernelRegistry.Register("Relu", GpuKernels.Gpu, DType.Float32, _ => Map<float>(ReluF32));
        KernelRegistry.Register("Relu", GpuKernels.Gpu, DType.Float64, _ => Map<double>(ReluF64));
    }

    [GpuKernel]
    private static void ReluF32(Index1D i, ArrayView<float> x, ArrayView<float> y) => y[i] = x[i] > 0f ? x[i] : 0f;
    [GpuKernel]
    private static void ReluF64(Index1D i, ArrayView<double> x, ArrayView<double> y) => y[i] = x[i] > 0.0 ? x[i] : 0.0;

    /// <summary>A kernel computing y = f(x) element-wise with the ILGPU kernel <paramref name="kernel"/>.</summary>
    private static Kernel Map<T>(Action<Index1D, ArrayView<T>, ArrayView<T>> kernel) where T : unmanaged => ctx =>
    {
        var device = (GpuDevice)ctx.Device;
        var x = ctx.Input(0);
        var y = ctx.Output(0, x.Shape);
        if (x.Length == 0) return;
        var launch = device.Kernel(kernel, a => a.LoadAutoGroupedStreamKernel(kernel));
        launch(x.Length, GpuTensor.View<T>(x), GpuTensor.View<T>(y));
    };
}
