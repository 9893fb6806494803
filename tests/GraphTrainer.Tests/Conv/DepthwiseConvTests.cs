namespace GraphTrainer.Tests.Conv;

/// <summary>
/// tf.nn.depthwise_conv2d (op DepthwiseConv2dNative) and separable_conv2d against the direct reference (a depthwise
/// convolution is one single-channel convolution per input channel and multiplier), shapes, and errors.
/// </summary>
[Collection("DefaultGraph")]
public class DepthwiseConvTests
{
    public DepthwiseConvTests() => tf.reset_default_graph();

    // Channel c · m + k of the depthwise output: the convolution of input channel c with filter [:, :, c, k].
    private static double[,,,] Reference(double[,,,] x, double[,,,] f, int s, int d, string padding)
    {
        int n = x.GetLength(0), c = x.GetLength(3), m = f.GetLength(3);
        double[,,,] result = null;
        for (int ch = 0; ch < c; ch++)
            for (int k = 0; k < m; k++)
            {
                var xc = new double[n, x.GetLength(1), x.GetLength(2), 1];
                for (int a = 0; a < n; a++) for (int i = 0; i < x.GetLength(1); i++) for (int j = 0; j < x.GetLength(2); j++) xc[a, i, j, 0] = x[a, i, j, ch];
                var fc = new double[f.GetLength(0), f.GetLength(1), 1, 1];
                for (int i = 0; i < f.GetLength(0); i++) for (int j = 0; j < f.GetLength(1); j++) fc[i, j, 0, 0] = f[i, j, ch, k];
                var y = ConvReference.Conv(xc, fc, s, s, d, d, padding);
                result ??= new double[n, y.GetLength(1), y.GetLength(2), c * m];
                for (int a = 0; a < n; a++) for (int i = 0; i < y.GetLength(1); i++) for (int j = 0; j < y.GetLength(2); j++) result[a, i, j, ch * m + k] = y[a, i, j, 0];
            }
        return result;
    }

    [Theory]
    [InlineData(1, 1, "SAME", 3)]
    [InlineData(2, 1, "SAME", 2)]
    [InlineData(1, 2, "VALID", 1)]
    public void Depthwise_is_one_convolution_per_channel_and_multiplier(int stride, int rate, string padding, int multiplier)
    {
        var rng = new Random(stride * 10 + rate);
        var x = ConvReference.Random(rng, 2, 7, 6, 3);
        var f = ConvReference.Random(rng, 3, 3, 3, multiplier);
        var y = tf.nn.depthwise_conv2d(tf.constant(x, tf.float64), tf.constant(f, tf.float64), new[] { 1, stride, stride, 1 }, padding,
            rate: new[] { rate, rate });
        Assert.Equal("DepthwiseConv2dNative", y.op.type);
        var expected = Reference(x, f, stride, rate, padding);
        Assert.Equal(new[] { 2, expected.GetLength(1), expected.GetLength(2), 3 * multiplier }, y.shape.dims);
        using var sess = tf.Session();
        ConvForwardTests.AssertClose(ConvReference.Flat(expected), sess.run(y).ToArray<double>(), 1e-12);
    }

    [Fact]
    public void Separable_is_depthwise_then_pointwise()
    {
        var rng = new Random(4);
        var x = tf.constant(ConvReference.Random(rng, 1, 5, 5, 2), tf.float64);
        var depthwise = tf.constant(ConvReference.Random(rng, 3, 3, 2, 2), tf.float64);
        var pointwise = tf.constant(ConvReference.Random(rng, 1, 1, 4, 3), tf.float64);
        var y = tf.nn.separable_conv2d(x, depthwise, pointwise, new[] { 1, 1, 1, 1 }, "SAME");
        var expected = tf.nn.conv2d(tf.nn.depthwise_conv2d(x, depthwise, new[] { 1, 1, 1, 1 }, "SAME"), pointwise, new[] { 1, 1, 1, 1 }, "VALID");
        using var sess = tf.Session();
        Assert.Equal(new[] { 1, 5, 5, 3 }, y.shape.dims);
        Assert.Equal(sess.run(expected).ToArray<double>(), sess.run(y).ToArray<double>());
    }

    [Fact]
    public void Bad_arguments_are_refused_in_TensorFlow_words()
    {
        var x = tf.placeholder(tf.float32, (1, 5, 5, 3));
        Assert.Contains("Dimensions must be equal, but are 3 and 2",
            Assert.Throws<ValueError>(() => tf.nn.depthwise_conv2d(x, tf.zeros(new[] { 3, 3, 2, 1 }), new[] { 1, 1, 1, 1 }, "SAME")).Message);
        Assert.Equal("strides > 1 not supported in conjunction with dilation_rate > 1",
            Assert.Throws<ValueError>(() => tf.nn.depthwise_conv2d(x, tf.zeros(new[] { 3, 3, 3, 1 }), new[] { 1, 2, 2, 1 }, "SAME", rate: new[] { 2, 2 })).Message);
        Assert.Equal("Dimensions 3 and 1 are not compatible",
            Assert.Throws<ValueError>(() => tf.nn.separable_conv2d(x, tf.zeros(new[] { 3, 3, 3, 1 }), tf.zeros(new[] { 3, 3, 3, 4 }), new[] { 1, 1, 1, 1 }, "SAME")).Message);
        var nchw = tf.nn.depthwise_conv2d(tf.zeros(new[] { 1, 3, 5, 5 }), tf.zeros(new[] { 3, 3, 3, 1 }), new[] { 1, 1, 1, 1 }, "SAME", data_format: "NCHW");
        using var sess = tf.Session();
        Assert.Contains("Depthwise convolution on CPU is only supported for NHWC format", Assert.Throws<InvalidArgumentError>(() => sess.run(nchw)).Message);
    }
}
