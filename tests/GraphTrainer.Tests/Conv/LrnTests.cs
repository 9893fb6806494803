namespace GraphTrainer.Tests.Conv;

/// <summary>tf.nn.local_response_normalization (LRN) against its definition, with TensorFlow's defaults and CIFAR-10's settings, and its rank error.</summary>
[Collection("DefaultGraph")]
public class LrnTests
{
    public LrnTests() => tf.reset_default_graph();

    [Theory]
    [InlineData(5, 1.0, 1.0, 0.5)]             // TensorFlow's defaults
    [InlineData(4, 1.0, 0.001 / 9.0, 0.75)]   // the CIFAR-10 tutorial's norm1
    [InlineData(1, 2.0, 0.5, 1.0)]
    public void Each_value_is_divided_by_its_channel_window_norm(int radius, double bias, double alpha, double beta)
    {
        var x = ConvReference.Random(new Random(radius), 2, 3, 2, 7);
        var y = tf.nn.local_response_normalization(tf.constant(x, tf.float64), radius, bias, alpha, beta);
        using var sess = tf.Session();
        var got = sess.run(y).ToArray<double>();
        var expected = new double[got.Length];
        int i = 0;
        for (int n = 0; n < 2; n++) for (int h = 0; h < 3; h++) for (int w = 0; w < 2; w++) for (int d = 0; d < 7; d++)
        {
            double sum = 0;
            for (int j = Math.Max(0, d - radius); j <= Math.Min(6, d + radius); j++) sum += x[n, h, w, j] * x[n, h, w, j];
            // The attrs are float32 in TensorFlow's op, so bias and alpha are those float32 values.
            expected[i++] = x[n, h, w, d] / Math.Pow((float)bias + (float)alpha * sum, (float)beta);
        }
        ConvForwardTests.AssertClose(expected, got, 1e-12);
        Assert.Equal("LRN", y.op.type);
    }

    [Fact]
    public void A_3_D_input_is_refused()
    {
        var x = tf.placeholder(tf.float32, (2, 3, 4));
        Assert.Contains("Shape must be rank 4 but is rank 3", Assert.Throws<ValueError>(() => tf.nn.lrn(x)).Message);
    }
}
