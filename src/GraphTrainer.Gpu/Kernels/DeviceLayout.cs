using ILGPU;
using ILGPU.Runtime;

namespace GraphTrainer.Gpu;

/// <summary>A 4-D permutation: the output's dimensions and, per output axis, the source's stride along it.</summary>
internal struct Permute4
{
    public int D0, D1, D2, D3;
    public int S0, S1, S2, S3;
}

/// <summary>
/// Device-side layout helpers for the convolution and pooling kernels: a 4-D transpose (NCHW ↔ NHWC, one thread per
/// output element, writes coalesced) and per-node scratch buffers that grow once and are reused every run.
/// </summary>
internal static class DeviceLayout
{
    /// <summary>dst = src permuted: dst axis k is src axis perm[k].</summary>
    public static void Transpose<T>(GpuDevice device, ArrayView<T> src, ReadOnlySpan<int> srcShape, ReadOnlySpan<int> perm, ArrayView<T> dst)
        where T : unmanaged
    {
        Span<int> strides = stackalloc int[4];
        strides[3] = 1;
        for (int a = 2; a >= 0; a--) strides[a] = strides[a + 1] * srcShape[a + 1];
        var p = new Permute4
        {
            D0 = srcShape[perm[0]], D1 = srcShape[perm[1]], D2 = srcShape[perm[2]], D3 = srcShape[perm[3]],
            S0 = strides[perm[0]], S1 = strides[perm[1]], S2 = strides[perm[2]], S3 = strides[perm[3]],
        };
        int n = p.D0 * p.D1 * p.D2 * p.D3;
        if (n == 0) return;
        device.Kernel(s_transpose[typeof(T)], a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, Permute4>(Transpose4))(n, src, dst, p);
    }

    // Per element type, a key for the device's kernel cache.
    private static readonly Dictionary<Type, object> s_transpose = new() { [typeof(float)] = new object(), [typeof(double)] = new object() };

    /// <summary>One element of a 4-D transpose.</summary>
    [GpuKernel(typeof(float))]
    [GpuKernel(typeof(double))]
    internal static void Transpose4<T>(Index1D i, ArrayView<T> src, ArrayView<T> dst, Permute4 p) where T : unmanaged
    {
        int r = i;
        int i3 = r % p.D3; r /= p.D3;
        int i2 = r % p.D2; r /= p.D2;
        int i1 = r % p.D1, i0 = r / p.D1;
        dst[i] = src[i0 * p.S0 + i1 * p.S1 + i2 * p.S2 + i3 * p.S3];
    }

    /// <summary>Queues zeros into <paramref name="view"/> on the device's stream.</summary>
    public static void Clear<T>(GpuDevice device, ArrayView<T> view) where T : unmanaged
    {
        if (view.Length > 0) view.MemSetToZero(device.Accelerator.DefaultStream);
    }
}

/// <summary>
/// A kernel's scratch memory on one device: numbered slots, each a byte buffer that grows to the largest request and is
/// then reused, so a steady-state step allocates nothing on the device.
/// </summary>
internal sealed class DeviceScratch
{
    private readonly Dictionary<(GpuDevice, int), MemoryBuffer1D<byte, Stride1D.Dense>> _slots = new();

    /// <summary>Slot <paramref name="slot"/> on <paramref name="device"/> as <paramref name="elements"/> elements of T (contents unspecified).</summary>
    public ArrayView<T> Get<T>(GpuDevice device, int slot, long elements) where T : unmanaged
    {
        long bytes = Math.Max(elements, 1) * Interop.SizeOf<T>();
        if (!_slots.TryGetValue((device, slot), out var buffer) || buffer.Length < bytes)
        {
            if (buffer != null)
            {
                device.Accelerator.DefaultStream.Synchronize(); // queued kernels may still read the old buffer
                buffer.Dispose();
            }
            _slots[(device, slot)] = buffer = device.Accelerator.Allocate1D<byte>(bytes);
        }
        ArrayView<byte> bytesView = buffer.View;
        return bytesView.SubView(0, elements * Interop.SizeOf<T>()).Cast<T>();
    }
}
