namespace GraphTrainer.Tests.Gradients;

/// <summary>Every differentiable op's gradient against float64 central differences, table-driven.</summary>
[Collection("DefaultGraph")]
public class GradientCheckTests
{
    internal static readonly (double, double) Any = (-2, 2);
    internal static readonly (double, double) Positive = (0.5, 2);

    /// <summary>One row: the op type it checks, how to build it from placeholders, input shapes and ranges.</summary>
    public sealed record Row(string OpType, string Case, Func<Tensor[], Tensor> Build, int[][] Shapes, (double, double)[] Ranges)
    {
        public override string ToString() => $"{OpType}: {Case}";
    }

    internal static Row R(string op, string @case, Func<Tensor[], Tensor> build, params (int[] shape, (double, double) range)[] inputs) =>
        new(op, @case, build, inputs.Select(i => i.shape).ToArray(), inputs.Select(i => i.range).ToArray());

    private static readonly int[] S23 = { 2, 3 };
    private static readonly int[] S3 = { 3 };
    private static readonly int[] S21 = { 2, 1 };

    /// <summary>The table. Ops appear by TensorFlow op type so the completeness test can match declarations.</summary>
    private static readonly Row[] CoreRows =
    {
        R("AddV2", "same shape", x => x[0] + x[1], (S23, Any), (S23, Any)),
        R("AddV2", "row broadcast", x => x[0] + x[1], (S23, Any), (S3, Any)),
        R("Sub", "column broadcast", x => x[0] - x[1], (S23, Any), (S21, Any)),
        R("Mul", "broadcast", x => x[0] * x[1], (S23, Any), (S3, Any)),
        R("RealDiv", "broadcast", x => x[0] / x[1], (S23, Any), (S3, Positive)),
        R("SquaredDifference", "broadcast", x => tf.squared_difference(x[0], x[1]), (S23, Any), (S3, Any)),
        R("Maximum", "same shape", x => tf.maximum(x[0], x[1]), (S23, (-2, 0)), (S23, (0.1, 2))),
        R("Minimum", "same shape", x => tf.minimum(x[0], x[1]), (S23, (-2, 0)), (S23, (0.1, 2))),
        R("AddN", "three", x => tf.add_n(new[] { x[0], x[1], x[0] }), (S23, Any), (S23, Any)),
        R("Neg", "", x => -x[0], (S23, Any)),
        R("Log", "", x => tf.log(x[0]), (S23, Positive)),
        R("Exp", "", x => tf.exp(x[0]), (S23, Any)),
        R("Square", "", x => tf.square(x[0]), (S23, Any)),
        R("Sqrt", "", x => tf.sqrt(x[0]), (S23, Positive)),
        R("Relu", "away from 0", x => tf.nn.relu(x[0]), (S23, (0.1, 2))),
        R("Relu", "negative", x => tf.nn.relu(x[0]) + x[0], (S23, (-2, -0.1))),
        R("Sigmoid", "", x => tf.sigmoid(x[0]), (S23, Any)),
        R("Tanh", "", x => tf.tanh(x[0]), (S23, Any)),
        R("Softmax", "rows", x => tf.nn.softmax(x[0]), (S23, Any)),
        R("SoftmaxCrossEntropyWithLogits", "soft labels",
            x => tf.nn.softmax_cross_entropy_with_logits(labels: tf.constant(new double[,] { { 0.2, 0.3, 0.5 }, { 0, 1, 0 } }, tf.float64), logits: x[0]), (S23, Any)),
        R("Sum", "axis 1", x => tf.reduce_sum(x[0], 1), (S23, Any)),
        R("Sum", "axis 0 keep_dims", x => tf.reduce_sum(x[0], new[] { 0 }, keepdims: true), (S23, Any)),
        R("Sum", "all", x => tf.reduce_sum(x[0]), (S23, Any)),
        R("Mean", "axis 1", x => tf.reduce_mean(x[0], 1), (S23, Any)),
        R("Mean", "all", x => tf.reduce_mean(x[0]), (S23, Any)),
        R("MatMul", "plain", x => tf.matmul(x[0], x[1]), (S23, Any), (new[] { 3, 4 }, Any)),
        R("MatMul", "transpose_a", x => tf.matmul(x[0], x[1], transpose_a: true), (new[] { 3, 2 }, Any), (new[] { 3, 4 }, Any)),
        R("MatMul", "transpose_b", x => tf.matmul(x[0], x[1], transpose_b: true), (S23, Any), (new[] { 4, 3 }, Any)),
        R("MatMul", "both", x => tf.matmul(x[0], x[1], transpose_a: true, transpose_b: true), (new[] { 3, 2 }, Any), (new[] { 4, 3 }, Any)),
        R("Transpose", "2-D", x => tf.transpose(x[0]), (S23, Any)),
        R("Transpose", "3-D perm", x => tf.transpose(x[0], new[] { 1, 2, 0 }), (new[] { 2, 3, 2 }, Any)),
        R("Reshape", "", x => tf.reshape(x[0], new[] { 3, -1 }), (S23, Any)),
        R("ExpandDims", "", x => tf.expand_dims(x[0], 1), (S23, Any)),
        R("Identity", "", x => tf.identity(x[0]), (S23, Any)),
        R("CheckNumerics", "", x => tf.check_numerics(x[0], "x"), (S23, Any)),
        R("Print", "", x => tf.Print(x[0], new Tensor[0]), (S23, Any)),
        R("Cast", "float64 → float32 → float64", x => tf.cast(tf.cast(x[0], tf.float32) * 2.0f, tf.float64), (S23, Any)),
    };

    /// <summary>Every row: the core table, then the op families kept in their own files.</summary>
    public static readonly Row[] Rows = CoreRows.Concat(ConvGradientRows.Rows).ToArray();

    public static IEnumerable<object[]> Cases => Rows.Select(r => new object[] { r });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_matches_central_differences(Row row)
    {
        // Cast through float32 loses ~1e-7 relative precision, so its differences are noisier.
        double tolerance = row.OpType == "Cast" ? 2e-3 : 1e-6;
        double error = GradientChecker.MaxError(row.Build, row.Shapes, row.Ranges);
        Assert.True(error < tolerance, $"{row}: max Jacobian error {error:E3} ≥ {tolerance:E0}");
    }

    [Fact]
    public void Checker_detects_a_wrong_gradient()
    {
        // Sanity check of the checker itself: x·x differentiated as if it were x (gradient 1 instead of 2x).
        double error = GradientChecker.MaxError(x => x[0] * tf.identity(x[0]) - tf.square(x[0]) + x[0] * 3.0, new[] { S23 }, new[] { Any });
        Assert.True(error < 1e-6);
        double wrong = GradientChecker.MaxError(x => tf.nn.relu(x[0]), new[] { S23 }, new[] { (-1.0, 1.0) }, delta: 1.5);
        Assert.True(wrong > 0.1, "a delta that crosses the ReLU kink must show a large error");
    }
}
