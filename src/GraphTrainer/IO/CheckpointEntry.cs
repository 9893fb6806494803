using System.Runtime.InteropServices;

namespace GraphTrainer.IO;

/// <summary>
/// One named tensor in a checkpoint: dtype name, shape, and the raw little-endian,
/// row-major element bytes. Validated on construction so a malformed entry can never be written.
/// </summary>
public sealed class CheckpointEntry
{
    private readonly long[] _shape;

    /// <summary>Creates an entry over existing bytes (not copied).</summary>
    /// <param name="name">Variable name, e.g. "layer1/weights"; non-empty.</param>
    /// <param name="dtype">Dtype name from <see cref="CheckpointDTypes"/>, e.g. "float32".</param>
    /// <param name="shape">Dimensions, outermost first; empty for a scalar. Copied.</param>
    /// <param name="data">Element bytes; length must be element count × element size.</param>
    /// <exception cref="ArgumentException">Any of the above does not hold.</exception>
    public CheckpointEntry(string name, string dtype, long[] shape, ReadOnlyMemory<byte> data)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        int elementSize = CheckpointDTypes.ElementSize(dtype);
        ElementCount = CountElements(shape, name);
        long expected = checked(ElementCount * elementSize);
        if (data.Length != expected)
            throw new ArgumentException(
                $"Checkpoint entry '{name}' ({dtype}, shape [{string.Join(",", shape)}]) needs {expected} bytes but has {data.Length}.",
                nameof(data));
        Name = name;
        DType = dtype;
        _shape = (long[])shape.Clone();
        Data = data;
    }

    /// <summary>Variable name.</summary>
    public string Name { get; }

    /// <summary>Dtype name, e.g. "float32".</summary>
    public string DType { get; }

    /// <summary>Dimensions, outermost first; empty for a scalar.</summary>
    public IReadOnlyList<long> Shape => _shape;

    /// <summary>Raw little-endian element bytes in row-major order.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Number of elements (product of <see cref="Shape"/>, 1 for a scalar).</summary>
    public long ElementCount { get; }

    /// <summary>Creates an entry from typed values (copied), inferring the dtype from <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">Element type; see <see cref="CheckpointDTypes.Of{T}"/>.</typeparam>
    /// <param name="name">Variable name.</param>
    /// <param name="shape">Dimensions.</param>
    /// <param name="values">Row-major values.</param>
    /// <returns>The entry.</returns>
    public static CheckpointEntry FromValues<T>(string name, long[] shape, ReadOnlySpan<T> values) where T : unmanaged
    {
        RequireLittleEndian();
        byte[] bytes = MemoryMarshal.AsBytes(values).ToArray();
        return new CheckpointEntry(name, CheckpointDTypes.Of<T>(), shape, bytes);
    }

    /// <summary>Copies the data out as typed values.</summary>
    /// <typeparam name="T">Must correspond to <see cref="DType"/>.</typeparam>
    /// <returns>Row-major values.</returns>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> does not match the dtype.</exception>
    public T[] ToArray<T>() where T : unmanaged
    {
        RequireLittleEndian();
        string wanted = CheckpointDTypes.Of<T>();
        if (wanted != DType)
            throw new InvalidOperationException($"Checkpoint entry '{Name}' is {DType}, not {wanted}.");
        return MemoryMarshal.Cast<byte, T>(Data.Span).ToArray();
    }

    /// <summary>Shape as text, e.g. "[784,10]".</summary>
    /// <returns>The formatted shape.</returns>
    public string ShapeString() => "[" + string.Join(",", _shape) + "]";

    /// <inheritdoc />
    public override string ToString() => $"{Name} {DType}{ShapeString()}";

    internal static long CountElements(IReadOnlyList<long> shape, string name)
    {
        long count = 1;
        foreach (long d in shape)
        {
            if (d < 0) throw new ArgumentException($"Checkpoint entry '{name}' has negative dimension {d}.", nameof(shape));
            count = checked(count * d);
        }
        return count;
    }

    // The format stores little-endian bytes and the typed helpers reinterpret memory directly.
    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("Typed checkpoint helpers require a little-endian host.");
    }
}
