using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;
using ILGPU;
using ILGPU.Runtime;
using Kernel = GraphTrainer.Runtime.Kernel;

namespace GraphTrainer.Gpu;

/// <summary>
/// BroadcastTo (its shape argument read on the host) and Select (TF1's tf.where(condition, x, y)): data movement only,
/// so one kernel per element size serves every dtype of that size (bool and uint8 are bytes).
/// </summary>
internal static class BroadcastKernels
{
    public static void Register()
    {
        KernelRegistry.Register("BroadcastTo", GpuKernels.Gpu, DType.Float32, BroadcastTo<int>);
        KernelRegistry.Register("BroadcastTo", GpuKernels.Gpu, DType.Int32, BroadcastTo<int>);
        KernelRegistry.Register("BroadcastTo", GpuKernels.Gpu, DType.Float64, BroadcastTo<long>);
        KernelRegistry.Register("BroadcastTo", GpuKernels.Gpu, DType.Int64, BroadcastTo<long>);
        KernelRegistry.Register("BroadcastTo", GpuKernels.Gpu, DType.UInt8, BroadcastTo<byte>);
        KernelRegistry.Register("BroadcastTo", GpuKernels.Gpu, DType.Bool, BroadcastTo<byte>);
        KernelRegistry.SetHostMemoryInputs("BroadcastTo", GpuKernels.Gpu, 1);

        KernelRegistry.Register("Select", GpuKernels.Gpu, DType.Float32, Select<int>);
        KernelRegistry.Register("Select", GpuKernels.Gpu, DType.Int32, Select<int>);
        KernelRegistry.Register("Select", GpuKernels.Gpu, DType.Float64, Select<long>);
        KernelRegistry.Register("Select", GpuKernels.Gpu, DType.Int64, Select<long>);
        KernelRegistry.Register("Select", GpuKernels.Gpu, DType.Bool, Select<byte>);
    }

    [GpuKernel(typeof(byte)), GpuKernel(typeof(int)), GpuKernel(typeof(long))]
    private static void ScalarKernel<T>(Index1D i, ArrayView<T> x, ArrayView<T> d) where T : unmanaged => d[i] = x[0];

    [GpuKernel(typeof(byte)), GpuKernel(typeof(int)), GpuKernel(typeof(long))]
    private static void BroadcastKernel<T>(Index1D i, ArrayView<T> x, ArrayView<T> d, BroadcastMap map) where T : unmanaged =>
        d[i] = x[map.Locate(i).X];

    // Row r of t and e (inner elements each) is chosen by condition element r / inner: inner is 1 for a condition of
    // t's shape, the row length for a vector over t's first dimension, and every element for a scalar.
    [GpuKernel(typeof(byte)), GpuKernel(typeof(int)), GpuKernel(typeof(long))]
    private static void SelectKernel<T>(Index1D i, ArrayView<byte> condition, ArrayView<T> t, ArrayView<T> e, ArrayView<T> d, int inner)
        where T : unmanaged => d[i] = condition[i / inner] != 0 ? t[i] : e[i];

    private static class Keys<T> { public static readonly object Scalar = new(), Broadcast = new(), Select = new(); }

    private static Kernel BroadcastTo<T>(NodeInfo node) where T : unmanaged => ctx =>
    {
        var x = ctx.Input(0);
        var shape = Broadcasting.OutputShape(x.Shape, ctx.Input(1).Span<int>(), node.Name);
        var d = ctx.Output(0, shape);
        int n = d.Length;
        if (n == 0) return;
        var device = (GpuDevice)ctx.Device;
        if (x.Length == n)
            d.CopyFrom(x);
        else if (x.Length == 1)
            device.Kernel(Keys<T>.Scalar, a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>>(ScalarKernel))(n, GpuTensor.View<T>(x), GpuTensor.View<T>(d));
        else
            device.Kernel(Keys<T>.Broadcast, a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, BroadcastMap>(BroadcastKernel))(
                n, GpuTensor.View<T>(x), GpuTensor.View<T>(d), BroadcastMap.Create(shape, x.Shape, x.Shape, node.Name));
    };

    // TensorFlow's Select: t and e have one shape; the condition is a scalar, has that shape, or is a vector over its first dimension.
    private static Kernel Select<T>(NodeInfo node) where T : unmanaged => ctx =>
    {
        var c = ctx.Input(0);
        var t = ctx.Input(1);
        var e = ctx.Input(2);
        if (!t.Shape.AsSpan().SequenceEqual(e.Shape))
            throw new InvalidArgumentError($"'then' and 'else' must have the same size.  but received: {TensorValue.ShapeString(t.Shape)} vs. {TensorValue.ShapeString(e.Shape)} (node '{node.Name}')");
        var d = ctx.Output(0, t.Shape);
        int n = d.Length;
        int inner;
        if (c.Rank == 0) inner = Math.Max(n, 1);
        else if (c.Shape.AsSpan().SequenceEqual(t.Shape)) inner = 1;
        else if (c.Rank == 1 && t.Rank >= 1 && c.Shape[0] == t.Shape[0]) inner = t.Shape[0] == 0 ? 1 : n / t.Shape[0];
        else
            throw new InvalidArgumentError($"condition must be a vector of size {(t.Rank > 0 ? t.Shape[0] : 0)} or have the shape of 'then' {TensorValue.ShapeString(t.Shape)}, got {TensorValue.ShapeString(c.Shape)} (node '{node.Name}')");
        if (n == 0) return;
        ((GpuDevice)ctx.Device).Kernel(Keys<T>.Select,
            a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<byte>, ArrayView<T>, ArrayView<T>, ArrayView<T>, int>(SelectKernel))(
            n, GpuTensor.View<byte>(c), GpuTensor.View<T>(t), GpuTensor.View<T>(e), GpuTensor.View<T>(d), Math.Max(inner, 1));
    };
}
