using GraphTrainer.Runtime;
using ILGPU;
using ILGPU.Runtime;
using Kernel = GraphTrainer.Runtime.Kernel;

namespace GraphTrainer.Gpu;

/// <summary>
/// Tile and Transpose of any rank, for every fixed-size dtype (float32, float64, int32, int64, uint8, bool): they move
/// elements, so one kernel per element size serves all. One thread per output element (writes coalesced); the output's
/// dimensions and the matching input strides are a small table on the device, uploaded once per shape. The multiples
/// and perm (input 1) are read in host memory.
/// </summary>
internal static class TileTransposeKernels
{
    private static readonly DType[] All = { DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt8, DType.Bool };

    public static void Register()
    {
        foreach (var dtype in All)
        {
            KernelRegistry.Register("Transpose", GpuKernels.Gpu, dtype, Transpose);
            KernelRegistry.Register("Tile", GpuKernels.Gpu, dtype, Tile);
        }
        KernelRegistry.SetHostMemoryInputs("Transpose", GpuKernels.Gpu, 1);
        KernelRegistry.SetHostMemoryInputs("Tile", GpuKernels.Gpu, 1);
    }

    private static Kernel Transpose(NodeInfo node)
    {
        var shapes = new DeviceShapes();
        return ctx =>
        {
            var x = ctx.Input(0);
            var perm = ctx.Input(1).Span<int>();
            int rank = x.Rank;
            if (perm.Length != rank)
                throw new InvalidArgumentError($"transpose expects a vector of size {rank}. But input(1) is a vector of size {perm.Length} (node '{node.Name}')");
            Span<bool> seen = stackalloc bool[rank];
            foreach (var p in perm)
            {
                if (p < 0 || p >= rank || seen[p])
                    throw new InvalidArgumentError($"perm [{string.Join(",", perm.ToArray())}] is not a permutation (node '{node.Name}')");
                seen[p] = true;
            }
            Span<int> outShape = stackalloc int[rank];
            for (int k = 0; k < rank; k++) outShape[k] = x.Shape[perm[k]];
            var y = ctx.Output(0, outShape);
            if (y.Length == 0) return;
            // Output dimensions that are consecutive in the input too merge into one; size-1 dimensions drop out.
            var inStrides = DeviceShapes.Strides(x.Shape);
            Span<int> sizes = stackalloc int[rank], strides = stackalloc int[rank];
            int n = 0, previous = -2;
            for (int k = 0; k < rank; k++)
            {
                int axis = perm[k];
                if (x.Shape[axis] == 1) continue;
                if (n > 0 && axis == previous + 1)
                {
                    sizes[n - 1] *= x.Shape[axis];
                    strides[n - 1] = inStrides[axis];
                }
                else
                {
                    sizes[n] = x.Shape[axis];
                    strides[n] = inStrides[axis];
                    n++;
                }
                previous = axis;
            }
            Span<int> table = stackalloc int[2 * n];
            sizes[..n].CopyTo(table);
            strides[..n].CopyTo(table[n..]);
            Launch((GpuDevice)ctx.Device, x, y, shapes.Get((GpuDevice)ctx.Device, table), n, tile: false);
        };
    }

    private static Kernel Tile(NodeInfo node)
    {
        var shapes = new DeviceShapes();
        return ctx =>
        {
            var x = ctx.Input(0);
            var multiples = ctx.Input(1).Span<int>();
            int rank = x.Rank;
            if (multiples.Length != rank)
                throw new InvalidArgumentError($"Expected multiples argument to be a vector of length {rank} but got length {multiples.Length} (node '{node.Name}')");
            Span<int> outShape = stackalloc int[rank];
            for (int k = 0; k < rank; k++)
            {
                if (multiples[k] < 0) throw new InvalidArgumentError($"Expected multiples[{k}] >= 0, but got {multiples[k]} (node '{node.Name}')");
                outShape[k] = x.Shape[k] * multiples[k];
            }
            var y = ctx.Output(0, outShape);
            if (y.Length == 0) return;
            // Per output dimension (size-1 ones dropped): its size, the input's size there, and the input stride.
            var inStrides = DeviceShapes.Strides(x.Shape);
            Span<int> table = stackalloc int[3 * rank];
            int n = 0;
            for (int k = 0; k < rank; k++)
                if (outShape[k] != 1) n++;
            for (int k = 0, j = 0; k < rank; k++)
            {
                if (outShape[k] == 1) continue;
                table[j] = outShape[k];
                table[n + j] = x.Shape[k];
                table[2 * n + j] = inStrides[k];
                j++;
            }
            Launch((GpuDevice)ctx.Device, x, y, shapes.Get((GpuDevice)ctx.Device, table[..(3 * n)]), n, tile: true);
        };
    }

    private static void Launch(GpuDevice device, TensorValue x, TensorValue y, ArrayView<int> table, int rank, bool tile)
    {
        switch (x.DType.Size())
        {
            case 1: Launch<byte>(device, x, y, table, rank, tile); break;
            case 4: Launch<int>(device, x, y, table, rank, tile); break;
            default: Launch<long>(device, x, y, table, rank, tile); break;
        }
    }

    private static void Launch<T>(GpuDevice device, TensorValue x, TensorValue y, ArrayView<int> table, int rank, bool tile) where T : unmanaged
    {
        var launch = tile
            ? device.Kernel(("tile", typeof(T)), a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<int>, int>(TileKernel<T>))
            : device.Kernel(("transpose", typeof(T)), a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<int>, int>(TransposeKernel<T>));
        launch(y.Length, GpuTensor.View<T>(x), GpuTensor.View<T>(y), table, rank);
    }

    // y[i] = x[Σ index_k · stride_k] over the output's (merged) dimensions.
    private static void TransposeKernel<T>(Index1D i, ArrayView<T> x, ArrayView<T> y, ArrayView<int> table, int rank) where T : unmanaged =>
        y[i] = x[DeviceShapes.Offset(table, 0, rank, i)];

    // y[i] = x[Σ (index_k mod inSize_k) · stride_k].
    private static void TileKernel<T>(Index1D i, ArrayView<T> x, ArrayView<T> y, ArrayView<int> table, int rank) where T : unmanaged
    {
        int index = i, offset = 0;
        for (int k = rank - 1; k >= 0; k--)
        {
            int size = table[k];
            offset += index % size % table[rank + k] * table[2 * rank + k];
            index /= size;
        }
        y[i] = x[offset];
    }
}
