namespace GraphTrainer;

/// <summary>
/// Dtypes named by string, as TF1 programs often write them: <c>tf.placeholder("float", [None, 784])</c>,
/// <c>tf.cast(correct, "float")</c>. TensorFlow converts the name with <c>tf.as_dtype</c>.
/// </summary>
public static partial class tf
{
    /// <summary>
    /// TensorFlow's <c>tf.as_dtype(name)</c> for the dtypes GraphTrainer has: <c>"float32"</c>/<c>"float"</c>,
    /// <c>"float64"</c>/<c>"double"</c>, <c>"int32"</c>, <c>"int64"</c>, <c>"uint8"</c>, <c>"bool"</c>, <c>"string"</c>.
    /// </summary>
    /// <exception cref="TypeError">The name is not a dtype ("Cannot convert value 'x' to a TensorFlow DType.").</exception>
    public static DType as_dtype(string type_value) => type_value switch
    {
        "float32" or "float" => DType.Float32,
        "float64" or "double" => DType.Float64,
        "int32" => DType.Int32,
        "int64" => DType.Int64,
        "uint8" => DType.UInt8,
        "bool" => DType.Bool,
        "string" => DType.String,
        _ => throw new TypeError($"Cannot convert value {(type_value == null ? "None" : $"'{type_value}'")} to a TensorFlow DType."),
    };

    /// <summary><c>tf.placeholder("float", shape)</c>: a placeholder whose dtype is given by name (see <see cref="as_dtype"/>).</summary>
    /// <exception cref="TypeError">The name is not a dtype.</exception>
    public static Tensor placeholder(string dtype, TensorShape shape = null, string name = null) =>
        placeholder(as_dtype(dtype), shape, name);

    /// <summary><c>tf.cast(x, "float")</c>: a cast to the dtype given by name (see <see cref="as_dtype"/>).</summary>
    /// <exception cref="TypeError">The name is not a dtype.</exception>
    public static Tensor cast(Tensor x, string dtype, string name = null) => cast(x, as_dtype(dtype), name);
}
