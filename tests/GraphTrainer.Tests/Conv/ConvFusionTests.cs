using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Tests.Conv;

/// <summary>
/// Conv2D + bias + ReLU (+ MaxPool when nothing else reads the activations) runs as one fused step, and so do MaxPoolGrad +
/// ReluGrad; results must equal the unfused ops' in training (Adam, several steps) and in evaluation.
/// </summary>
[Collection("DefaultGraph")]
public class ConvFusionTests
{
    private sealed record Net(Tensor X, Tensor Y, Tensor Logits, Tensor Loss, Operation Train, RefVariable[] Variables);

    private static Net Build()
    {
        tf.reset_default_graph();
        tf.set_random_seed(5);
        var x = tf.placeholder(tf.float32, (None, 64), name: "x");
        var y = tf.placeholder(tf.float32, (None, 3), name: "y");
        var image = tf.reshape(x, new[] { -1, 8, 8, 1 });
        var w1 = tf.Variable(tf.truncated_normal(new[] { 3, 3, 1, 4 }, stddev: 0.3f), name: "w1");
        var b1 = tf.Variable(tf.constant(0.1f, shape: new[] { 4 }), name: "b1");
        var w2 = tf.Variable(tf.truncated_normal(new[] { 3, 3, 4, 5 }, stddev: 0.3f), name: "w2");
        var b2 = tf.Variable(tf.constant(0.1f, shape: new[] { 5 }), name: "b2");
        var pool1 = tf.nn.max_pool(tf.nn.relu(tf.nn.conv2d(image, w1, new[] { 1, 1, 1, 1 }, "SAME") + b1), new[] { 1, 2, 2, 1 }, new[] { 1, 2, 2, 1 }, "SAME");
        var pool2 = tf.nn.max_pool(tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(pool1, w2, new[] { 1, 1, 1, 1 }, "SAME"), b2)), new[] { 1, 2, 2, 1 }, new[] { 1, 2, 2, 1 }, "SAME");
        var wf = tf.Variable(tf.truncated_normal(new[] { 2 * 2 * 5, 3 }, stddev: 0.3f), name: "wf");
        var logits = tf.matmul(tf.reshape(pool2, new[] { -1, 20 }), wf);
        var loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels: y, logits: logits));
        return new Net(x, y, logits, loss, tf.train.AdamOptimizer(0.01).minimize(loss), new[] { w1, b1, w2, b2 });
    }

    private static (NDArray, NDArray) Data()
    {
        var rng = new Random(11);
        var x = new float[6, 64];
        var y = new float[6, 3];
        for (int i = 0; i < 6; i++) { for (int j = 0; j < 64; j++) x[i, j] = (float)rng.NextDouble(); y[i, i % 3] = 1; }
        return (np.array(x), np.array(y));
    }

    private static (float[] Losses, float[] Logits, float[][] Weights, string[] TrainKernels, string[] EvalKernels) Run(Net net, bool fuse)
    {
        var (x, y) = Data();
        using var sess = tf.Session();
        sess.FuseKernels = fuse;
        sess.run(tf.global_variables_initializer());
        var losses = new List<float>();
        for (int step = 0; step < 4; step++)
        {
            var (_, loss) = sess.run((net.Train, net.Loss), feed_dict: new() { [net.X] = x, [net.Y] = y });
            losses.Add((float)loss);
        }
        var logits = sess.run(net.Logits, feed_dict: new() { [net.X] = x }).ToArray<float>();
        var train = sess.Plans.Single(p => p.Targets.Contains(net.Train)).KernelTypes.ToArray();
        var eval = sess.Plans.Last().KernelTypes.ToArray();
        return (losses.ToArray(), logits, net.Variables.Select(v => sess.run(v).ToArray<float>()).ToArray(), train, eval);
    }

    [Fact]
    public void Fused_convolutions_match_the_unfused_ops()
    {
        var net = Build();
        var plain = Run(net, fuse: false);
        var fused = Run(net, fuse: true);
        ConvForwardTests.AssertClose(plain.Losses.Select(v => (double)v).ToArray(), fused.Losses.Select(v => (double)v).ToArray(), 1e-5);
        ConvForwardTests.AssertClose(plain.Logits.Select(v => (double)v).ToArray(), fused.Logits.Select(v => (double)v).ToArray(), 1e-5);
        for (int v = 0; v < plain.Weights.Length; v++)
            ConvForwardTests.AssertClose(plain.Weights[v].Select(w => (double)w).ToArray(), fused.Weights[v].Select(w => (double)w).ToArray(), 1e-5);
        Assert.True(plain.Losses[^1] < plain.Losses[0], "the network should learn");

        Assert.DoesNotContain(plain.TrainKernels, t => t.StartsWith("_Fused"));
        // Training keeps the ReLU outputs (MaxPoolGrad and ReluGrad read them): conv+bias+ReLU fuse, pooling stays.
        Assert.Equal(2, fused.TrainKernels.Count(t => t == "_FusedConv2D"));
        Assert.Equal(2, fused.TrainKernels.Count(t => t == "MaxPool"));
        Assert.DoesNotContain("Relu", fused.TrainKernels);
        // Each pooling gradient goes on through its ReLU's gradient in the same pass.
        Assert.Equal(2, fused.TrainKernels.Count(t => t == "_FusedMaxPoolGradReluGrad"));
        Assert.DoesNotContain("ReluGrad", fused.TrainKernels);
        Assert.DoesNotContain("MaxPoolGrad", fused.TrainKernels);
        // Evaluation reads nothing in between: each layer, pooling included, is one step.
        Assert.Equal(2, fused.EvalKernels.Count(t => t == "_FusedConv2D"));
        Assert.DoesNotContain("MaxPool", fused.EvalKernels);
        Assert.DoesNotContain("Conv2D", fused.EvalKernels);
    }

    [Fact]
    public void The_fused_pooling_and_ReLU_gradient_equals_the_two_ops_exactly()
    {
        // Ties in the pooling windows (zeros from the ReLU) and negative pre-activations: every branch of both gradients.
        double[] Gradient(bool fuse)
        {
            tf.reset_default_graph();
            var rng = new Random(4);
            var pre = tf.constant(ConvReference.Random(rng, 2, 6, 5, 3), tf.float64);
            var relu = tf.nn.relu(pre);
            var pooled = tf.nn.max_pool(relu, new[] { 1, 2, 2, 1 }, new[] { 1, 2, 2, 1 }, "SAME");
            var weights = tf.constant(ConvReference.Random(rng, 2, 3, 3, 3), tf.float64);
            var grad = tf.gradients(tf.reduce_sum(pooled * weights), new[] { pre })[0];
            using var sess = tf.Session();
            sess.FuseKernels = fuse;
            var value = sess.run(grad).ToArray<double>();
            Assert.Equal(fuse, sess.Plans.Last().KernelTypes.Contains("_FusedMaxPoolGradReluGrad"));
            return value;
        }
        var plain = Gradient(fuse: false);
        Assert.Contains(plain, v => v == 0);
        Assert.Contains(plain, v => v != 0);
        Assert.Equal(plain, Gradient(fuse: true));
    }

    [Fact]
    public void A_fused_float64_convolution_adds_its_bias_and_ReLU_in_the_GEMM_epilogue()
    {
        double[] Run(bool fuse)
        {
            tf.reset_default_graph();
            var rng = new Random(8);
            var x = tf.constant(ConvReference.Random(rng, 2, 7, 6, 3), tf.float64);
            var f = tf.constant(ConvReference.Random(rng, 3, 3, 3, 5), tf.float64);
            var b = tf.constant(new[] { 0.3, -0.2, 0.1, -0.4, 0.05 }, tf.float64);
            var y = tf.nn.relu(tf.nn.conv2d(x, f, new[] { 1, 1, 1, 1 }, "SAME") + b);
            using var sess = tf.Session();
            sess.FuseKernels = fuse;
            var value = sess.run(y).ToArray<double>();
            Assert.Equal(fuse, sess.Plans.Last().KernelTypes.Contains("_FusedConv2D"));
            return value;
        }
        var plain = Run(fuse: false);
        Assert.Contains(plain, v => v == 0);
        ConvForwardTests.AssertClose(plain, Run(fuse: true), 1e-12);
    }

    // Evaluation's conv + bias + ReLU + max-pool, fused per image, on the Winograd path (16 channels, 5×5 and 3×3) and the
    // one-channel path (a 14-wide image): the same values as the separate ops.
    [Theory]
    [InlineData(16, 5, 16, 9)]
    [InlineData(16, 3, 32, 10)]
    [InlineData(1, 5, 32, 14)]
    public void Fused_pooling_on_the_fast_paths_matches_the_separate_ops(int channels, int window, int filters, int side)
    {
        var rng = new Random(channels + window + side);
        float[] Values(int n) => Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        var (xv, fv, bv) = (Values(2 * side * side * channels), Values(window * window * channels * filters), Values(filters));
        float[] Run(bool fuse)
        {
            tf.reset_default_graph();
            var x = tf.constant(np.array(xv).reshape(2, side, side, channels));
            var f = tf.constant(np.array(fv).reshape(window, window, channels, filters));
            var b = tf.constant(bv);
            var pooled = tf.nn.max_pool(tf.nn.relu(tf.nn.conv2d(x, f, new[] { 1, 1, 1, 1 }, "SAME") + b), new[] { 1, 2, 2, 1 }, new[] { 1, 2, 2, 1 }, "SAME");
            using var sess = tf.Session();
            sess.FuseKernels = fuse;
            var result = sess.run(pooled).ToArray<float>();
            Assert.Equal(fuse, !sess.Plans.Last().KernelTypes.Contains("MaxPool"));
            return result;
        }
        ConvForwardTests.AssertClose(Run(false).Select(v => (double)v).ToArray(), Run(true).Select(v => (double)v).ToArray(), 1e-6);
    }
}
