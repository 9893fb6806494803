using GraphTrainer.Data;
using GraphTrainer.Runtime;
using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Gpu.Tests;

/// <summary>
/// Seed 000's network (notebooks/mlp-gradient-descent.cs: 784-300-10, ReLU, softmax, the hand-written cross entropy,
/// GradientDescent 0.5) trained on real MNIST batches, once placed on the GPU and once on the CPU: the losses must agree
/// step by step, and everything but the shape bookkeeping TensorFlow keeps on the host must have run on the GPU.
/// </summary>
[Trait("Category", "Gpu")]
public class SeedTrainingTests
{
    // Shape arithmetic and feeds stay on the host, as in TensorFlow (int32 shape ops have host-memory kernels there).
    private static readonly HashSet<string> HostOps = new() { "Placeholder", "Shape", "BroadcastGradientArgs", "Size", "Rank" };

    [Fact]
    public void Seed000_mlp_losses_on_gpu_match_the_cpu()
    {
        var mnist = input_data.read_data_sets("MNIST_data/", one_hot: true);
        var batches = Enumerable.Range(0, 8).Select(_ => mnist.train.next_batch(32)).ToArray();
        var (gpuLosses, placement) = Train(batches, EmulatedGpu.Session);
        var (cpuLosses, _) = Train(batches, EmulatedGpu.CpuSession);

        var offGpu = placement.Where(p => p.Value.IsHost && !HostOps.Contains(p.Key.Type) && !IsInt32ShapeOp(p.Key))
                              .Select(p => $"{p.Key.Name} ({p.Key.Type})").ToArray();
        Assert.True(offGpu.Length == 0, "ran on the CPU: " + string.Join(", ", offGpu));
        // Same math in another summation order (GEMM tiles, tree reductions): float32 losses agree to ~1e-5 relative
        // after 8 steps; 1e-4 leaves room for the order without hiding a wrong kernel (a wrong one is off by > 1e-2).
        for (int i = 0; i < cpuLosses.Length; i++)
            Assert.True(Math.Abs(gpuLosses[i] - cpuLosses[i]) <= 1e-4 * Math.Abs(cpuLosses[i]),
                $"step {i}: GPU loss {gpuLosses[i]} vs CPU {cpuLosses[i]}");
        Assert.True(cpuLosses[^1] < cpuLosses[0], "the network learns");
    }

    private static bool IsInt32ShapeOp(Operation op) =>
        op.Outputs.All(o => o.dtype == DType.Int32) && op.Inputs.All(i => i.dtype == DType.Int32);

    private static (float[] Losses, IReadOnlyDictionary<Operation, ComputeDevice> Placement) Train(
        (NDArray, NDArray)[] batches, Func<Graph, Session> open)
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var inputs = tf.placeholder(tf.float32, (None, 784));
        var labels = tf.placeholder(tf.float32, (None, 10));
        // Fixed initial values so both devices start from the same weights whatever their random kernels.
        var rng = new Random(0);
        NDArray Normal(int rows, int cols) => np.array(Enumerable.Range(0, rows * cols)
            .Select(_ => (float)(0.03 * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()))).ToArray()).reshape(rows, cols);
        var W1 = tf.Variable(tf.constant(Normal(784, 300)), name: "W1");
        var b1 = tf.Variable(tf.zeros(300), name: "b1");
        var W2 = tf.Variable(tf.constant(Normal(300, 10)), name: "W2");
        var b2 = tf.Variable(tf.zeros(10), name: "b2");
        var hidden = tf.nn.relu(tf.add(tf.matmul(inputs, W1), b1));
        var predictions = tf.nn.softmax(tf.add(tf.matmul(hidden, W2), b2));
        var cross_entropy = tf.reduce_mean(-tf.reduce_sum(labels * tf.log(predictions), reduction_indices: new[] { 1 }));
        var optimiser = tf.train.GradientDescentOptimizer(learning_rate: 0.5).minimize(cross_entropy);
        using var sess = open(g);
        sess.run(tf.global_variables_initializer());
        var losses = new float[batches.Length];
        for (int i = 0; i < batches.Length; i++)
        {
            var (_, loss) = sess.run((optimiser, cross_entropy), new FeedDict { [inputs] = batches[i].Item1, [labels] = batches[i].Item2 });
            losses[i] = (float)loss;
        }
        var placement = sess.Plans.Last().Placement;
        return (losses, placement);
    }
}
