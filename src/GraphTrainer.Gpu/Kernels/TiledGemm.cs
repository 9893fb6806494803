using ILGPU;
using ILGPU.Runtime;

namespace GraphTrainer.Gpu;

/// <summary>The sizes of one row-major product C (M×N) = op(A)·op(B) [+ C], as the tiled GEMM kernel takes them.</summary>
internal struct GemmShape
{
    public int M, N, K;
    /// <summary>Row strides of A, B and C as stored (A is K×M when transposed, B is N×K when transposed).</summary>
    public int Lda, Ldb, Ldc;
    /// <summary>1 when A (resp. B) is stored transposed; 1 when C accumulates (C += ...) rather than being overwritten.</summary>
    public int TransA, TransB, Accumulate;
    /// <summary>Threads per side of a group (T): a group of T×T threads computes a 4T×4T tile of C, 4×4 values each.</summary>
    public int Tile;
}

/// <summary>
/// A shared-memory tiled GEMM with register blocking: each group of T×T threads stages a 4T×T slice of op(A) and a T×4T
/// slice of op(B) in shared memory per step along K (loads coalesced along each matrix's contiguous axis), and each thread
/// accumulates a 4×4 block of C in registers, rows and columns T apart so neighbouring threads read neighbouring shared
/// words and write neighbouring words of C. T comes from the accelerator's group size (16 on a GPU, 4 on ILGPU's CPU
/// accelerator), so the kernel never assumes one. Out-of-range elements are staged as zeros, so any M, N, K works.
/// </summary>
internal static class TiledGemm
{
    /// <summary>Values per thread along each side of its block of C (the register blocking).</summary>
    public const int Block = 4;

    /// <summary>Threads per side of a group on <paramref name="accelerator"/>: the largest power of two T with T² ≤ min(max group size, 256).</summary>
    public static int TileFor(Accelerator accelerator)
    {
        int limit = Math.Min(accelerator.MaxNumThreadsPerGroup, 256), t = 1;
        while (4 * t * t <= limit) t *= 2;
        return t;
    }

    /// <summary>Launches C = op(A)·op(B) [+ C] on <paramref name="device"/>'s stream.</summary>
    public static void Run<T>(GpuDevice device, in GemmShape shape, ArrayView<T> a, ArrayView<T> b, ArrayView<T> c) where T : unmanaged
    {
        var s = shape;
        s.Tile = TileFor(device.Accelerator);
        int side = Block * s.Tile;
        var config = new KernelConfig(
            new Index2D((s.M + side - 1) / side, (s.N + side - 1) / side), new Index2D(s.Tile, s.Tile),
            SharedMemoryConfig.RequestDynamic<T>(2 * (side + 1) * s.Tile));
        if (typeof(T) == typeof(float))
            device.Kernel(s_f32, acc => acc.LoadStreamKernel(s_f32))(config, a.Cast<float>(), b.Cast<float>(), c.Cast<float>(), s);
        else if (typeof(T) == typeof(double))
            device.Kernel(s_f64, acc => acc.LoadStreamKernel(s_f64))(config, a.Cast<double>(), b.Cast<double>(), c.Cast<double>(), s);
        else throw new NotSupportedException($"GPU GEMM of {typeof(T).Name}");
    }

    private static readonly Action<ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmShape> s_f32 = Kernel<float, Float32Arithmetic>;
    private static readonly Action<ArrayView<double>, ArrayView<double>, ArrayView<double>, GemmShape> s_f64 = Kernel<double, Float64Arithmetic>;

    /// <summary>
    /// The explicitly grouped kernel: group (x, y) computes C's tile at rows 4T·x, columns 4T·y (rows on the grid's x axis,
    /// whose CUDA limit is 2³¹−1 rather than 65,535, since M is the large side of a convolution's GEMM).
    /// </summary>
    [GpuKernel]
    internal static void Kernel<T, TMath>(ArrayView<T> a, ArrayView<T> b, ArrayView<T> c, GemmShape s)
        where T : unmanaged where TMath : struct, IDeviceArithmetic<T>
    {
        var math = default(TMath);
        int t = s.Tile, side = Block * t, slice = side * t, threads = t * t;
        // Rows of the shared tiles are 4T+1 apart, so threads storing down a column (a non-transposed A, a transposed B)
        // hit different banks.
        int stride = side + 1;
        var shared = SharedMemory.GetDynamic<T>();
        var tileA = shared.SubView(0, stride * t);           // [kk][i]: T rows of 4T values of op(A)'s columns
        var tileB = shared.SubView(stride * t, stride * t);  // [kk][j]: T rows of 4T values of op(B)'s rows
        int tx = Group.IdxX, ty = Group.IdxY, tid = ty * t + tx;
        int row0 = Grid.IdxX * side, col0 = Grid.IdxY * side;
        T c00 = math.Zero, c01 = math.Zero, c02 = math.Zero, c03 = math.Zero;
        T c10 = math.Zero, c11 = math.Zero, c12 = math.Zero, c13 = math.Zero;
        T c20 = math.Zero, c21 = math.Zero, c22 = math.Zero, c23 = math.Zero;
        T c30 = math.Zero, c31 = math.Zero, c32 = math.Zero, c33 = math.Zero;
        for (int k0 = 0; k0 < s.K; k0 += t)
        {
            for (int e = tid; e < slice; e += threads)
            {
                // Consecutive threads take consecutive elements along the stored matrix's contiguous axis.
                int i, kk;
                if (s.TransA == 0) { i = e / t; kk = e - i * t; }
                else { kk = e / side; i = e - kk * side; }
                int gi = row0 + i, gk = k0 + kk;
                T v = math.Zero;
                if (gi < s.M && gk < s.K) v = s.TransA == 0 ? a[gi * s.Lda + gk] : a[gk * s.Lda + gi];
                tileA[kk * stride + i] = v;

                int j;
                if (s.TransB == 0) { kk = e / side; j = e - kk * side; }
                else { j = e / t; kk = e - j * t; }
                int gj = col0 + j;
                gk = k0 + kk;
                v = math.Zero;
                if (gj < s.N && gk < s.K) v = s.TransB == 0 ? b[gk * s.Ldb + gj] : b[gj * s.Ldb + gk];
                tileB[kk * stride + j] = v;
            }
            Group.Barrier();
            for (int kk = 0; kk < t; kk++)
            {
                int ra = kk * stride + ty, rb = kk * stride + tx;
                T a0 = tileA[ra], a1 = tileA[ra + t], a2 = tileA[ra + 2 * t], a3 = tileA[ra + 3 * t];
                T b0 = tileB[rb], b1 = tileB[rb + t], b2 = tileB[rb + 2 * t], b3 = tileB[rb + 3 * t];
                c00 = math.MulAdd(a0, b0, c00); c01 = math.MulAdd(a0, b1, c01); c02 = math.MulAdd(a0, b2, c02); c03 = math.MulAdd(a0, b3, c03);
                c10 = math.MulAdd(a1, b0, c10); c11 = math.MulAdd(a1, b1, c11); c12 = math.MulAdd(a1, b2, c12); c13 = math.MulAdd(a1, b3, c13);
                c20 = math.MulAdd(a2, b0, c20); c21 = math.MulAdd(a2, b1, c21); c22 = math.MulAdd(a2, b2, c22); c23 = math.MulAdd(a2, b3, c23);
                c30 = math.MulAdd(a3, b0, c30); c31 = math.MulAdd(a3, b1, c31); c32 = math.MulAdd(a3, b2, c32); c33 = math.MulAdd(a3, b3, c33);
            }
            Group.Barrier();
        }
        int r = row0 + ty, col = col0 + tx;
        StoreRow<T, TMath>(c, s, r, col, t, c00, c01, c02, c03);
        StoreRow<T, TMath>(c, s, r + t, col, t, c10, c11, c12, c13);
        StoreRow<T, TMath>(c, s, r + 2 * t, col, t, c20, c21, c22, c23);
        StoreRow<T, TMath>(c, s, r + 3 * t, col, t, c30, c31, c32, c33);
    }

    // Writes one thread's four values of row `row` (columns col, col+t, col+2t, col+3t), skipping those outside C.
    private static void StoreRow<T, TMath>(ArrayView<T> c, in GemmShape s, int row, int col, int t, T v0, T v1, T v2, T v3)
        where T : unmanaged where TMath : struct, IDeviceArithmetic<T>
    {
        if (row >= s.M) return;
        int at = row * s.Ldc + col;
        Store<T, TMath>(c, s, at, col < s.N, v0);
        Store<T, TMath>(c, s, at + t, col + t < s.N, v1);
        Store<T, TMath>(c, s, at + 2 * t, col + 2 * t < s.N, v2);
        Store<T, TMath>(c, s, at + 3 * t, col + 3 * t < s.N, v3);
    }

    private static void Store<T, TMath>(ArrayView<T> c, in GemmShape s, int at, bool inside, T v)
        where T : unmanaged where TMath : struct, IDeviceArithmetic<T>
    {
        if (!inside) return;
        c[at] = s.Accumulate != 0 ? default(TMath).Add(c[at], v) : v;
    }
}
