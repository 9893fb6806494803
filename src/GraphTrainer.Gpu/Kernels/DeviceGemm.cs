using ILGPU;

namespace GraphTrainer.Gpu;

/// <summary>
/// The device GEMM every GPU kernel that multiplies matrices calls (MatMul, the convolutions): cuBLAS when the device is
/// a CUDA GPU and the library loads, otherwise (and whenever <see cref="PreferCublas"/> is off) the ILGPU
/// <see cref="TiledGemm"/> kernel. Row-major, dense: leading dimensions are given as stored.
/// </summary>
public static class DeviceGemm
{
    /// <summary>
    /// Use cuBLAS where it is available (the default). Set to false to force the ILGPU kernel everywhere, e.g. to check
    /// it on a real GPU; the CPU accelerator never uses cuBLAS either way. The environment variable
    /// <c>GRAPHTRAINER_CUBLAS=0</c> starts a process with it off (e.g. to run the agreement suite on a GPU both ways).
    /// </summary>
    public static bool PreferCublas { get; set; } = Environment.GetEnvironmentVariable("GRAPHTRAINER_CUBLAS") != "0";

    /// <summary>Which implementation <see cref="Multiply{T}"/> runs on <paramref name="device"/> now: "cuBLAS" or "ILGPU".</summary>
    public static string ImplementationFor(GpuDevice device) =>
        PreferCublas && Cublas.HandleFor(device) != IntPtr.Zero ? "cuBLAS" : "ILGPU";

    /// <summary>
    /// C (m×n, row stride ldc) = op(A)·op(B), or C += op(A)·op(B) when <paramref name="accumulate"/>; A is stored m×k
    /// (k×m when <paramref name="transA"/>) with row stride lda, B k×n (n×k when <paramref name="transB"/>) with ldb.
    /// Queued on the device's stream; an empty product writes zeros (or leaves C when accumulating).
    /// </summary>
    public static void Multiply<T>(GpuDevice device, bool transA, bool transB, int m, int n, int k,
        ArrayView<T> a, int lda, ArrayView<T> b, int ldb, ArrayView<T> c, int ldc, bool accumulate = false) where T : unmanaged
    {
        if (m == 0 || n == 0) return;
        var shape = new GemmShape
        {
            M = m, N = n, K = k, Lda = lda, Ldb = ldb, Ldc = ldc,
            TransA = transA ? 1 : 0, TransB = transB ? 1 : 0, Accumulate = accumulate ? 1 : 0,
        };
        if (k > 0 && PreferCublas)
        {
            var handle = Cublas.HandleFor(device);
            if (handle != IntPtr.Zero && Cublas.Gemm(handle, device, shape, a, b, c)) return;
        }
        TiledGemm.Run(device, shape, a, b, c);
    }
}
