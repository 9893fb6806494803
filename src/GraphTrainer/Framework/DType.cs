namespace GraphTrainer;

/// <summary>Element types a tensor can hold; the subset of TensorFlow's DataType GraphTrainer supports.</summary>
public enum DType
{
    /// <summary>32-bit IEEE float (<c>tf.float32</c>).</summary>
    Float32 = 1,
    /// <summary>64-bit IEEE float (<c>tf.float64</c>).</summary>
    Float64 = 2,
    /// <summary>32-bit signed integer (<c>tf.int32</c>).</summary>
    Int32 = 3,
    /// <summary>8-bit unsigned integer (<c>tf.uint8</c>).</summary>
    UInt8 = 4,
    /// <summary>
    /// Byte string (<c>tf.string</c>, TensorFlow's DT_STRING = 7): each element is a <c>byte[]</c>, so a
    /// tensor's data is a <c>byte[][]</c>. Used for serialized Summary protos and summary tags.
    /// </summary>
    String = 7,
    /// <summary>64-bit signed integer (<c>tf.int64</c>).</summary>
    Int64 = 9,
    /// <summary>Boolean (<c>tf.bool</c>).</summary>
    Bool = 10,
}

/// <summary>Facts about each <see cref="DType"/>: CLR type, TensorFlow name, size.</summary>
public static class DTypeInfo
{
    /// <summary>The TensorFlow spelling (<c>float32</c>, <c>int64</c>), used in messages and GraphDef export.</summary>
    public static string Name(this DType dtype) => dtype switch
    {
        DType.Float32 => "float32",
        DType.Float64 => "float64",
        DType.Int32 => "int32",
        DType.UInt8 => "uint8",
        DType.Int64 => "int64",
        DType.Bool => "bool",
        DType.String => "string",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    /// <summary>TensorFlow's short name used in run-time messages (<c>float</c> for float32).</summary>
    public static string TfShortName(this DType dtype) => dtype switch
    {
        DType.Float32 => "float",
        DType.Float64 => "double",
        _ => dtype.Name(),
    };

    /// <summary>The CLR element type that backs tensors of this dtype.</summary>
    public static Type ClrType(this DType dtype) => dtype switch
    {
        DType.Float32 => typeof(float),
        DType.Float64 => typeof(double),
        DType.Int32 => typeof(int),
        DType.UInt8 => typeof(byte),
        DType.Int64 => typeof(long),
        DType.Bool => typeof(bool),
        DType.String => typeof(byte[]),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    /// <summary>Bytes per element. Strings have no fixed element size, so asking for one is a bug in the caller.</summary>
    public static int Size(this DType dtype) => dtype switch
    {
        DType.Float32 or DType.Int32 => 4,
        DType.Float64 or DType.Int64 => 8,
        DType.UInt8 or DType.Bool => 1,
        DType.String => throw new InvalidOperationException("tf.string elements are variable-length byte strings and have no fixed element size."),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    /// <summary>True for float32 and float64, the dtypes gradients flow through.</summary>
    public static bool IsFloating(this DType dtype) => dtype is DType.Float32 or DType.Float64;

    /// <summary>Maps a CLR element type to its dtype.</summary>
    public static DType FromClrType(Type type) =>
        type == typeof(float) ? DType.Float32 :
        type == typeof(double) ? DType.Float64 :
        type == typeof(int) ? DType.Int32 :
        type == typeof(long) ? DType.Int64 :
        type == typeof(byte) ? DType.UInt8 :
        type == typeof(bool) ? DType.Bool :
        type == typeof(byte[]) ? DType.String :
        throw new ArgumentException($"No GraphTrainer dtype for CLR type {type.Name}.");
}
