using System.Runtime.CompilerServices;

namespace GraphTrainer.Runtime;

/// <summary>
/// A concrete host tensor: dtype, shape and a managed backing array whose capacity may exceed the
/// element count so a buffer can be reused across steps whose batch size varies.
/// </summary>
public sealed class TensorValue
{
    private int[] _shape;

    private TensorValue(DType dtype, int[] shape, Array data, int length)
    {
        DType = dtype;
        _shape = shape;
        Data = data;
        Length = length;
    }

    /// <summary>Element type.</summary>
    public DType DType { get; }
    /// <summary>Dimensions (all known).</summary>
    public int[] Shape => _shape;
    /// <summary>Rank.</summary>
    public int Rank => _shape.Length;
    /// <summary>Backing array (float[], double[], int[], long[], byte[], bool[], or byte[][] for strings).</summary>
    public Array Data { get; private set; }
    /// <summary>Number of elements.</summary>
    public int Length { get; private set; }

    /// <summary>Allocates a zeroed tensor (a string tensor's elements are empty strings, as in TensorFlow).</summary>
    public static TensorValue Allocate(DType dtype, ReadOnlySpan<int> shape)
    {
        int n = ElementCount(shape);
        var data = Array.CreateInstance(dtype.ClrType(), n);
        if (dtype == DType.String) Array.Fill((byte[][])data, Array.Empty<byte>());
        return new TensorValue(dtype, shape.ToArray(), data, n);
    }

    /// <summary>A scalar <see cref="DType.String"/> tensor holding <paramref name="value"/> (not copied).</summary>
    public static TensorValue StringScalar(byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new TensorValue(DType.String, Array.Empty<int>(), new[] { value }, 1);
    }

    /// <summary>Wraps an existing array (no copy).</summary>
    public static TensorValue Wrap<T>(T[] data, params int[] shape) where T : unmanaged
    {
        int n = ElementCount(shape);
        if (n > data.Length) throw new ArgumentException($"Shape [{string.Join(",", shape)}] needs {n} elements; array has {data.Length}.");
        return new TensorValue(DTypeInfo.FromClrType(typeof(T)), (int[])shape.Clone(), data, n);
    }

    /// <summary>A scalar.</summary>
    public static TensorValue Scalar<T>(T value) where T : unmanaged => Wrap(new[] { value });

    /// <summary>
    /// Reshapes in place to <paramref name="shape"/> if the backing array is large enough; used by the
    /// executor to reuse last step's buffer. Returns false when a new allocation is needed.
    /// </summary>
    internal bool TryReuse(DType dtype, ReadOnlySpan<int> shape)
    {
        if (dtype != DType) return false;
        int n = ElementCount(shape);
        if (n > Data.Length) return false;
        if (!shape.SequenceEqual(_shape)) _shape = shape.ToArray();
        Length = n;
        return true;
    }

    /// <summary>Makes this object a view of <paramref name="source"/>'s data with another shape (Reshape, ExpandDims).</summary>
    internal void Alias(TensorValue source, ReadOnlySpan<int> shape)
    {
        if (ElementCount(shape) != source.Length)
            throw new InvalidArgumentError($"Cannot view {source.Length} elements as shape {ShapeString(shape)}.");
        Data = source.Data;
        Length = source.Length;
        if (!shape.SequenceEqual(_shape)) _shape = shape.ToArray();
    }

    /// <summary>The elements as a span of <typeparamref name="T"/> (which must match the dtype).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Span<T>() where T : unmanaged => new((T[])Data, 0, Length);

    /// <summary>The first element (the value of a scalar).</summary>
    public T ScalarValue<T>() where T : unmanaged => ((T[])Data)[0];

    /// <summary>
    /// A deep copy with an exact-size backing array. String elements are shared rather than copied: they are
    /// immutable by convention (kernels always produce new byte arrays).
    /// </summary>
    public TensorValue Clone()
    {
        var copy = Allocate(DType, _shape);
        Array.Copy(Data, copy.Data, Length);
        return copy;
    }

    /// <summary>Copies <paramref name="source"/>'s elements into this tensor (same dtype and element count).</summary>
    public void CopyFrom(TensorValue source)
    {
        if (source.DType != DType || source.Length != Length)
            throw new InvalidOperationException($"Cannot copy {source.DType.Name()}{ShapeString(source.Shape)} into {DType.Name()}{ShapeString(_shape)}.");
        Array.Copy(source.Data, Data, Length);
    }

    /// <summary>Product of dimensions.</summary>
    public static int ElementCount(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new InvalidArgumentError($"Dimension {d} is negative.");
            n *= d;
        }
        if (n > Array.MaxLength) throw new InvalidArgumentError($"Tensor of {n} elements is too large.");
        return (int)n;
    }

    /// <summary>TensorFlow list spelling of a concrete shape.</summary>
    public static string ShapeString(ReadOnlySpan<int> shape) => "[" + string.Join(",", shape.ToArray()) + "]";

    /// <inheritdoc/>
    public override string ToString() => $"TensorValue({DType.Name()}, {ShapeString(_shape)})";
}
