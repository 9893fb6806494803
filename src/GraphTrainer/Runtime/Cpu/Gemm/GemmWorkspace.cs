using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// One thread's packing buffers (packed A block and packed B block), 64-byte aligned so that packed panels
/// start on cache lines. They only grow, so a training loop that repeats the same shapes allocates nothing after
/// its first step. The arrays live on the pinned object heap: addresses are stable without fixed/GCHandle,
/// and a caller thread's buffers are reclaimed with the thread.
/// </summary>
internal sealed unsafe class GemmWorkspace
{
    private const int Align = 64;

    [ThreadStatic] private static GemmWorkspace t_current;

    private byte[] _aStore, _bStore, _wholeStore;
    private byte* _a, _b, _whole;
    private nint _aBytes, _bBytes, _wholeBytes;

    /// <summary>The calling thread's workspace (created on first use).</summary>
    public static GemmWorkspace Current => t_current ??= new GemmWorkspace();

    /// <summary>Buffer for <paramref name="count"/> packed A elements; contents are not preserved.</summary>
    public T* PackA<T>(nint count) where T : unmanaged => (T*)Ensure(ref _aStore, ref _a, ref _aBytes, count * sizeof(T));

    /// <summary>Buffer for <paramref name="count"/> packed B elements; contents are not preserved.</summary>
    public T* PackB<T>(nint count) where T : unmanaged => (T*)Ensure(ref _bStore, ref _b, ref _bBytes, count * sizeof(T));

    /// <summary>Buffer for a whole operand packed by this thread for all the chunks it computes.</summary>
    public T* PackWhole<T>(nint count) where T : unmanaged => (T*)Ensure(ref _wholeStore, ref _whole, ref _wholeBytes, count * sizeof(T));

    private static byte* Ensure(ref byte[] store, ref byte* aligned, ref nint capacity, nint bytes)
    {
        if (bytes <= capacity) return aligned;
        // Grow geometrically so a sequence of slightly larger shapes does not reallocate each time.
        nint size = Math.Max(bytes, capacity + capacity / 2);
        store = GC.AllocateUninitializedArray<byte>(checked((int)(size + Align)), pinned: true);
        byte* p = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(store));
        aligned = (byte*)(((nint)p + (Align - 1)) & ~(nint)(Align - 1));
        capacity = size;
        return aligned;
    }
}
