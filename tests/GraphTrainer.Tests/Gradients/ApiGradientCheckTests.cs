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
        R("Abs", "away from 0", x => tf.abs(x[0]), (S23, (0.2, 2))),
        R("Abs", "negative", x => tf.abs(x[0]), (S23, (-2, -0.2))),
        R("Sign", "zero gradient", x => tf.sign(x[0]) + x[0], (S23, (0.2, 2))),
        R("Reciprocal", "", x => tf.reciprocal(x[0]), (S23, Positive)),
        R("Rsqrt", "", x => tf.rsqrt(x[0]), (S23, Positive)),
        R("Log1p", "", x => tf.log1p(x[0]), (S23, Positive)),
        R("Sin", "", x => tf.sin(x[0]), (S23, (-4, 4))),
        R("Cos", "", x => tf.cos(x[0]), (S23, (-4, 4))),
        R("Tan", "", x => tf.tan(x[0]), (S23, (-1.2, 1.2))),
        R("Asin", "", x => tf.asin(x[0]), (S23, (-0.9, 0.9))),
        R("Acos", "", x => tf.math.acos(x[0]), (S23, (-0.9, 0.9))),
        R("Atan", "", x => tf.atan(x[0]), (S23, (-3, 3))),
        R("ExtractImagePatches", "SAME 2x2 windows, strides 2x1", x => tf.extract_image_patches(x[0], new[] { 1, 2, 2, 1 }, new[] { 1, 2, 1, 1 }, new[] { 1, 1, 1, 1 }, "SAME"), (new[] { 1, 3, 3, 2 }, Any)),
        R("ExtractImagePatches", "VALID rate 2", x => tf.extract_image_patches(x[0], new[] { 1, 2, 2, 1 }, new[] { 1, 1, 1, 1 }, new[] { 1, 2, 2, 1 }, "VALID"), (new[] { 1, 4, 3, 1 }, Any)),
        R("SpaceToDepth", "block 2", x => tf.space_to_depth(x[0], 2), (new[] { 1, 4, 2, 2 }, Any)),
        R("DepthToSpace", "block 2", x => tf.depth_to_space(x[0], 2), (new[] { 1, 2, 1, 8 }, Any)),
        R("LRN", "radius 2 of 6 channels, beta 0.75", x => tf.nn.lrn(x[0], 2, 1.5, 0.3, 0.75), (new[] { 1, 2, 1, 6 }, Any)),
        R("Pow", "broadcast exponent", x => tf.pow(x[0], x[1]), (S23, Positive), (new[] { 3 }, Any)),
        R("Select", "by sign", x => tf.where(tf.greater(x[0], tf.zeros_like(x[0])), x[0] * x[1], x[1]), (S23, Any), (S23, Any)),
        R("Max", "axis 1", x => tf.reduce_max(x[0], 1), (S23, Any)),
        R("Max", "all, tie split", x => tf.reduce_max(tf.concat(new[] { x[0], x[0] }, 0)), (S23, Any)),
        R("Sum", "non-adjacent axes 0 and 2", x => tf.reduce_sum(x[0], new[] { 0, 2 }), (new[] { 2, 3, 2 }, Any)),
        R("Max", "non-adjacent axes 0 and 2", x => tf.reduce_max(x[0], new[] { 0, 2 }), (new[] { 2, 3, 2 }, Any)),
        R("Min", "axis 0 keep_dims", x => tf.reduce_min(x[0], 0, keepdims: true), (S23, Any)),
        R("Prod", "axis 1", x => tf.reduce_prod(x[0], 1), (S23, Any)),
        R("Prod", "all", x => tf.reduce_prod(x[0]), (S23, Any)),
        R("Cumsum", "exclusive reverse", x => tf.cumsum(x[0], 1, exclusive: true, reverse: true), (S23, Any)),
        R("Cumprod", "axis 1", x => tf.cumprod(x[0], 1), (S23, Positive)),
        R("Squeeze", "", x => tf.squeeze(tf.reshape(x[0], new[] { 2, 1, 3 })), (S23, Any)),
        R("Pack", "axis 1", x => tf.stack(new[] { x[0], x[1] }, axis: 1), (S23, Any), (S23, Any)),
        R("Unpack", "axis 1", x => tf.unstack(x[0], axis: 1)[2] * 2.0 + tf.unstack(x[0], axis: 1)[0], (S23, Any)),
        R("ConcatV2", "axis 1", x => tf.concat(new[] { x[0], x[1] }, 1), (S23, Any), (new[] { 2, 2 }, Any)),
        R("Split", "axis 1, one part unused", x => tf.split(x[0], 3, axis: 1)[1], (S23, Any)),
        R("SplitV", "sizes 1 and rest", x => tf.split(x[0], new[] { 1, -1 }, axis: 1)[1], (S23, Any)),
        R("Tile", "both axes", x => tf.tile(x[0], new[] { 2, 2 }), (S23, Any)),
        R("Slice", "", x => tf.slice(x[0], new[] { 0, 1 }, new[] { -1, 2 }), (S23, Any)),
        R("Pad", "", x => tf.pad(x[0], new[,] { { 1, 0 }, { 0, 2 } }), (S23, Any)),
        R("StridedSlice", "range then index", x => x[0][1..2, ..][0] * 2.0 + x[0][^1], (S23, Any)),
        R("StridedSlice", "column", x => x[0][.., 1], (S23, Any)),
        R("StridedSlice", "negative stride", x => tf.strided_slice(x[0], new[] { 0, -1 }, new[] { 2, 0 }, new[] { 1, -2 }, end_mask: 2), (S23, Any)),
        R("GatherV2", "repeated indices", x => tf.gather(x[0], tf.constant(new[] { 1, 0, 1 })), (S23, Any)),
        R("UnsortedSegmentSum", "", x => tf.math.unsorted_segment_sum(x[0], tf.constant(new[] { 1, 1 }), 3), (S23, Any)),
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
