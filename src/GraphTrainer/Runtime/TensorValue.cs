using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GraphTrainer.Runtime;

/// <summary>
/// A concrete host tensor: dtype, shape and a managed backing array whose capacity may exceed the
/// element count so a buffer can be reused across steps whose batch size varies. A fed value may instead
/// borrow the fed array's native memory for the length of one run (see <see cref="Borrow"/>), so a large feed
/// such as a 10,000-row test set is read in place rather than copied.
/// </summary>
public sealed unsafe class TensorValue
{
    private int[] _shape;
    // Shape arrays this value has had: a buffer shared by several outputs (BufferPlan) cycles through a few shapes
    // every run, and reusing their arrays keeps a step allocation-free. Arrays are never changed once handed out.
    private int[][] _recentShapes;
    private int _nextRecent;
    private Array _data;
    // While borrowing (_owner not null): the object that owns, and keeps alive, the memory at _borrowed.
    private object _owner;
    private void* _borrowed;
    // Set when the elements live on an accelerator (then _data is null): see ComputeDevice.
    private DeviceStorage _storage;

    private TensorValue(DType dtype, int[] shape, Array data, int length)
    {
        DType = dtype;
        _shape = shape;
        _data = data;
        Length = length;
    }

    /// <summary>Element type.</summary>
    public DType DType { get; }
    /// <summary>Dimensions (all known).</summary>
    public int[] Shape => _shape;
    /// <summary>Rank.</summary>
    public int Rank => _shape.Length;
    /// <summary>
    /// Backing array (float[], double[], int[], long[], byte[], bool[], or byte[][] for strings). A value that borrows
    /// a fed array's memory has none: read it through <see cref="Span{T}"/>.
    /// </summary>
    public Array Data => _storage != null ? throw OnDeviceError()
        : _owner == null ? _data
        : throw new InvalidOperationException($"{this} reads a fed array in place and has no managed backing array; use Span<T>().");

    /// <summary>The device memory holding the elements, or null for a host value.</summary>
    public DeviceStorage Storage => _storage;

    /// <summary>The device the elements are on (<see cref="ComputeDevice.Host"/> for a host value).</summary>
    public ComputeDevice Device => _storage?.Device ?? ComputeDevice.Host;

    /// <summary>True when the elements live on an accelerator rather than in host memory.</summary>
    public bool IsOnDevice => _storage != null;

    private InvalidOperationException OnDeviceError() =>
        new($"{this} lives on {_storage.Device.Name}; copy it to the host first (ComputeDevice.Download).");

    /// <summary>True while the elements are a fed array's memory rather than <see cref="Data"/>.</summary>
    public bool IsBorrowed => _owner != null;
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

    /// <summary>Allocates a tensor on <paramref name="device"/> (a zeroed host array for the host); device contents are unspecified.</summary>
    public static TensorValue AllocateOn(ComputeDevice device, DType dtype, ReadOnlySpan<int> shape)
    {
        if (device == null || device.IsHost) return Allocate(dtype, shape);
        if (dtype == DType.String) throw new InvalidArgumentError($"String tensors cannot live on {device.Name}.");
        int n = ElementCount(shape);
        return new TensorValue(dtype, shape.ToArray(), null, n) { _storage = device.Allocate(dtype, Math.Max(n, 1)) };
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
        if (dtype != DType || (_data == null && _storage == null)) return false;
        int n = ElementCount(shape);
        if (n > (_storage?.Capacity ?? _data.Length)) return false;
        SetShape(shape);
        Length = n;
        return true;
    }

    /// <summary>Makes this object a view of <paramref name="source"/>'s data with another shape (Reshape, ExpandDims).</summary>
    internal void Alias(TensorValue source, ReadOnlySpan<int> shape)
    {
        if (ElementCount(shape) != source.Length)
            throw new InvalidArgumentError($"Cannot view {source.Length} elements as shape {ShapeString(shape)}.");
        _data = source._data;
        _borrowed = source._borrowed;
        _owner = source._owner;
        _storage = source._storage;
        Length = source.Length;
        SetShape(shape);
    }

    private void SetShape(ReadOnlySpan<int> shape)
    {
        if (shape.SequenceEqual(_shape)) return;
        _recentShapes ??= new int[4][];
        foreach (var recent in _recentShapes)
            if (recent != null && shape.SequenceEqual(recent))
            {
                _shape = recent;
                return;
            }
        _shape = _recentShapes[_nextRecent] = shape.ToArray();
        _nextRecent = (_nextRecent + 1) % _recentShapes.Length;
    }

    /// <summary>An empty value of <paramref name="dtype"/> that <see cref="Borrow"/> will point at fed memory.</summary>
    internal static TensorValue Borrower(DType dtype) => new(dtype, Array.Empty<int>(), null, 0);

    /// <summary>
    /// Makes this value read <paramref name="shape"/> elements at <paramref name="address"/>, memory that
    /// <paramref name="owner"/> keeps alive, until <see cref="EndBorrow"/>. The caller guarantees the layout (dense,
    /// row-major, this dtype) and that no kernel writes it.
    /// </summary>
    internal void Borrow(void* address, object owner, ReadOnlySpan<int> shape)
    {
        if (DType == DType.String) throw new InvalidOperationException("String tensors cannot borrow native memory.");
        ArgumentNullException.ThrowIfNull(owner);
        Length = ElementCount(shape);
        _borrowed = address;
        _owner = owner;
        _data = null;
        _storage = null;
        SetShape(shape);
    }

    /// <summary>Forgets borrowed memory (after the run), so this value neither reads it nor keeps its owner alive.</summary>
    internal void EndBorrow()
    {
        if (_owner == null) return;
        _borrowed = null;
        _owner = null;
        Length = 0;
    }

    /// <summary>The elements as a span of <typeparamref name="T"/> (which must match the dtype).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Span<T>() where T : unmanaged => _owner == null && _storage == null ? new((T[])_data, 0, Length) : BorrowedSpan<T>();

    private Span<T> BorrowedSpan<T>() where T : unmanaged
    {
        if (_storage != null) throw OnDeviceError();
        if (DType.ClrType() != typeof(T))
            throw new InvalidCastException($"{this} holds {DType.Name()} elements, not {typeof(T).Name}.");
        return Length == 0 ? default : new Span<T>(_borrowed, Length);
    }

    /// <summary>The elements' bytes (not for string tensors, whose elements are byte arrays).</summary>
    public Span<byte> Bytes
    {
        get
        {
            if (DType == DType.String) throw new InvalidOperationException("String tensors have no flat bytes.");
            if (_storage != null) throw OnDeviceError();
            int size = Length * DType.Size();
            if (_owner != null) return Length == 0 ? default : new Span<byte>(_borrowed, size);
            return MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(_data), size);
        }
    }

    /// <summary>The first element (the value of a scalar).</summary>
    public T ScalarValue<T>() where T : unmanaged => Span<T>()[0];

    /// <summary>
    /// A deep copy with an exact-size backing array. String elements are shared rather than copied: they are
    /// immutable by convention (kernels always produce new byte arrays).
    /// </summary>
    public TensorValue Clone()
    {
        var copy = AllocateOn(Device, DType, _shape);
        if (_storage != null)
        {
            _storage.Device.Copy(this, copy);
            return copy;
        }
        if (DType == DType.String) Array.Copy(_data, copy._data, Length);
        else Bytes.CopyTo(copy.Bytes);
        return copy;
    }

    /// <summary>Copies <paramref name="source"/>'s elements into this tensor (same dtype and element count).</summary>
    public void CopyFrom(TensorValue source)
    {
        if (source.DType != DType || source.Length != Length)
            throw new InvalidOperationException($"Cannot copy {source.DType.Name()}{ShapeString(source.Shape)} into {DType.Name()}{ShapeString(_shape)}.");
        if (DType == DType.String) Array.Copy(source._data, _data, Length);
        else if (source._storage != null && _storage != null && source.Device == Device) Device.Copy(source, this);
        else if (source._storage != null && _storage == null) source.Device.Download(source, this);
        else if (_storage != null) Device.Upload(source.ToHost(), this); // from the host, or from another device through it
        else source.Bytes.CopyTo(Bytes);
    }

    /// <summary>This value on the host: itself when it is there, else a host copy of its elements.</summary>
    public TensorValue ToHost()
    {
        if (_storage == null) return this;
        var host = Allocate(DType, _shape);
        _storage.Device.Download(this, host);
        return host;
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
    public override string ToString() => $"TensorValue({DType.Name()}, {ShapeString(_shape)}{(_storage != null ? ", " + _storage.Device.Name : "")})";
}
