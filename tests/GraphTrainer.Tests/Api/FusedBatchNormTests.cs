using GraphTrainer.Tests.Conv;
using GraphTrainer.Tests.Gradients;

namespace GraphTrainer.Tests.Api;

/// <summary>tf.nn.fused_batch_norm against its definition: batch statistics in training (the returned variance Bessel-corrected), given ones in inference, NCHW, the ε floor, and its gradients.</summary>
[Collection("DefaultGraph")]
public class FusedBatchNormTests
{
    public FusedBatchNormTests() => tf.reset_default_graph();

    private static readonly double[] Scale = { 1.5, -0.5, 2 }, Offset = { 0.1, 0.2, -0.3 };

    [Fact]
    public void Training_normalizes_by_the_batch_and_returns_the_corrected_variance()
    {
        var x = ConvReference.Random(new Random(1), 2, 2, 2, 3);
        var (y, mean, variance) = tf.nn.fused_batch_norm(tf.constant(x, tf.float64), tf.constant(Scale, tf.float64), tf.constant(Offset, tf.float64));
        using var sess = tf.Session();
        var (ys, ms, vs) = (sess.run(y).ToArray<double>(), sess.run(mean).ToArray<double>(), sess.run(variance).ToArray<double>());
        var flat = ConvReference.Flat(x);
        for (int c = 0; c < 3; c++)
        {
            var values = Enumerable.Range(0, 8).Select(i => flat[i * 3 + c]).ToArray();
            double mu = values.Average(), biased = values.Select(v => (v - mu) * (v - mu)).Average();
            Assert.Equal(mu, ms[c], 12);
            Assert.Equal(biased * 8 / 7, vs[c], 12);
            for (int i = 0; i < 8; i++)
                Assert.Equal(Scale[c] * (values[i] - mu) / Math.Sqrt(biased + 0.001) + Offset[c], ys[i * 3 + c], 10);
        }
    }

    [Fact]
    public void Inference_uses_the_given_statistics_and_raises_a_tiny_epsilon()
    {
        var x = tf.constant(new double[,,,] { { { { 2, 1, 0 } } } }, tf.float64);
        var given = tf.constant(new double[] { 1, 1, 1 }, tf.float64);
        var (y, mean, _) = tf.nn.fused_batch_norm(x, tf.constant(Scale, tf.float64), tf.constant(Offset, tf.float64),
            mean: given, variance: tf.constant(new double[] { 0, 3, 0 }, tf.float64), epsilon: 0, is_training: false);
        using var sess = tf.Session();
        var ys = sess.run(y).ToArray<double>();
        Assert.Equal(1.5 / Math.Sqrt(1.001e-5) + 0.1, ys[0], 6);
        Assert.Equal(0.2, ys[1], 12);
        Assert.Equal(-2 / Math.Sqrt(1.001e-5) - 0.3, ys[2], 6);
        Assert.Equal(new double[] { 1, 1, 1 }, sess.run(mean).ToArray<double>());
    }

    [Fact]
    public void NCHW_is_NHWC_with_channels_second()
    {
        var x = tf.constant(ConvReference.Random(new Random(2), 2, 3, 2, 3), tf.float64);
        var (scale, offset) = (tf.constant(Scale, tf.float64), tf.constant(Offset, tf.float64));
        var expected = tf.transpose(tf.nn.fused_batch_norm(x, scale, offset).y, new[] { 0, 3, 1, 2 });
        var got = tf.nn.fused_batch_norm(tf.transpose(x, new[] { 0, 3, 1, 2 }), scale, offset, data_format: "NCHW").y;
        using var sess = tf.Session();
        ConvForwardTests.AssertClose(sess.run(expected).ToArray<double>(), sess.run(got).ToArray<double>(), 1e-12);
    }

    [Fact]
    public void Gradients_match_finite_differences() =>
        Assert.True(GradientChecker.MaxError(t => tf.nn.fused_batch_norm(t[0], t[1], t[2]).y,
            new[] { new[] { 2, 2, 1, 2 }, new[] { 2 }, new[] { 2 } }, new[] { (-1.0, 1.0), (0.5, 1.5), (-1.0, 1.0) }) < 1e-6);

    [Fact]
    public void Inference_without_statistics_is_refused()
    {
        var x = tf.zeros(new[] { 1, 2, 2, 3 });
        Assert.Throws<ValueError>(() => tf.nn.fused_batch_norm(x, tf.ones(new[] { 3 }), tf.zeros(new[] { 3 }), is_training: false));
    }
}
