namespace GraphTrainer;

public static partial class tf
{
    /// <summary>
    /// The dtype TensorFlow's <c>tf.as_dtype</c> gives for a string name: <c>"float"</c> and <c>"float32"</c>,
    /// <c>"double"</c> and <c>"float64"</c>, <c>"int32"</c>, <c>"int64"</c>, <c>"uint8"</c>, <c>"bool"</c>, <c>"string"</c>.
    /// </summary>
    public static DType as_dtype(string type_value) => type_value switch
    {
        "float" or "float32" => DType.Float32,
        "double" or "float64" => DType.Float64,
        "int32" => DType.Int32,
        "int64" => DType.Int64,
        "uint8" => DType.UInt8,
        "bool" => DType.Bool,
        "string" => DType.String,
        _ => throw new TypeError($"Cannot convert value '{type_value}' to a TensorFlow DType."),
    };

    /// <summary><c>tf.placeholder("float", [None, 784])</c>: a placeholder whose dtype is given by name (see <see cref="as_dtype"/>).</summary>
    public static Tensor placeholder(string dtype, TensorShape shape = null, string name = null) => placeholder(as_dtype(dtype), shape, name);

    /// <summary><c>tf.cast(x, "float")</c>: a cast to a dtype given by name (see <see cref="as_dtype"/>).</summary>
    public static Tensor cast(Tensor x, string dtype, string name = null) => cast(x, as_dtype(dtype), name);

    /// <summary><c>tf.constant(0.1, "float")</c>: a constant of a dtype given by name (see <see cref="as_dtype"/>).</summary>
    public static Tensor constant(object value, string dtype, TensorShape shape = null, string name = "Const") => constant(value, as_dtype(dtype), shape, name);
}
