using GraphTrainer.Gpu.Tests.Elementwise;
using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Gpu.Tests.Conv;

/// <summary>
/// Ops that have CPU kernels only (LRN, DepthwiseConv2dNative, Sin) in a GPU session: the placer runs them on the host
/// between GPU ops (Relu here), copying values across, and the results equal a CPU-only session's bit for bit (the
/// GPU's ReLU is exact).
/// </summary>
[Trait("Category", "Gpu")]
public class HostOnlyOpsTests
{
    [Fact]
    public void Host_only_ops_run_between_gpu_ops_with_the_cpus_results()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, new TensorShape(2, 5, 5, 4), name: "x");
        var filter = tf.constant(np.array(Enumerable.Range(0, 3 * 3 * 4 * 2).Select(i => (float)Math.Sin(i)).ToArray()).reshape(3, 3, 4, 2));
        var y = tf.nn.relu(tf.nn.lrn(tf.nn.relu(x), 2) + tf.sin(x));
        var z = tf.nn.relu(tf.nn.depthwise_conv2d(y, filter, new[] { 1, 1, 1, 1 }, "SAME"));
        var input = np.array(Enumerable.Range(0, 2 * 5 * 5 * 4).Select(i => (float)Math.Cos(i * 0.7)).ToArray()).reshape(2, 5, 5, 4);
        var result = Agreement.Run(g, new[] { z }, new FeedDict { [x] = input }, "Relu").Single();
        Agreement.Exact(result.Gpu, result.Cpu, "relu(depthwise(relu(lrn(relu(x)) + sin(x))))");
    }
}
