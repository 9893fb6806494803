using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime.Cuda;

namespace GraphTrainer.Gpu;

/// <summary>
/// cuBLAS's sgemm/dgemm through P/Invoke on function pointers, the optional fast path of the device GEMM. The library is
/// looked for only when a CUDA device asks for it (never for ILGPU's CPU accelerator) and only with
/// <see cref="NativeLibrary.TryLoad(string, out IntPtr)"/>, so a machine without it silently keeps the ILGPU kernel.
/// One handle per CUDA device, bound to the accelerator's default stream, so cuBLAS calls queue in order with ILGPU's kernels.
/// </summary>
internal static unsafe class Cublas
{
    private const int OpN = 0, OpT = 1;
    private static readonly string[] LibraryNames = { "libcublas.so", "libcublas.so.12", "libcublas.so.11", "cublas64_12.dll", "cublas64_11.dll" };
    private static readonly object s_lock = new();
    private static bool s_tried;
    private static delegate* unmanaged<IntPtr*, int> s_create;
    private static delegate* unmanaged<IntPtr, IntPtr, int> s_setStream;
    private static delegate* unmanaged<IntPtr, int, int, int, int, int, float*, IntPtr, int, IntPtr, int, float*, IntPtr, int, int> s_sgemm;
    private static delegate* unmanaged<IntPtr, int, int, int, int, int, double*, IntPtr, int, IntPtr, int, double*, IntPtr, int, int> s_dgemm;
    private static readonly Dictionary<GpuDevice, IntPtr> s_handles = new();

    /// <summary>True once the library was loaded (it is only ever tried for a CUDA device).</summary>
    public static bool IsLoaded { get; private set; }

    /// <summary>True once loading was attempted, which only a CUDA device's first GEMM does.</summary>
    public static bool LoadAttempted => s_tried;

    /// <summary>
    /// The cuBLAS handle for <paramref name="device"/> on its default stream, or <see cref="IntPtr.Zero"/> when the device
    /// is not a CUDA GPU or cuBLAS cannot be loaded or initialised there.
    /// </summary>
    public static IntPtr HandleFor(GpuDevice device)
    {
        if (device.Accelerator is not CudaAccelerator cuda) return IntPtr.Zero;
        lock (s_lock)
        {
            if (s_handles.TryGetValue(device, out var handle)) return handle;
            if (!EnsureLoaded()) return IntPtr.Zero;
            cuda.Bind();
            if (s_create(&handle) != 0 || s_setStream(handle, ((CudaStream)cuda.DefaultStream).StreamPtr) != 0) handle = IntPtr.Zero;
            s_handles[device] = handle;
            return handle;
        }
    }

    private static bool EnsureLoaded()
    {
        if (s_tried) return IsLoaded;
        s_tried = true;
        foreach (var name in LibraryNames)
        {
            if (!NativeLibrary.TryLoad(name, out var lib)) continue;
            if (!NativeLibrary.TryGetExport(lib, "cublasCreate_v2", out var create)
                || !NativeLibrary.TryGetExport(lib, "cublasSetStream_v2", out var setStream)
                || !NativeLibrary.TryGetExport(lib, "cublasSgemm_v2", out var sgemm)
                || !NativeLibrary.TryGetExport(lib, "cublasDgemm_v2", out var dgemm))
                continue;
            s_create = (delegate* unmanaged<IntPtr*, int>)create;
            s_setStream = (delegate* unmanaged<IntPtr, IntPtr, int>)setStream;
            s_sgemm = (delegate* unmanaged<IntPtr, int, int, int, int, int, float*, IntPtr, int, IntPtr, int, float*, IntPtr, int, int>)sgemm;
            s_dgemm = (delegate* unmanaged<IntPtr, int, int, int, int, int, double*, IntPtr, int, IntPtr, int, double*, IntPtr, int, int>)dgemm;
            return IsLoaded = true;
        }
        return false;
    }

    /// <summary>
    /// Row-major C = op(A)·op(B) [+ C] with cuBLAS, which is column-major: it computes Cᵀ = op(B)ᵀ·op(A)ᵀ, i.e. the same
    /// call with A and B swapped. Returns false when cuBLAS reported an error (the caller then runs the ILGPU kernel).
    /// </summary>
    public static bool Gemm<T>(IntPtr handle, GpuDevice device, in GemmShape s, ArrayView<T> a, ArrayView<T> b, ArrayView<T> c) where T : unmanaged
    {
        ((CudaAccelerator)device.Accelerator).Bind();
        int opA = s.TransA != 0 ? OpT : OpN, opB = s.TransB != 0 ? OpT : OpN;
        IntPtr pa = Address(a), pb = Address(b), pc = Address(c);
        if (typeof(T) == typeof(float))
        {
            float alpha = 1f, beta = s.Accumulate != 0 ? 1f : 0f;
            return s_sgemm(handle, opB, opA, s.N, s.M, s.K, &alpha, pb, s.Ldb, pa, s.Lda, &beta, pc, s.Ldc) == 0;
        }
        if (typeof(T) != typeof(double)) return false;
        double alpha64 = 1.0, beta64 = s.Accumulate != 0 ? 1.0 : 0.0;
        return s_dgemm(handle, opB, opA, s.N, s.M, s.K, &alpha64, pb, s.Ldb, pa, s.Lda, &beta64, pc, s.Ldc) == 0;
    }

    // The device address of a view's first element.
    private static IntPtr Address<T>(ArrayView<T> view) where T : unmanaged
    {
        var contiguous = (IContiguousArrayView)view;
        return contiguous.Buffer.NativePtr + (nint)contiguous.IndexInBytes;
    }
}
