namespace GraphTrainer;

/// <summary>
/// <c>tf.arg_min</c> / <c>tf.arg_max</c>: TF1's deprecated spellings (the raw ArgMin/ArgMax ops, "use argmin instead"),
/// still used by tutorials such as aymericdamien's nearest_neighbor.py. The compiler's warning names the modern call.
/// </summary>
public static partial class tf
{
    /// <summary>Index of the smallest value along <paramref name="dimension"/> (int64): <see cref="argmin"/> under its TF ≤ 1.x name.</summary>
    [Obsolete("use tf.argmin(input, axis)")]
    public static Tensor arg_min(Tensor input, int dimension, DType output_type = DType.Int64, string name = null) =>
        argmin(input, dimension, name, output_type);

    /// <summary>Index of the largest value along <paramref name="dimension"/> (int64): <see cref="argmax"/> under its TF ≤ 1.x name.</summary>
    [Obsolete("use tf.argmax(input, axis)")]
    public static Tensor arg_max(Tensor input, int dimension, DType output_type = DType.Int64, string name = null) =>
        argmax(input, dimension, name, output_type);
}
