using GraphTrainer.Tests.Gradients;

namespace GraphTrainer.Tests.Conv;

/// <summary>
/// tf.nn.conv1d (TensorFlow builds it as a conv2d over a height of 1) and tf.nn.atrous_conv2d (conv2d with dilations
/// [1, rate, rate, 1]) against the direct reference convolution, their gradients by finite differences, and their
/// argument errors in TensorFlow's words.
/// </summary>
[Collection("DefaultGraph")]
public class Conv1dAtrousTests
{
    [Theory]
    [InlineData(1, 1, "SAME")]
    [InlineData(2, 1, "SAME")]
    [InlineData(1, 2, "VALID")]
    public void Conv1d_is_the_one_row_convolution(int stride, int dilation, string padding)
    {
        var rng = new Random(3);
        var x = ConvReference.Random(rng, 2, 1, 9, 3);
        var f = ConvReference.Random(rng, 1, 3, 3, 4);
        var expected = ConvReference.Flat(ConvReference.Conv(x, f, 1, stride, 1, dilation, padding));
        tf.reset_default_graph();
        var value = tf.constant(Squeeze(x), tf.float64);
        var filters = tf.constant(FilterRow(f), tf.float64);
        var y = tf.nn.conv1d(value, filters, stride, padding, dilations: dilation);
        Assert.Equal(3, y.shape.ndim);
        Assert.StartsWith("conv1d/", y.name);
        using var sess = tf.Session();
        ConvForwardTests.AssertClose(expected, sess.run(y).ToArray<double>(), 1e-12);
    }

    [Fact]
    public void Conv1d_NCW_is_NWC_with_channels_second()
    {
        var rng = new Random(4);
        var x = ConvReference.Random(rng, 2, 1, 7, 3);
        var f = ConvReference.Random(rng, 1, 3, 3, 2);
        tf.reset_default_graph();
        var nwc = tf.constant(Squeeze(x), tf.float64);
        var filters = tf.constant(FilterRow(f), tf.float64);
        var expected = tf.transpose(tf.nn.conv1d(nwc, filters, 2, "SAME"), new[] { 0, 2, 1 });
        var got = tf.nn.conv1d(tf.transpose(nwc, new[] { 0, 2, 1 }), filters, 2, "SAME", data_format: "NCW");
        using var sess = tf.Session();
        ConvForwardTests.AssertClose(sess.run(expected).ToArray<double>(), sess.run(got).ToArray<double>(), 1e-12);
    }

    [Fact]
    public void Conv1d_gradients_match_finite_differences() =>
        Assert.True(GradientChecker.MaxError(t => tf.nn.conv1d(t[0], t[1], 2, "SAME"), new[] { new[] { 2, 7, 3 }, new[] { 3, 3, 2 } },
            new[] { (-1.0, 1.0), (-1.0, 1.0) }) < 1e-6);

    [Fact]
    public void Atrous_conv2d_is_the_dilated_convolution_with_its_gradients()
    {
        var rng = new Random(5);
        var x = ConvReference.Random(rng, 1, 9, 8, 2);
        var f = ConvReference.Random(rng, 3, 3, 2, 3);
        tf.reset_default_graph();
        var y = tf.nn.atrous_conv2d(tf.constant(x, tf.float64), tf.constant(f, tf.float64), 2, "SAME");
        using (var sess = tf.Session())
            ConvForwardTests.AssertClose(ConvReference.Flat(ConvReference.Conv(x, f, 1, 1, 2, 2, "SAME")), sess.run(y).ToArray<double>(), 1e-12);
        Assert.True(GradientChecker.MaxError(t => tf.nn.atrous_conv2d(t[0], t[1], 2, "VALID"), new[] { new[] { 1, 6, 7, 2 }, new[] { 2, 2, 2, 2 } },
            new[] { (-1.0, 1.0), (-1.0, 1.0) }) < 1e-6);
    }

    [Fact]
    public void Bad_arguments_are_refused_in_TensorFlow_words()
    {
        tf.reset_default_graph();
        var value = tf.zeros(new[] { 1, 5, 2 });
        var filters = tf.zeros(new[] { 3, 2, 2 });
        Assert.Equal("data_format must be \"NWC\" or \"NCW\".", Assert.Throws<ValueError>(() => tf.nn.conv1d(value, filters, 1, "SAME", data_format: "NHCW")).Message);
        var image = tf.zeros(new[] { 1, 5, 5, 2 });
        Assert.Equal("rate 0 cannot be less than one", Assert.Throws<ValueError>(() => tf.nn.atrous_conv2d(image, tf.zeros(new[] { 3, 3, 2, 2 }), 0, "SAME")).Message);
    }

    // [1, kw, c, oc] → [kw, c, oc]: a one-row 2-D filter as a 1-D one.
    private static double[,,] FilterRow(double[,,,] f)
    {
        var r = new double[f.GetLength(1), f.GetLength(2), f.GetLength(3)];
        for (int i = 0; i < r.GetLength(0); i++)
            for (int j = 0; j < r.GetLength(1); j++)
                for (int k = 0; k < r.GetLength(2); k++)
                    r[i, j, k] = f[0, i, j, k];
        return r;
    }

    // [n, 1, w, c] → [n, w, c]: an image of one row as a 1-D signal.
    private static double[,,] Squeeze(double[,,,] a)
    {
        var r = new double[a.GetLength(0), a.GetLength(2), a.GetLength(3)];
        for (int i = 0; i < r.GetLength(0); i++)
            for (int j = 0; j < r.GetLength(1); j++)
                for (int k = 0; k < r.GetLength(2); k++)
                    r[i, j, k] = a[i, 0, j, k];
        return r;
    }
}
