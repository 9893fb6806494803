namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// Per-thread pinned scratch buffers for kernel tiles (convolution, fused updates), grown on demand and kept, so that a training step
/// allocates nothing and a tile stays where the thread's cache already has it.
/// </summary>
internal static unsafe class ThreadScratch<T> where T : unmanaged
{
    [ThreadStatic] private static T[][] t_buffers;

    /// <summary>Slot <paramref name="slot"/> (0–3) of this thread's scratch, at least <paramref name="length"/> elements, contents unspecified.</summary>
    public static T* Get(int slot, long length)
    {
        var buffers = t_buffers ??= new T[4][];
        ref var buffer = ref buffers[slot];
        if (buffer == null || buffer.Length < length)
            buffer = GC.AllocateUninitializedArray<T>((int)Math.Max(length, 64), pinned: true);
        return (T*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref buffer[0]);
    }
}
