using GraphTrainer.Runtime;
using ILGPU;
using ILGPU.Algorithms;
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
/// <item>when there are few outputs over many elements (a bias gradient of a large batch, L2Loss of a weight matrix),
/// either kind first splits each output's elements into contiguous chunks reduced in parallel into a scratch buffer,
/// then reduces the chunks' results in order (the sum is then blocked, no longer the CPU's order).</item>
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
        var accelerator = device.Accelerator;
        int outputs = y.Length;
        if (!lastReduced || count <= 1)
        {
            // Few outputs over many elements: split each output's elements into in-order chunks, then add the chunks' sums.
            int chunks = outputs < ColumnSplitOutputs && count >= 2 * ColumnChunk ? Math.Min((count + ColumnChunk - 1) / ColumnChunk, ColumnSplitOutputs / outputs) : 1;
            if (chunks <= 1)
            {
                LaunchColumn<T, TR, TM>(device, outputs, xs, ys, meta, kr, rr, count, outputs, count, count, 1);
                return;
            }
            int length = (count + chunks - 1) / chunks;
            chunks = (count + length - 1) / length;
            var partials = shapes.Scratch<T>(device, outputs * chunks);
            LaunchColumn<T, TR, TM>(device, outputs * chunks, xs, partials, meta, kr, rr, count, outputs, length, count, 0);
            // The partials as [chunks, outputs]: reduced in chunk order, one thread per output.
            var second = shapes.Get(device, stackalloc int[] { outputs, 1, chunks, outputs });
            LaunchColumn<T, TR, Same<T>>(device, outputs, partials, ys, second, 1, 1, chunks, outputs, chunks, count, 1);
            return;
        }
        int group = DeviceShapes.GroupSize(accelerator, count);
        // Few long rows: several groups per row, each over a contiguous chunk, then a second pass over the chunks' results.
        int rowChunks = outputs < RowSplitOutputs && count > 8 * group ? Math.Min((count + 8 * group - 1) / (8 * group), RowSplitGroups / outputs) : 1;
        if (rowChunks <= 1)
        {
            LaunchRow<T, TR, TM>(device, group, outputs, xs, ys, meta, kr, rr, count, 1, count, count, 1);
            return;
        }
        int rowLength = (count + rowChunks - 1) / rowChunks;
        rowChunks = (count + rowLength - 1) / rowLength;
        var rowPartials = shapes.Scratch<T>(device, outputs * rowChunks);
        LaunchRow<T, TR, TM>(device, group, outputs * rowChunks, xs, rowPartials, meta, kr, rr, count, rowChunks, rowLength, count, 0);
        var rows = shapes.Get(device, stackalloc int[] { outputs, rowChunks, rowChunks, 1 });
        LaunchRow<T, TR, Same<T>>(device, DeviceShapes.GroupSize(accelerator, rowChunks), outputs, rowPartials, ys, rows, 1, 1, rowChunks, 1, rowChunks, count, 1);
    }

    // Split thresholds: enough threads (column) or groups (row) to occupy a large GPU, chunks long enough to amortize.
    private const int ColumnSplitOutputs = 16384, ColumnChunk = 32, RowSplitOutputs = 256, RowSplitGroups = 1024;

    private static void LaunchColumn<T, TR, TM>(GpuDevice device, int threads, ArrayView<T> x, ArrayView<T> y, ArrayView<int> meta, int kr, int rr,
        int count, int outputs, int length, int finishCount, int finish)
        where T : unmanaged where TR : struct, IReducer<T> where TM : struct, IElementMap<T>
    {
        var column = device.Kernel(KernelKey<(TR, TM)>.For("reduce-column"), a =>
            a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<int>, int, int, int, int, int, int, int>(Column<T, TR, TM>));
        column(threads, x, y, meta, kr, rr, count, outputs, length, finishCount, finish);
    }

    private static void LaunchRow<T, TR, TM>(GpuDevice device, int group, int groups, ArrayView<T> x, ArrayView<T> y, ArrayView<int> meta, int kr, int rr,
        int count, int chunks, int length, int finishCount, int finish)
        where T : unmanaged where TR : struct, IReducer<T> where TM : struct, IElementMap<T>
    {
        var row = device.Kernel(KernelKey<(TR, TM)>.For("reduce-row"), a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ArrayView<int>, int, int, int, int, int, int, int, int>(Row<T, TR, TM>));
        var config = new KernelConfig(DeviceShapes.GroupCount(device.Accelerator, groups), group, SharedMemoryConfig.RequestDynamic<T>(group));
        row(config, x, y, meta, kr, rr, count, groups, chunks, length, finishCount, finish);
    }

    // Thread i sums chunk i / outputs of output i % outputs (elements [c·length, (c + 1)·length) in row-major order), the
    // first as the starting value (as the CPU's contiguous sum copies the first row, so −0 stays −0); unsplit, i is the
    // output and the order is the CPU's. Writes the finished output, or the chunk's raw partial at i.
    [GpuKernel(PerFunctionStruct = true)]
    private static void Column<T, TR, TM>(Index1D i, ArrayView<T> x, ArrayView<T> y, ArrayView<int> meta, int kr, int rr, int count,
        int outputs, int length, int finishCount, int finish)
        where T : unmanaged where TR : struct, IReducer<T> where TM : struct, IElementMap<T>
    {
        var op = default(TR);
        var map = default(TM);
        int o = i % outputs, first = i / outputs * length;
        int last = XMath.Min(count, first + length);
        int start = DeviceShapes.Offset(meta, 0, kr, o);
        T acc = op.Identity;
        if (first < last) acc = map.Map(x[start + DeviceShapes.Offset(meta, 2 * kr, rr, first)]);
        for (int r = first + 1; r < last; r++) acc = op.Combine(acc, map.Map(x[start + DeviceShapes.Offset(meta, 2 * kr, rr, r)]));
        y[i] = finish != 0 ? op.Finish(acc, finishCount) : acc;
    }

    // Group g reduces chunk g % chunks of output g / chunks (looping when there are more than the grid holds): a strided
    // pass over the chunk's elements, then a tree in shared memory. Writes the finished output, or the raw partial at g.
    [GpuKernel(PerFunctionStruct = true)]
    private static void Row<T, TR, TM>(ArrayView<T> x, ArrayView<T> y, ArrayView<int> meta, int kr, int rr, int count,
        int groups, int chunks, int length, int finishCount, int finish)
        where T : unmanaged where TR : struct, IReducer<T> where TM : struct, IElementMap<T>
    {
        var op = default(TR);
        var map = default(TM);
        var shared = SharedMemory.GetDynamic<T>();
        int tid = Group.IdxX, dim = Group.DimX;
        for (int g = Grid.IdxX; g < groups; g += Grid.DimX)
        {
            int start = DeviceShapes.Offset(meta, 0, kr, g / chunks);
            int first = g % chunks * length, last = XMath.Min(count, first + length);
            T acc = op.Identity;
            for (int r = first + tid; r < last; r += dim) acc = op.Combine(acc, map.Map(x[start + DeviceShapes.Offset(meta, 2 * kr, rr, r)]));
            shared[tid] = acc;
            Group.Barrier();
            TreeReduce<T, TR>(shared, tid, dim);
            if (tid == 0) y[g] = finish != 0 ? op.Finish(shared[0], finishCount) : shared[0];
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
