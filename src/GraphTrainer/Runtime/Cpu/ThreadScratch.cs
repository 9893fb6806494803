namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// Per-thread pinned scratch buffers for kernel tiles (convolution, fused updates), grown on demand and kept, so that a training step
/// allocates nothing and a tile stays where the thread's cache already has it. Buffers start on a 64-byte cache line, so
/// whole-vector rows in them are never split across two lines.
/// </summary>
internal static unsafe class ThreadScratch<T> where T : unmanaged
{
    private const int Align = 64;

    [ThreadStatic] private static T[][] t_buffers;

    /// <summary>Slot <paramref name="slot"/> (0–5) of this thread's scratch, at least <paramref name="length"/> elements, contents unspecified.</summary>
    public static T* Get(int slot, long length)
    {
        var buffers = t_buffers ??= new T[6][];
        ref var buffer = ref buffers[slot];
        long padded = Math.Max(length, 64) + Align / sizeof(T);
        if (buffer == null || buffer.Length < padded)
            buffer = GC.AllocateUninitializedArray<T>(checked((int)padded), pinned: true);
        var start = (nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref buffer[0]);
        return (T*)((start + Align - 1) & ~(nint)(Align - 1));
    }
}
