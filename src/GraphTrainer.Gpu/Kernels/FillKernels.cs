using GraphTrainer.Runtime;
using ILGPU;
using ILGPU.Runtime;
using Kernel = GraphTrainer.Runtime.Kernel;

namespace GraphTrainer.Gpu;

/// <summary>
/// Fill (dims and value read on the host, as TensorFlow's HostMemory("dims")/("value") GPU kernel), ZerosLike and
/// OnesLike (which read only their input's shape), for float32, float64, int32 and int64 as the CPU registers.
/// </summary>
internal static class FillKernels
{
    public static void Register()
    {
        Add(DType.Float32, 0f, 1f);
        Add(DType.Float64, 0.0, 1.0);
        Add(DType.Int32, 0, 1);
        Add(DType.Int64, 0L, 1L);
        KernelRegistry.SetHostMemoryInputs("Fill", GpuKernels.Gpu, 0, 1);
    }

    private static void Add<T>(DType dtype, T zero, T one) where T : unmanaged
    {
        KernelRegistry.Register("Fill", GpuKernels.Gpu, dtype, _ => ctx =>
        {
            var d = ctx.Output(0, ctx.Input(0).Span<int>());
            Fill((GpuDevice)ctx.Device, d, ctx.Input(1).ScalarValue<T>());
        });
        KernelRegistry.Register("ZerosLike", GpuKernels.Gpu, dtype, Like(zero));
        KernelRegistry.Register("OnesLike", GpuKernels.Gpu, dtype, Like(one));
    }

    private static Func<NodeInfo, Kernel> Like<T>(T value) where T : unmanaged => _ => ctx =>
        Fill((GpuDevice)ctx.Device, ctx.Output(0, ctx.Input(0).Shape), value);

    [GpuKernel(typeof(float)), GpuKernel(typeof(double)), GpuKernel(typeof(int)), GpuKernel(typeof(long))]
    private static void FillKernel<T>(Index1D i, ArrayView<T> d, T value) where T : unmanaged => d[i] = value;

    private static class Key<T> { public static readonly object Fill = new(); }

    /// <summary>Sets every element of the device value <paramref name="d"/> to <paramref name="value"/>.</summary>
    public static void Fill<T>(GpuDevice device, TensorValue d, T value) where T : unmanaged
    {
        if (d.Length == 0) return;
        device.Kernel(Key<T>.Fill, a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, T>(FillKernel))(d.Length, GpuTensor.View<T>(d), value);
    }
}
