using System.Collections.Concurrent;
using ILGPU;
using ILGPU.Runtime;

namespace GraphTrainer.Gpu;

/// <summary>
/// Small integer tables (dimension sizes and strides) that general-rank kernels read on the device. A node keeps the
/// tables it has uploaded, so a step whose shapes do not change uploads nothing; tables are uploaded once per new shape.
/// </summary>
internal sealed class DeviceShapes
{
    // Tables in use stay alive while kernels queued on the stream may still read them; past this many distinct shapes
    // the cache waits for the device and starts over.
    private const int Capacity = 8;
    private readonly List<(int[] Key, MemoryBuffer1D<int, Stride1D.Dense> Buffer)> _tables = new();

    /// <summary>The device copy of <paramref name="table"/> (uploaded on first use).</summary>
    public ArrayView<int> Get(GpuDevice device, ReadOnlySpan<int> table)
    {
        lock (_tables)
        {
            foreach (var (key, buffer) in _tables)
                if (table.SequenceEqual(key)) return buffer.View;
            if (_tables.Count == Capacity)
            {
                device.Accelerator.Synchronize();
                foreach (var (_, buffer) in _tables) buffer.Dispose();
                _tables.Clear();
            }
            var copy = table.Length == 0 ? new[] { 0 } : table.ToArray();
            var uploaded = device.Accelerator.Allocate1D(copy);
            _tables.Add((table.ToArray(), uploaded));
            return uploaded.View;
        }
    }

    private MemoryBuffer1D<byte, Stride1D.Dense> _scratch;

    /// <summary>
    /// A device buffer of at least <paramref name="length"/> elements for a kernel's partial results, reused run after
    /// run (kernels on one stream run in order, so the next run's use waits for this one's).
    /// </summary>
    public ArrayView<T> Scratch<T>(GpuDevice device, int length) where T : unmanaged
    {
        long bytes = (long)length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        lock (_tables)
        {
            if (_scratch == null || _scratch.Length < bytes)
            {
                if (_scratch != null)
                {
                    device.Accelerator.Synchronize();
                    _scratch.Dispose();
                }
                _scratch = device.Accelerator.Allocate1D<byte>(bytes);
            }
            ArrayView<byte> view = _scratch.View;
            return view.SubView(0, bytes).Cast<T>();
        }
    }

    /// <summary>
    /// The offset of element <paramref name="index"/> of a row-major index space whose <paramref name="rank"/> sizes
    /// start at <paramref name="start"/> of <paramref name="table"/>, followed by their strides in the tensor read.
    /// </summary>
    public static int Offset(ArrayView<int> table, int start, int rank, int index)
    {
        int offset = 0;
        for (int k = rank - 1; k >= 0; k--)
        {
            int size = table[start + k];
            offset += index % size * table[start + rank + k];
            index /= size;
        }
        return offset;
    }

    /// <summary>Row-major strides of <paramref name="shape"/>.</summary>
    public static int[] Strides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        for (int k = shape.Length - 1, s = 1; k >= 0; k--)
        {
            strides[k] = s;
            s *= shape[k];
        }
        return strides;
    }

    /// <summary>
    /// Threads per group for work items of <paramref name="length"/> elements each: a whole number of warps, at most
    /// 256 and what the accelerator allows (the CPU accelerator: 16; an H100: 1024).
    /// </summary>
    public static int GroupSize(Accelerator accelerator, int length)
    {
        int warp = Math.Max(1, accelerator.WarpSize);
        int max = Math.Min(256, accelerator.MaxNumThreadsPerGroup);
        int size = (Math.Max(length, 1) + warp - 1) / warp * warp;
        return Math.Max(1, Math.Min(size, max / warp * warp));
    }

    /// <summary>How many groups to launch for <paramref name="items"/> work items (kernels loop over the rest).</summary>
    public static int GroupCount(Accelerator accelerator, int items) => Math.Max(1, Math.Min(items, Math.Min(65535, accelerator.MaxGridSize.X)));
}

/// <summary>
/// Keys for <see cref="GpuDevice.Kernel"/> that cost no allocation per launch (a boxed tuple key would): one object per
/// kernel name and type argument <typeparamref name="T"/>, created on first use.
/// </summary>
internal static class KernelKey<T>
{
    private static readonly ConcurrentDictionary<string, object> s_keys = new();

    /// <summary>The key of kernel <paramref name="name"/> instantiated for <typeparamref name="T"/>.</summary>
    public static object For(string name) => s_keys.GetOrAdd(name, static _ => new object());
}
