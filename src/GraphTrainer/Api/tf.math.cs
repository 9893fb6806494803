namespace GraphTrainer;

public static partial class tf
{
    /// <summary>Matrix product of 2-D tensors.</summary>
    public static Tensor matmul(Tensor a, Tensor b, bool transpose_a = false, bool transpose_b = false, string name = null) =>
        MatMulOps.MatMul(a, b, transpose_a, transpose_b, name);

    /// <summary>x + y with broadcasting.</summary>
    public static Tensor add(Tensor x, Tensor y, string name = null) => MathOps.Add(x, y, name ?? "Add");
    /// <summary>x − y with broadcasting.</summary>
    public static Tensor subtract(Tensor x, Tensor y, string name = null) => MathOps.Sub(x, y, name);
    /// <summary>x · y element-wise with broadcasting.</summary>
    public static Tensor multiply(Tensor x, Tensor y, string name = null) => MathOps.Mul(x, y, name);
    /// <summary>x / y element-wise with broadcasting.</summary>
    public static Tensor divide(Tensor x, Tensor y, string name = null) => MathOps.RealDiv(x, y, name ?? "truediv");
    /// <summary>x / y element-wise (TensorFlow's tf.div / tf.truediv).</summary>
    public static Tensor truediv(Tensor x, Tensor y, string name = null) => MathOps.RealDiv(x, y, name ?? "truediv");
    /// <summary>−x.</summary>
    public static Tensor negative(Tensor x, string name = null) => MathOps.Neg(x, name);
    /// <summary>Sum of a list of same-shape tensors.</summary>
    public static Tensor add_n(Tensor[] inputs, string name = null) => MathOps.AddN(inputs, name);
    /// <summary>(x − y)².</summary>
    public static Tensor squared_difference(Tensor x, Tensor y, string name = null) => MathOps.SquaredDifference(x, y, name);
    /// <summary>max(x, y) element-wise.</summary>
    public static Tensor maximum(Tensor x, Tensor y, string name = null) => MathOps.Maximum(x, y, name);
    /// <summary>min(x, y) element-wise.</summary>
    public static Tensor minimum(Tensor x, Tensor y, string name = null) => MathOps.Minimum(x, y, name);
    /// <summary>Natural logarithm.</summary>
    public static Tensor log(Tensor x, string name = null) => UnaryOps.Unary("Log", x, name);
    /// <summary>eˣ.</summary>
    public static Tensor exp(Tensor x, string name = null) => UnaryOps.Unary("Exp", x, name);
    /// <summary>x².</summary>
    public static Tensor square(Tensor x, string name = null) => UnaryOps.Unary("Square", x, name);
    /// <summary>√x.</summary>
    public static Tensor sqrt(Tensor x, string name = null) => UnaryOps.Unary("Sqrt", x, name);
    /// <summary>Logistic sigmoid.</summary>
    public static Tensor sigmoid(Tensor x, string name = null) => UnaryOps.Unary("Sigmoid", x, name);
    /// <summary>Hyperbolic tangent.</summary>
    public static Tensor tanh(Tensor x, string name = null) => UnaryOps.Unary("Tanh", x, name);
    /// <summary>Element-wise equality (bool).</summary>
    public static Tensor equal(Tensor x, Tensor y, string name = null) => CompareOps.Equal(x, y, name);
    /// <summary>Converts to <paramref name="dtype"/>.</summary>
    public static Tensor cast(Tensor x, DType dtype, string name = null) => CastOps.Cast(x, dtype, name);

    /// <summary>Sum over <paramref name="axis"/> (all axes when null); Python's <c>reduction_indices</c> and <c>keep_dims</c> are accepted too.</summary>
    public static Tensor reduce_sum(Tensor input_tensor, Axis? axis = null, bool keepdims = false, string name = null,
        Axis? reduction_indices = null, bool keep_dims = false) =>
        ReductionOps.Sum(input_tensor, ReductionOps.AxesFor(input_tensor, (axis ?? reduction_indices)?.Axes), keepdims || keep_dims, name);

    /// <summary>Sum over one axis.</summary>
    public static Tensor reduce_sum(Tensor input_tensor, int axis, bool keepdims = false, string name = null) =>
        reduce_sum(input_tensor, new[] { axis }, keepdims, name);

    /// <summary>Mean over <paramref name="axis"/> (all axes when null).</summary>
    public static Tensor reduce_mean(Tensor input_tensor, Axis? axis = null, bool keepdims = false, string name = null,
        Axis? reduction_indices = null, bool keep_dims = false) =>
        ReductionOps.Mean(input_tensor, ReductionOps.AxesFor(input_tensor, (axis ?? reduction_indices)?.Axes), keepdims || keep_dims, name);

    /// <summary>Mean over one axis.</summary>
    public static Tensor reduce_mean(Tensor input_tensor, int axis, bool keepdims = false, string name = null) =>
        reduce_mean(input_tensor, new[] { axis }, keepdims, name);

    /// <summary>Index of the largest value along <paramref name="axis"/> (int64 by default).</summary>
    public static Tensor argmax(Tensor input, int axis, string name = null, DType output_type = DType.Int64) =>
        ReductionOps.ArgMax(input, axis, output_type, name);

    /// <summary>Permutes dimensions (reverses them when <paramref name="perm"/> is null).</summary>
    public static Tensor transpose(Tensor a, int[] perm = null, string name = "transpose")
    {
        perm ??= a.shape.HasRank ? Enumerable.Range(0, a.shape.ndim).Reverse().ToArray()
            : throw new ValueError("tf.transpose without perm needs a known rank.");
        return ArrayOps.Transpose(a, OpBuilder.IntVector(a.graph, perm, "transpose/perm"), name);
    }

    /// <summary>Reshapes (one dimension may be -1).</summary>
    public static Tensor reshape(Tensor tensor, TensorShape shape, string name = null) =>
        ArrayOps.Reshape(tensor, OpBuilder.IntVector(tensor.graph, shape.dims, "Reshape/shape"), name);

    /// <summary>Reshapes to <paramref name="shape"/> (one entry may be -1).</summary>
    public static Tensor reshape(Tensor tensor, int[] shape, string name = null) => reshape(tensor, new TensorShape(shape), name);

    /// <summary>Reshapes to a shape computed in the graph (an int32 vector, e.g. <c>tf.shape(other)</c>; one entry may be -1).</summary>
    public static Tensor reshape(Tensor tensor, Tensor shape, string name = null) => ArrayOps.Reshape(tensor, shape, name);

    /// <summary>The run-time shape as an int32 vector.</summary>
    public static Tensor shape(Tensor input, string name = null) => ArrayOps.Shape(input, name);

    /// <summary>Inserts a dimension of size 1 at <paramref name="axis"/>.</summary>
    public static Tensor expand_dims(Tensor input, int axis, string name = null) => ArrayOps.ExpandDims(input, axis, name);

    /// <summary>Zeros of <paramref name="shape"/>.</summary>
    public static Tensor zeros(TensorShape shape, DType dtype = DType.Float32, string name = "zeros") =>
        FillOps.Fill(get_default_graph(), shape, 0, dtype, name);

    /// <summary>Ones of <paramref name="shape"/>.</summary>
    public static Tensor ones(TensorShape shape, DType dtype = DType.Float32, string name = "ones") =>
        FillOps.Fill(get_default_graph(), shape, 1, dtype, name);

    /// <summary>A tensor of <paramref name="dims"/> filled with <paramref name="value"/>.</summary>
    public static Tensor fill(TensorShape dims, Tensor value, string name = null) =>
        FillOps.Fill(OpBuilder.IntVector(value.graph, dims.dims), value, name);

    /// <summary>Zeros shaped like <paramref name="x"/>.</summary>
    public static Tensor zeros_like(Tensor x, string name = null) => FillOps.ZerosLike(x, name);

    /// <summary>Ones shaped like <paramref name="x"/>.</summary>
    public static Tensor ones_like(Tensor x, string name = null) => FillOps.OnesLike(x, name);

    /// <summary>Normal random values.</summary>
    public static Tensor random_normal(TensorShape shape, float mean = 0f, float stddev = 1f, DType dtype = DType.Float32, int? seed = null, string name = null) =>
        RandomOps.Scaled("RandomStandardNormal", "random_normal", shape, mean, stddev, dtype, seed, name);

    /// <summary>Normal random values, re-drawn beyond two standard deviations.</summary>
    public static Tensor truncated_normal(TensorShape shape, float mean = 0f, float stddev = 1f, DType dtype = DType.Float32, int? seed = null, string name = null) =>
        RandomOps.Scaled("TruncatedNormal", "truncated_normal", shape, mean, stddev, dtype, seed, name);

    /// <summary>Uniform random values in [minval, maxval).</summary>
    public static Tensor random_uniform(TensorShape shape, float minval = 0f, float maxval = 1f, DType dtype = DType.Float32, int? seed = null, string name = null) =>
        RandomOps.Uniform(shape, minval, maxval, dtype, seed, name);
}
