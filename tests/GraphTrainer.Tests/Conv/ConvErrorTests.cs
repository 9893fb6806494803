namespace GraphTrainer.Tests.Conv;

/// <summary>Bad convolution, pooling and dropout arguments fail at graph-build time naming the op, the argument and the shapes.</summary>
[Collection("DefaultGraph")]
public class ConvErrorTests
{
    private static readonly int[] S1 = { 1, 1, 1, 1 };

    [Fact]
    public void A_3D_input_to_conv2d_names_the_op_and_shapes()
    {
        tf.reset_default_graph();
        var e = Assert.Throws<ValueError>(() => tf.nn.conv2d(tf.placeholder(tf.float32, (28, 28, 1)), tf.zeros(new[] { 5, 5, 1, 32 }), S1, "SAME"));
        Assert.Equal("Shape must be rank 4 but is rank 3 for 'Conv2D' (op: 'Conv2D') with input shapes: [28,28,1], [5,5,1,32].", e.Message);
    }

    [Fact]
    public void Filter_in_channels_must_match_the_input()
    {
        tf.reset_default_graph();
        var e = Assert.Throws<ValueError>(() => tf.nn.conv2d(tf.placeholder(tf.float32, (-1, 28, 28, 1)), tf.zeros(new[] { 5, 5, 3, 32 }), S1, "SAME"));
        Assert.Equal("Dimensions must be equal, but are 1 and 3 for 'Conv2D' (op: 'Conv2D') with input shapes: [?,28,28,1], [5,5,3,32].", e.Message);
    }

    [Fact]
    public void NCHW_data_with_the_wrong_channel_count_fails()
    {
        tf.reset_default_graph();
        // NHWC-shaped data declared NCHW: channels are dimension 1 (28), the filter expects 1.
        var e = Assert.Throws<ValueError>(() => tf.nn.conv2d(tf.placeholder(tf.float32, (-1, 28, 28, 1)), tf.zeros(new[] { 5, 5, 1, 32 }), S1, "SAME", data_format: "NCHW"));
        Assert.StartsWith("Dimensions must be equal, but are 28 and 1 for 'Conv2D'", e.Message);
    }

    [Fact]
    public void Unknown_padding_and_data_format_are_refused()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, (-1, 8, 8, 1));
        var e = Assert.Throws<ValueError>(() => tf.nn.conv2d(x, tf.zeros(new[] { 3, 3, 1, 2 }), S1, "same"));
        Assert.Equal("Value for attr 'padding' of \"same\" is not in the list of allowed values: \"SAME\", \"VALID\"", e.Message);
        e = Assert.Throws<ValueError>(() => tf.nn.max_pool(x, new[] { 1, 2, 2, 1 }, new[] { 1, 2, 2, 1 }, "SAME", data_format: "HWC"));
        Assert.Equal("Value for attr 'data_format' of \"HWC\" is not in the list of allowed values: \"NHWC\", \"NCHW\"", e.Message);
    }

    [Fact]
    public void Strides_need_four_values_and_no_batch_stride()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, (-1, 8, 8, 1));
        var f = tf.zeros(new[] { 3, 3, 1, 2 });
        Assert.Equal("Conv2D requires the stride attribute to contain 4 values, but got: 2",
            Assert.Throws<ValueError>(() => tf.nn.conv2d(x, f, new[] { 1, 1 }, "SAME")).Message);
        Assert.Equal("Current implementation does not yet support strides in the batch and depth dimensions.",
            Assert.Throws<ValueError>(() => tf.nn.conv2d(x, f, new[] { 2, 1, 1, 1 }, "SAME")).Message);
        Assert.Equal("Pooling is not yet supported on the batch dimension.",
            Assert.Throws<ValueError>(() => tf.nn.max_pool(x, new[] { 2, 2, 2, 1 }, new[] { 1, 2, 2, 1 }, "SAME")).Message);
    }

    [Fact]
    public void A_pool_window_larger_than_a_VALID_input_fails()
    {
        tf.reset_default_graph();
        var e = Assert.Throws<ValueError>(() => tf.nn.max_pool(tf.placeholder(tf.float32, (-1, 2, 2, 1)), new[] { 1, 5, 5, 1 }, S1, "VALID"));
        Assert.Equal("Computed output size would be negative: -2 [input_size: 2, effective_filter_size: 5, stride: 1] for 'MaxPool' (op: 'MaxPool') with input shapes: [?,2,2,1].", e.Message);
    }

    [Fact]
    public void A_window_too_large_for_a_fed_input_fails_at_run_time_naming_the_node()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, (-1, -1, -1, 1));
        var y = tf.nn.max_pool(x, new[] { 1, 5, 5, 1 }, S1, "VALID");
        using var sess = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(y, (x, NumSharp.np.zeros(new NumSharp.Shape(1, 2, 2, 1), NumSharp.NPTypeCode.Single))));
        Assert.Contains("Computed output size would be negative: -2", e.Message);
        Assert.Contains("'MaxPool'", e.Message);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    public void Keep_prob_outside_0_1_is_refused(double keepProb)
    {
        tf.reset_default_graph();
        var e = Assert.Throws<ValueError>(() => tf.nn.dropout(tf.placeholder(tf.float32, (-1, 4)), keepProb));
        Assert.Equal($"keep_prob must be a scalar tensor or a float in the range (0, 1], got {keepProb:G}", e.Message);
    }
}
