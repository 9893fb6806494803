using GraphTrainer.Gpu.Tests.Gemm;
using static GraphTrainer.Binding;

namespace GraphTrainer.Gpu.Tests.Conv;

/// <summary>
/// One training step of a small CNN (conv 3×3 + bias → relu → 2×2 max-pool → dense → softmax cross-entropy) on the
/// emulated GPU against the CPU: the loss and every gradient the step applies (Conv2DBackpropFilter, MaxPoolGrad, the
/// MatMul gradients, and through them ReluGrad/BiasAddGrad, which run on the CPU until they have GPU kernels), then the
/// gradient-descent update w − lr·g of each variable.
/// Budget: every value is a short chain of sums of at most 3·6·6·4 = 432 products of magnitude ≲ 1, so the per-op
/// reordering bound 2·K·u·Σ|ab| is ≈ 1e-4 relative in float32 and ≈ 1e-13 in float64; the checks allow 1e-3 and 1e-10
/// relative to max(1, |value|), which still catch any wrong index or missing term.
/// (The update is applied here rather than by ApplyGradientDescent: on this branch's placer a variable goes to GPU:0
/// while ApplyGradientDescent, which has no GPU kernel yet, runs on the CPU on a copy and never updates it.)
/// </summary>
[Trait("Category", "Gpu")]
[Collection(ConvCollection.Name)]
public class CnnTrainingStepTests
{
    [Theory]
    [InlineData(DType.Float32, 1e-3)]
    [InlineData(DType.Float64, 1e-10)]
    public void One_training_step_matches_the_cpu(DType dtype, double tolerance)
    {
        const double learningRate = 0.5;
        var rng = new Random(2026);
        var images = Agreement.Random(rng, dtype, 3, 6, 6, 1);
        var labels = Agreement.Of(new double[] { 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0 }, dtype, new[] { 3, 4 });

        var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(dtype, new TensorShape(-1, 6, 6, 1));
        var y = tf.placeholder(dtype, new TensorShape(-1, 4));
        var filter = tf.Variable(tf.constant(Agreement.Random(rng, dtype, 3, 3, 1, 4)), name: "conv_w");
        var bias = tf.Variable(tf.constant(Agreement.Of(new[] { 0.1, -0.1, 0.05, 0.0 }, dtype, new[] { 4 })), name: "conv_b");
        var dense = tf.Variable(tf.constant(Agreement.Random(rng, dtype, 3 * 3 * 4, 4)), name: "dense_w");
        var conv = tf.nn.conv2d(x, filter, new[] { 1, 1, 1, 1 }, "SAME");
        var pooled = tf.nn.max_pool(tf.nn.relu(tf.nn.bias_add(conv, bias)), new[] { 1, 2, 2, 1 }, new[] { 1, 2, 2, 1 }, "SAME");
        var logits = tf.matmul(tf.reshape(pooled, new[] { -1, 3 * 3 * 4 }), dense);
        var loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels: y, logits: logits));
        var variables = new Tensor[] { filter, bias, dense };
        var fetches = new ITensorOrOperation[] { loss }.Concat(variables).Concat(tf.gradients(loss, variables)).ToArray();

        double[][] Step(Session sess)
        {
            sess.run(tf.global_variables_initializer());
            var r = sess.run(fetches, new FeedDict { [x] = images, [y] = labels }).Select(Agreement.Doubles).ToArray();
            // The loss, then each variable after w − lr·g.
            return new[] { r[0] }.Concat(Enumerable.Range(0, 3).Select(v => r[1 + v].Zip(r[4 + v], (w, d) => w - learningRate * d).ToArray())).ToArray();
        }

        using var gpu = EmulatedGpu.Session(g);
        var onGpu = Step(gpu);
        var plan = gpu.Plans.Last();
        foreach (var type in new[] { "Conv2D", "MaxPool", "MaxPoolGrad", "Conv2DBackpropFilter", "MatMul" })
        {
            var ops = g.get_operations().Where(o => o.Type == type && plan.Placement.ContainsKey(o)).ToList();
            Assert.NotEmpty(ops);
            Assert.All(ops, o => Assert.Same(EmulatedGpu.Device, plan.Placement[o]));
        }
        using var cpu = EmulatedGpu.CpuSession(g);
        var onCpu = Step(cpu);

        for (int v = 0; v < onCpu.Length; v++)
            for (int i = 0; i < onCpu[v].Length; i++)
                Assert.True(Math.Abs(onGpu[v][i] - onCpu[v][i]) <= tolerance * Math.Max(1, Math.Abs(onCpu[v][i])),
                    $"{(v == 0 ? "loss" : "variable " + v)} element {i}: gpu {onGpu[v][i]:R} cpu {onCpu[v][i]:R}");
    }
}
