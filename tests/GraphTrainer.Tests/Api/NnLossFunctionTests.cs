namespace GraphTrainer.Tests.Api;

/// <summary>tf.nn losses and activations added for issue 11: values from their definitions, TF's argument checks.</summary>
[Collection("DefaultGraph")]
public class NnLossFunctionTests
{
    public NnLossFunctionTests() => tf.reset_default_graph();

    private static float[] Run(Tensor t)
    {
        using var sess = tf.Session();
        return sess.run(t).ToArray<float>();
    }

    [Fact]
    public void Sparse_softmax_cross_entropy_is_minus_log_softmax_at_the_label()
    {
        var logits = tf.constant(new float[,] { { 1, 2, 3 }, { 0, 0, 0 } });
        var loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels: tf.constant(new[] { 2, 1 }), logits: logits);
        Assert.Equal("SparseSoftmaxCrossEntropyWithLogits", loss.op.Type);
        var v = Run(loss);
        Assert.Equal(Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)) - 3, v[0], 5);
        Assert.Equal(Math.Log(3), v[1], 5);
        // int64 labels are accepted too.
        Assert.Equal(Math.Log(3), Run(tf.nn.sparse_softmax_cross_entropy_with_logits(labels: tf.constant(new long[] { 0, 0 }), logits: logits))[1], 5);
    }

    [Fact]
    public void Sparse_softmax_cross_entropy_checks_its_arguments()
    {
        var logits = tf.constant(new float[,] { { 1, 2, 3 } });
        var labels = tf.constant(new[] { 0 });
        Assert.Equal("Only call `sparse_softmax_cross_entropy_with_logits` with named arguments (labels=..., logits=..., ...)",
            Assert.Throws<ValueError>(() => tf.nn.sparse_softmax_cross_entropy_with_logits(logits, labels)).Message);
        Assert.Equal("Rank mismatch: Rank of labels (received 2) should equal rank of logits minus 1 (received 2).",
            Assert.Throws<ValueError>(() => tf.nn.sparse_softmax_cross_entropy_with_logits(labels: tf.constant(new[,] { { 0 } }), logits: logits)).Message);
        var bad = tf.nn.sparse_softmax_cross_entropy_with_logits(labels: tf.constant(new[] { 3 }), logits: logits);
        using var sess = tf.Session();
        Assert.Contains("Received a label value of 3 which is outside the valid range of [0, 3).", Assert.Throws<InvalidArgumentError>(() => sess.run(bad)).Message);
    }

    [Fact]
    public void Sigmoid_cross_entropy_is_stable_and_refuses_positional_calls()
    {
        var logits = tf.constant(new float[] { 0, 2, -3, 100, -100 });
        var labels = tf.constant(new float[] { 1, 0, 1, 1, 0 });
        var loss = Run(tf.nn.sigmoid_cross_entropy_with_logits(labels: labels, logits: logits));
        // −z·log σ(x) − (1 − z)·log(1 − σ(x))
        Assert.Equal(Math.Log(2), loss[0], 5);
        Assert.Equal(2 + Math.Log(1 + Math.Exp(-2)), loss[1], 5);
        Assert.Equal(3 + Math.Log(1 + Math.Exp(-3)), loss[2], 5);
        Assert.Equal(0, loss[3], 5);
        Assert.Equal(0, loss[4], 5);
        Assert.Equal("Only call `sigmoid_cross_entropy_with_logits` with named arguments (labels=..., logits=..., ...)",
            Assert.Throws<ValueError>(() => tf.nn.sigmoid_cross_entropy_with_logits(logits, labels)).Message);
        Assert.Equal("logits and labels must have the same shape ([5] vs [2])",
            Assert.Throws<ValueError>(() => tf.nn.sigmoid_cross_entropy_with_logits(labels: tf.constant(new float[] { 1, 0 }), logits: logits)).Message);
    }

    [Fact]
    public void Log_softmax_l2_loss_and_activations()
    {
        var ls = Run(tf.nn.log_softmax(tf.constant(new float[] { 1, 2, 3 })));
        double logSum = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3));
        Assert.Equal(new[] { 1 - logSum, 2 - logSum, 3 - logSum }, ls.Select(v => (double)v), new Tolerance(1e-5));
        Assert.Equal(7f, Run(tf.nn.l2_loss(tf.constant(new float[] { 1, 2, 3 })))[0], 5); // (1 + 4 + 9) / 2
        var x = tf.constant(new float[] { -1, 0, 2 });
        Assert.Equal(new[] { Math.Exp(-1) - 1, 0, 2 }, Run(tf.nn.elu(x)).Select(v => (double)v), new Tolerance(1e-6));
        Assert.Equal(new[] { -0.2f, 0, 2 }, Run(tf.nn.leaky_relu(x)));
        Assert.Equal(new[] { -0.5f, 0, 2 }, Run(tf.nn.leaky_relu(x, alpha: 0.5)));
        Assert.Equal(new[] { Math.Log(1 + Math.Exp(-1)), Math.Log(2), Math.Log(1 + Math.Exp(2)) }, Run(tf.nn.softplus(x)).Select(v => (double)v), new Tolerance(1e-6));
        Assert.Equal(100f, Run(tf.nn.softplus(tf.constant(new float[] { 100 })))[0], 3);
        // log(1 + e^−30) ≈ e^−30: needs an accurate log1p, not log(1 + x) rounded.
        Assert.Equal(1.0, Run(tf.nn.softplus(tf.constant(new float[] { -30 })))[0] / Math.Exp(-30), 4);
    }

    [Fact]
    public void L2_normalize_divides_by_the_norm_along_the_axis()
    {
        var v = Run(tf.nn.l2_normalize(tf.constant(new float[,] { { 3, 4 }, { 0, 0 } }), axis: 1));
        Assert.Equal(new[] { 0.6f, 0.8f, 0, 0 }, v, new Tolerance(1e-6));
        Assert.Equal(new[] { 0.6f, 0.8f }, Run(tf.nn.l2_normalize(tf.constant(new float[] { 3, 4 }), dim: 0)), new Tolerance(1e-6));
    }

    [Fact]
    public void Moments_give_mean_and_population_variance()
    {
        var x = tf.constant(new float[,] { { 1, 2 }, { 3, 6 } });
        var (mean, variance) = tf.nn.moments(x, new[] { 0 });
        Assert.Equal(new[] { 2 }, mean.shape.dims);
        Assert.Equal(new[] { 2f, 4f }, Run(mean));
        Assert.Equal(new[] { 1f, 4f }, Run(variance));
        var (m2, v2) = tf.nn.moments(x, new[] { 0, 1 }, keep_dims: true);
        Assert.Equal(new[] { 1, 1 }, m2.shape.dims);
        Assert.Equal(3f, Run(m2)[0]);
        Assert.Equal(3.5f, Run(v2)[0]); // ((1−3)² + (2−3)² + 0 + (6−3)²) / 4
    }

    private sealed class Tolerance(double eps) : IEqualityComparer<double>, IEqualityComparer<float>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= eps;
        public bool Equals(float a, float b) => Math.Abs(a - b) <= eps;
        public int GetHashCode(double _) => 0;
        public int GetHashCode(float _) => 0;
    }
}
