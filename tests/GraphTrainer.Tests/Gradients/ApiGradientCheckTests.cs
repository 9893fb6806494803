using Row = GraphTrainer.Tests.Gradients.GradientCheckTests.Row;

namespace GraphTrainer.Tests.Gradients;

/// <summary>Gradient-check rows for the ops issue 11 added (losses, activations, math, array ops), in the same float64 checker.</summary>
[Collection("DefaultGraph")]
public class ApiGradientCheckTests
{
    private static readonly (double, double) Any = (-2, 2);
    private static readonly (double, double) Positive = (0.5, 2);
    private static readonly int[] S23 = { 2, 3 };

    private static Row R(string op, string @case, Func<Tensor[], Tensor> build, params (int[] shape, (double, double) range)[] inputs) =>
        new(op, @case, build, inputs.Select(i => i.shape).ToArray(), inputs.Select(i => i.range).ToArray());

    /// <summary>The table; the completeness test reads it together with <see cref="GradientCheckTests.Rows"/>.</summary>
    public static readonly Row[] Rows =
    {
        R("L2Loss", "", x => tf.nn.l2_loss(x[0]), (S23, Any)),
        R("LogSoftmax", "rows", x => tf.nn.log_softmax(x[0]), (S23, Any)),
        R("SparseSoftmaxCrossEntropyWithLogits", "int32 labels",
            x => tf.nn.sparse_softmax_cross_entropy_with_logits(labels: tf.constant(new[] { 2, 0 }), logits: x[0]), (S23, Any)),
        R("Elu", "both sides", x => tf.nn.elu(x[0]), (S23, Any)),
        R("LeakyRelu", "alpha 0.3", x => tf.nn.leaky_relu(x[0], alpha: 0.3), (S23, Any)),
        R("Softplus", "", x => tf.nn.softplus(x[0]), (S23, (-4, 4))),
    };

    public static IEnumerable<object[]> Cases => Rows.Select(r => new object[] { r });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_matches_central_differences(Row row)
    {
        double error = GradientChecker.MaxError(row.Build, row.Shapes, row.Ranges);
        Assert.True(error < 1e-6, $"{row}: max Jacobian error {error:E3} ≥ 1E-06");
    }
}
