namespace GraphTrainer.Tests.Conv;

/// <summary>
/// tf.nn.convolution and tf.nn.pool, TensorFlow's N-D entry points: the same values as the 1-D and 2-D ops they stand for
/// (checked against the direct reference), and TensorFlow's argument errors word for word.
/// </summary>
[Collection("DefaultGraph")]
public class ConvolutionPoolApiTests
{
    public ConvolutionPoolApiTests() => tf.reset_default_graph();

    private static double[] Run(Tensor t)
    {
        using var sess = tf.Session();
        return sess.run(t).ToArray<double>();
    }

    [Fact]
    public void Convolution_in_2_D_is_conv2d_with_dilations_and_strides()
    {
        var rng = new Random(7);
        var x = ConvReference.Random(rng, 2, 9, 8, 3);
        var f = ConvReference.Random(rng, 3, 3, 3, 4);
        var input = tf.constant(x, tf.float64);
        var filter = tf.constant(f, tf.float64);
        ConvForwardTests.AssertClose(ConvReference.Flat(ConvReference.Conv(x, f, 1, 1, 2, 2, "SAME")),
            Run(tf.nn.convolution(input, filter, "SAME", dilation_rate: new[] { 2, 2 })), 1e-12);
        ConvForwardTests.AssertClose(ConvReference.Flat(ConvReference.Conv(x, f, 2, 1, 1, 1, "VALID")),
            Run(tf.nn.convolution(input, filter, "VALID", strides: new[] { 2, 1 })), 1e-12);
    }

    [Fact]
    public void Convolution_in_1_D_is_conv1d()
    {
        var rng = new Random(8);
        var x = ConvReference.Random(rng, 2, 1, 10, 3);
        var f = ConvReference.Random(rng, 1, 3, 3, 2);
        var input = tf.squeeze(tf.constant(x, tf.float64), new[] { 1 });
        var filter = tf.squeeze(tf.constant(f, tf.float64), new[] { 0 });
        ConvForwardTests.AssertClose(ConvReference.Flat(ConvReference.Conv(x, f, 1, 2, 1, 1, "SAME")),
            Run(tf.nn.convolution(input, filter, "SAME", strides: new[] { 2 })), 1e-12);
    }

    [Theory]
    [InlineData("MAX")]
    [InlineData("AVG")]
    public void Pool_in_2_D_and_1_D_is_the_window_pool(string type)
    {
        var rng = new Random(9);
        var x = ConvReference.Random(rng, 2, 7, 6, 3);
        bool average = type == "AVG";
        ConvForwardTests.AssertClose(ConvReference.Flat(ConvReference.Pool(x, 3, 2, 2, 2, "SAME", average)),
            Run(tf.nn.pool(tf.constant(x, tf.float64), new[] { 3, 2 }, type, "SAME", strides: new[] { 2, 2 })), 1e-12);
        var row = ConvReference.Random(rng, 2, 1, 9, 3);
        var pooled = tf.nn.pool(tf.squeeze(tf.constant(row, tf.float64), new[] { 1 }), new[] { 3 }, type, "VALID", strides: new[] { 2 });
        Assert.Equal(new[] { 2, 4, 3 }, pooled.shape.dims);
        ConvForwardTests.AssertClose(ConvReference.Flat(ConvReference.Pool(row, 1, 3, 1, 2, "VALID", average)), Run(pooled), 1e-12);
    }

    [Fact]
    public void Bad_arguments_are_refused_in_TensorFlow_words()
    {
        var image = tf.zeros(new[] { 1, 6, 6, 2 });
        var filter = tf.zeros(new[] { 3, 3, 2, 2 });
        string Message(Func<Tensor> call) => Assert.Throws<ValueError>(() => call()).Message;
        Assert.Equal("strides > 1 not supported in conjunction with dilation_rate > 1",
            Message(() => tf.nn.convolution(image, filter, "SAME", strides: new[] { 2, 2 }, dilation_rate: new[] { 2, 2 })));
        Assert.Equal("len(strides)=1 but should be 2", Message(() => tf.nn.convolution(image, filter, "SAME", strides: new[] { 2 })));
        Assert.Equal("all values of dilation_rate must be positive", Message(() => tf.nn.convolution(image, filter, "SAME", dilation_rate: new[] { 0, 1 })));
        Assert.Equal("Shape (1, 6, 6, 2) must have rank 3", Message(() => tf.nn.convolution(image, tf.zeros(new[] { 3, 2, 2 }), "SAME")));
        Assert.Equal("strides > window_shape not supported due to inconsistency between CPU and GPU implementations",
            Message(() => tf.nn.pool(image, new[] { 2, 2 }, "MAX", "VALID", strides: new[] { 3, 3 })));
        Assert.Equal("pooling with SAME padding is not implemented for dilation_rate > 1",
            Message(() => tf.nn.pool(image, new[] { 2, 2 }, "MAX", "SAME", dilation_rate: new[] { 2, 2 })));
        Assert.Equal("2-D MIN pooling is not supported.", Message(() => tf.nn.pool(image, new[] { 2, 2 }, "MIN", "VALID")));
        Assert.Equal("It is required that 1 <= num_spatial_dims <= 3.", Message(() => tf.nn.pool(image, new int[0], "MAX", "VALID")));
    }
}
