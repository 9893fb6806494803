using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;
using ILGPU;
using ILGPU.Runtime;
using Kernel = GraphTrainer.Runtime.Kernel;

namespace GraphTrainer.Gpu;

/// <summary>An element-wise function of one value, as a struct so ILGPU inlines it into a generic kernel.</summary>
internal interface IGpuUnary<TIn, TOut> where TIn : unmanaged where TOut : unmanaged
{
    /// <summary>f(x).</summary>
    TOut Apply(TIn x);
}

/// <summary>An element-wise function of two values, as a struct so ILGPU inlines it into a generic kernel.</summary>
internal interface IGpuBinary<TIn, TOut> where TIn : unmanaged where TOut : unmanaged
{
    /// <summary>f(x, y).</summary>
    TOut Apply(TIn x, TIn y);
}

/// <summary>
/// The generic element-wise kernels (one thread per element, consecutive threads on consecutive elements, so every
/// access is coalesced) and their launchers. A function struct <c>TOp</c> is passed by value as a kernel parameter:
/// most are empty, LeakyRelu's carries alpha.
/// </summary>
internal static class ElementwiseKernels
{
    [GpuKernel(PerFunctionStruct = true)]
    private static void MapKernel<TIn, TOut, TOp>(Index1D i, ArrayView<TIn> x, ArrayView<TOut> d, TOp op)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IGpuUnary<TIn, TOut> =>
        d[i] = op.Apply(x[i]);

    [GpuKernel(PerFunctionStruct = true)]
    private static void ZipKernel<TIn, TOut, TOp>(Index1D i, ArrayView<TIn> x, ArrayView<TIn> y, ArrayView<TOut> d, TOp op)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IGpuBinary<TIn, TOut> =>
        d[i] = op.Apply(x[i], y[i]);

    // y is a one-element view: the scalar stays on the device, read by every thread (a broadcast load).
    [GpuKernel(PerFunctionStruct = true)]
    private static void ScalarRightKernel<TIn, TOut, TOp>(Index1D i, ArrayView<TIn> x, ArrayView<TIn> y, ArrayView<TOut> d, TOp op)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IGpuBinary<TIn, TOut> =>
        d[i] = op.Apply(x[i], y[0]);

    [GpuKernel(PerFunctionStruct = true)]
    private static void ScalarLeftKernel<TIn, TOut, TOp>(Index1D i, ArrayView<TIn> x, ArrayView<TIn> y, ArrayView<TOut> d, TOp op)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IGpuBinary<TIn, TOut> =>
        d[i] = op.Apply(x[0], y[i]);

    [GpuKernel(PerFunctionStruct = true)]
    private static void BroadcastKernel<TIn, TOut, TOp>(Index1D i, ArrayView<TIn> x, ArrayView<TIn> y, ArrayView<TOut> d, BroadcastMap map, TOp op)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IGpuBinary<TIn, TOut>
    {
        var at = map.Locate(i);
        d[i] = op.Apply(x[at.X], y[at.Y]);
    }

    // One cache key per kernel instantiation, so a launch looks its compiled kernel up without allocating.
    private static class Keys<TIn, TOut, TOp>
    {
        public static readonly object Map = new(), Zip = new(), ScalarRight = new(), ScalarLeft = new(), Broadcast = new();
    }

    /// <summary>d = f(x) on the device; <paramref name="d"/> has <paramref name="x"/>'s length.</summary>
    public static void Map<TIn, TOut, TOp>(GpuDevice device, TensorValue x, TensorValue d, TOp op = default)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IGpuUnary<TIn, TOut>
    {
        if (d.Length == 0) return;
        var launch = device.Kernel(Keys<TIn, TOut, TOp>.Map,
            a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<TIn>, ArrayView<TOut>, TOp>(MapKernel<TIn, TOut, TOp>));
        launch(d.Length, GpuTensor.View<TIn>(x), GpuTensor.View<TOut>(d), op);
    }

    /// <summary>d = f(x, y) on the device for operands of the same length as <paramref name="d"/>.</summary>
    public static void Zip<TIn, TOut, TOp>(GpuDevice device, TensorValue x, TensorValue y, TensorValue d, TOp op = default)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IGpuBinary<TIn, TOut>
    {
        if (d.Length == 0) return;
        var launch = device.Kernel(Keys<TIn, TOut, TOp>.Zip,
            a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<TIn>, ArrayView<TIn>, ArrayView<TOut>, TOp>(ZipKernel<TIn, TOut, TOp>));
        launch(d.Length, GpuTensor.View<TIn>(x), GpuTensor.View<TIn>(y), GpuTensor.View<TOut>(d), op);
    }

    /// <summary>
    /// d = f(x, y) with NumPy broadcasting into <paramref name="d"/>, already allocated with the broadcast shape: same
    /// lengths and scalar operands take kernels without index arithmetic, everything else the <see cref="BroadcastMap"/>.
    /// </summary>
    public static void Broadcast<TIn, TOut, TOp>(GpuDevice device, TensorValue x, TensorValue y, TensorValue d, string nodeName, TOp op = default)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IGpuBinary<TIn, TOut>
    {
        int n = d.Length;
        if (n == 0) return;
        var (vx, vy, vd) = (GpuTensor.View<TIn>(x), GpuTensor.View<TIn>(y), GpuTensor.View<TOut>(d));
        if (x.Length == n && y.Length == n)
        {
            Zip<TIn, TOut, TOp>(device, x, y, d, op);
        }
        else if (y.Length == 1 && x.Length == n)
        {
            device.Kernel(Keys<TIn, TOut, TOp>.ScalarRight,
                a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<TIn>, ArrayView<TIn>, ArrayView<TOut>, TOp>(ScalarRightKernel<TIn, TOut, TOp>))(n, vx, vy, vd, op);
        }
        else if (x.Length == 1 && y.Length == n)
        {
            device.Kernel(Keys<TIn, TOut, TOp>.ScalarLeft,
                a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<TIn>, ArrayView<TIn>, ArrayView<TOut>, TOp>(ScalarLeftKernel<TIn, TOut, TOp>))(n, vx, vy, vd, op);
        }
        else
        {
            var map = BroadcastMap.Create(d.Shape, x.Shape, y.Shape, nodeName);
            device.Kernel(Keys<TIn, TOut, TOp>.Broadcast,
                a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<TIn>, ArrayView<TIn>, ArrayView<TOut>, BroadcastMap, TOp>(BroadcastKernel<TIn, TOut, TOp>))(n, vx, vy, vd, map, op);
        }
    }

    /// <summary>A kernel factory: y = f(x) element-wise, with x's shape.</summary>
    public static Func<NodeInfo, Kernel> Unary<TIn, TOut, TOp>(Func<NodeInfo, TOp> op = null)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IGpuUnary<TIn, TOut> => node =>
    {
        var f = op == null ? default : op(node);
        return ctx =>
        {
            var x = ctx.Input(0);
            Map<TIn, TOut, TOp>((GpuDevice)ctx.Device, x, ctx.Output(0, x.Shape), f);
        };
    };

    /// <summary>A kernel factory: d = f(x, y) with NumPy broadcasting and the CPU kernels' error for incompatible shapes.</summary>
    public static Func<NodeInfo, Kernel> Binary<TIn, TOut, TOp>()
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IGpuBinary<TIn, TOut> => node => ctx =>
    {
        var x = ctx.Input(0);
        var y = ctx.Input(1);
        var shape = x.Shape.AsSpan().SequenceEqual(y.Shape) ? x.Shape : Broadcasting.OutputShape(x.Shape, y.Shape, node.Name);
        Broadcast<TIn, TOut, TOp>((GpuDevice)ctx.Device, x, y, ctx.Output(0, shape), node.Name);
    };

    /// <summary>
    /// A kernel factory for the activation-gradient ops (ReluGrad, TanhGrad, ...): same-shape operands, with the CPU
    /// kernels' error otherwise (<paramref name="mismatch"/>, when given, is the op's own wording of it).
    /// </summary>
    public static Func<NodeInfo, Kernel> SameShape<T, TOp>(Func<NodeInfo, TOp> op = null, string mismatch = null)
        where T : unmanaged where TOp : struct, IGpuBinary<T, T> => node =>
    {
        var f = op == null ? default : op(node);
        return ctx =>
        {
            var x = ctx.Input(0);
            var y = ctx.Input(1);
            if (x.Length != y.Length)
                throw new InvalidArgumentError(mismatch != null ? $"{mismatch} (node '{node.Name}')"
                    : $"Inputs must have the same shape: {TensorValue.ShapeString(x.Shape)} vs {TensorValue.ShapeString(y.Shape)} (node '{node.Name}')");
            Zip<T, T, TOp>((GpuDevice)ctx.Device, x, y, ctx.Output(0, x.Shape), f);
        };
    };
}
