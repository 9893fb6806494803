using GraphTrainer.Runtime;
using ILGPU;
using ILGPU.Runtime;
using Kernel = GraphTrainer.Runtime.Kernel;

namespace GraphTrainer.Gpu;

/// <summary>
/// Tile and Transpose of any rank, for every fixed-size dtype (float32, float64, int32, int64, uint8, bool): they move
/// elements, so one kernel per element size serves all. One thread per output element (writes coalesced); the output's
/// dimensions and the matching input strides are a small table on the device, uploaded once per shape. A transpose
/// that is a (batched) matrix transpose once dimensions are merged goes through shared-memory tiles, so its reads are
/// coalesced too. The multiples and perm (input 1) are read in host memory.
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
            // A (batched) matrix transpose — out [N,] A, B from in [N,] B, A — goes through shared-memory tiles.
            if (n == 2 && strides[0] == 1 && strides[1] == sizes[0])
            {
                TiledTranspose((GpuDevice)ctx.Device, x, y, 1, sizes[1], sizes[0]);
                return;
            }
            if (n == 3 && strides[1] == 1 && strides[2] == sizes[1] && strides[0] == sizes[1] * sizes[2])
            {
                TiledTranspose((GpuDevice)ctx.Device, x, y, sizes[0], sizes[2], sizes[1]);
                return;
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
            ? device.Kernel(KernelKey<T>.For("tile"), a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<int>, int>(TileKernel<T>))
            : device.Kernel(KernelKey<T>.For("transpose"), a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<int>, int>(TransposeKernel<T>));
        launch(y.Length, GpuTensor.View<T>(x), GpuTensor.View<T>(y), table, rank);
    }

    private static void TiledTranspose(GpuDevice device, TensorValue x, TensorValue y, int batch, int rows, int cols)
    {
        switch (x.DType.Size())
        {
            case 1: TiledTranspose<byte>(device, x, y, batch, rows, cols); break;
            case 4: TiledTranspose<int>(device, x, y, batch, rows, cols); break;
            default: TiledTranspose<long>(device, x, y, batch, rows, cols); break;
        }
    }

    // Square tiles of side t with t² threads, t the largest the accelerator allows up to 32 (4 on the CPU accelerator).
    private static void TiledTranspose<T>(GpuDevice device, TensorValue x, TensorValue y, int batch, int rows, int cols) where T : unmanaged
    {
        var accelerator = device.Accelerator;
        int side = Math.Max(1, Math.Min(32, (int)Math.Sqrt(accelerator.MaxNumThreadsPerGroup)));
        int tileRows = (rows + side - 1) / side, tileCols = (cols + side - 1) / side;
        long tiles = (long)batch * tileRows * tileCols;
        var launch = device.Kernel(KernelKey<T>.For("transpose-tiled"), a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, int, int, int, int, int>(TiledTransposeKernel<T>));
        var config = new KernelConfig(DeviceShapes.GroupCount(accelerator, (int)Math.Min(tiles, int.MaxValue)), side * side, SharedMemoryConfig.RequestDynamic<T>(side * (side + 1)));
        launch(config, GpuTensor.View<T>(x), GpuTensor.View<T>(y), (int)tiles, rows, cols, tileCols, side);
    }

    // Each group reads a side × side tile of one [rows, cols] matrix row by row (coalesced), and writes it transposed into
    // the [cols, rows] output row by row (coalesced); the padded row (side + 1) keeps the column reads off one bank.
    [GpuKernel(typeof(byte))]
    [GpuKernel(typeof(int))]
    [GpuKernel(typeof(long))]
    private static void TiledTransposeKernel<T>(ArrayView<T> x, ArrayView<T> y, int tiles, int rows, int cols, int tileCols, int side) where T : unmanaged
    {
        var tile = SharedMemory.GetDynamic<T>();
        int tx = Group.IdxX % side, ty = Group.IdxX / side;
        int tileRows = (rows + side - 1) / side;
        for (int g = Grid.IdxX; g < tiles; g += Grid.DimX)
        {
            int perMatrix = tileRows * tileCols;
            int b = g / perMatrix, within = g % perMatrix;
            int row0 = within / tileCols * side, col0 = within % tileCols * side;
            long matrix = (long)b * rows * cols;
            int r = row0 + ty, c = col0 + tx;
            if (r < rows && c < cols) tile[ty * (side + 1) + tx] = x[matrix + (long)r * cols + c];
            Group.Barrier();
            int outRow = col0 + ty, outCol = row0 + tx;
            if (outRow < cols && outCol < rows) y[matrix + (long)outRow * rows + outCol] = tile[tx * (side + 1) + ty];
            Group.Barrier();
        }
    }

    // y[i] = x[Σ index_k · stride_k] over the output's (merged) dimensions.
    [GpuKernel(typeof(byte))]
    [GpuKernel(typeof(int))]
    [GpuKernel(typeof(long))]
    private static void TransposeKernel<T>(Index1D i, ArrayView<T> x, ArrayView<T> y, ArrayView<int> table, int rank) where T : unmanaged =>
        y[i] = x[DeviceShapes.Offset(table, 0, rank, i)];

    // y[i] = x[Σ (index_k mod inSize_k) · stride_k].
    [GpuKernel(typeof(byte))]
    [GpuKernel(typeof(int))]
    [GpuKernel(typeof(long))]
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
