using GraphTrainer.Runtime;
using ILGPU;
using ILGPU.Runtime;

namespace GraphTrainer.Gpu;

/// <summary>
/// Reduction of a device tensor over any set of axes. The input's dimensions are merged into runs of kept and reduced
/// axes (size-1 axes dropped), described by a table of sizes and strides on the device; then:
/// <list type="bullet">
/// <item>when the innermost axis is kept, one thread per output walks the reduced elements in order — neighbouring
/// threads read neighbouring addresses, and the order (and so every bit) is the CPU kernel's;</item>
/// <item>when it is reduced, one group per output: its threads read the row coalesced, then combine their partials in a
/// shared-memory tree that works for any group size (the order differs from the CPU's vectorized sum).</item>
/// </list>
/// </summary>
internal static class DeviceReduction
{
    /// <summary>
    /// y = reduce(map(x)) over the sorted, distinct <paramref name="axes"/>; <paramref name="y"/> is already allocated
    /// with the kept axes' elements.
    /// </summary>
    public static void Run<T, TR, TM>(GpuDevice device, DeviceShapes shapes, TensorValue x, ReadOnlySpan<int> axes, TensorValue y)
        where T : unmanaged where TR : struct, IReducer<T> where TM : struct, IElementMap<T> =>
        Run<T, TR, TM>(device, shapes, x, x.Shape, axes, y);

    /// <summary>As above, with <paramref name="x"/> viewed as <paramref name="shape"/> (same element count).</summary>
    public static void Run<T, TR, TM>(GpuDevice device, DeviceShapes shapes, TensorValue x, ReadOnlySpan<int> shape, ReadOnlySpan<int> axes, TensorValue y)
        where T : unmanaged where TR : struct, IReducer<T> where TM : struct, IElementMap<T>
    {
        if (y.Length == 0) return;
        int rank = shape.Length;
        var strides = DeviceShapes.Strides(shape);
        Span<int> keptSizes = stackalloc int[rank], keptStrides = stackalloc int[rank];
        Span<int> redSizes = stackalloc int[rank], redStrides = stackalloc int[rank];
        int kr = 0, rr = 0, count = 1;
        bool lastReduced = false;
        for (int k = 0; k < rank; k++)
        {
            bool isReduced = axes.IndexOf(k) >= 0;
            if (isReduced) count *= shape[k];
            if (shape[k] == 1) continue;
            // Neighbouring axes of one kind merge into one (row-major: the outer stride is the inner size × stride).
            ref int n = ref isReduced ? ref rr : ref kr;
            var sizes = isReduced ? redSizes : keptSizes;
            var strideList = isReduced ? redStrides : keptStrides;
            if (n > 0 && lastReduced == isReduced && k > 0)
            {
                sizes[n - 1] *= shape[k];
                strideList[n - 1] = strides[k];
            }
            else
            {
                sizes[n] = shape[k];
                strideList[n] = strides[k];
                n++;
            }
            lastReduced = isReduced;
        }
        if (count == 0) rr = 0;
        Span<int> table = stackalloc int[2 * (kr + rr)];
        keptSizes[..kr].CopyTo(table);
        keptStrides[..kr].CopyTo(table[kr..]);
        redSizes[..rr].CopyTo(table[(2 * kr)..]);
        redStrides[..rr].CopyTo(table[(2 * kr + rr)..]);
        var meta = shapes.Get(device, table);
        var xs = GpuTensor.View<T>(x);
        var ys = GpuTensor.View<T>(y);
        if (!lastReduced || count <= 1)
        {
            var column = device.Kernel(("reduce-column", typeof(TR), typeof(TM)), a =>
                a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<int>, int, int, int>(Column<T, TR, TM>));
            column(y.Length, xs, ys, meta, kr, rr, count);
            return;
        }
        var row = device.Kernel(("reduce-row", typeof(TR), typeof(TM)), a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ArrayView<int>, int, int, int, int>(Row<T, TR, TM>));
        var accelerator = device.Accelerator;
        int group = DeviceShapes.GroupSize(accelerator, count);
        var config = new KernelConfig(DeviceShapes.GroupCount(accelerator, y.Length), group, SharedMemoryConfig.RequestDynamic<T>(group));
        row(config, xs, ys, meta, kr, rr, count, y.Length);
    }

    // One thread per output: the reduced elements in row-major order, the first as the starting value (as the CPU's
    // contiguous sum copies the first row, so −0 stays −0).
    private static void Column<T, TR, TM>(Index1D o, ArrayView<T> x, ArrayView<T> y, ArrayView<int> meta, int kr, int rr, int count)
        where T : unmanaged where TR : struct, IReducer<T> where TM : struct, IElementMap<T>
    {
        var op = default(TR);
        var map = default(TM);
        int start = DeviceShapes.Offset(meta, 0, kr, o);
        T acc = op.Identity;
        if (count > 0) acc = map.Map(x[start + DeviceShapes.Offset(meta, 2 * kr, rr, 0)]);
        for (int r = 1; r < count; r++) acc = op.Combine(acc, map.Map(x[start + DeviceShapes.Offset(meta, 2 * kr, rr, r)]));
        y[o] = op.Finish(acc, count);
    }

    // One group per output (looping when there are more outputs than groups): a strided pass, then a tree in shared memory.
    private static void Row<T, TR, TM>(ArrayView<T> x, ArrayView<T> y, ArrayView<int> meta, int kr, int rr, int count, int outputs)
        where T : unmanaged where TR : struct, IReducer<T> where TM : struct, IElementMap<T>
    {
        var op = default(TR);
        var map = default(TM);
        var shared = SharedMemory.GetDynamic<T>();
        int tid = Group.IdxX, dim = Group.DimX;
        for (int o = Grid.IdxX; o < outputs; o += Grid.DimX)
        {
            int start = DeviceShapes.Offset(meta, 0, kr, o);
            T acc = op.Identity;
            for (int r = tid; r < count; r += dim) acc = op.Combine(acc, map.Map(x[start + DeviceShapes.Offset(meta, 2 * kr, rr, r)]));
            shared[tid] = acc;
            Group.Barrier();
            TreeReduce<T, TR>(shared, tid, dim);
            if (tid == 0) y[o] = op.Finish(shared[0], count);
            Group.Barrier();
        }
    }

    /// <summary>
    /// Combines <paramref name="dim"/> partials in <paramref name="shared"/> into element 0: each round folds the upper
    /// half onto the lower (the middle element waits a round when the count is odd), so any group size works.
    /// </summary>
    public static void TreeReduce<T, TR>(ArrayView<T> shared, int tid, int dim) where T : unmanaged where TR : struct, IReducer<T>
    {
        var op = default(TR);
        for (int active = dim; active > 1;)
        {
            int half = (active + 1) >> 1;
            if (tid < active - half) shared[tid] = op.Combine(shared[tid], shared[tid + half]);
            Group.Barrier();
            active = half;
        }
    }
}
