using GraphTrainer.Gpu.Tests.Reductions;
using GraphTrainer.Train;
using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Gpu.Tests.Optimizers;

/// <summary>
/// A tiny softmax-regression model (12 examples, 5 features, 3 classes; fixed data and initial weights) trained for six
/// steps with GradientDescentOptimizer and with AdamOptimizer on the emulated GPU, against the same training on the CPU.
/// The model's bias add, cross-entropy, mean, bias gradient and update run on the GPU (asserted); ops without a GPU
/// kernel on this branch (MatMul, element-wise) run on the CPU with transfers between. Losses agree within
/// 2e-5·(1 + loss) in float32: each step's loss may differ by the softmax budget (2C + 8)u plus the mean's reordering
/// (2N)u, about 40u, and the updates carry that into later steps; 2e-5 ≈ 340u leaves room for six steps of it.
/// </summary>
[Trait("Category", "Gpu")]
[Collection("GpuKernels")]
public class SoftmaxRegressionTrainingTests
{
    private const int Examples = 12, Features = 5, Classes = 3, Steps = 6;

    [Theory]
    [InlineData("GradientDescent")]
    [InlineData("Adam")]
    public void Gpu_training_gives_the_cpu_losses(string optimizer)
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, new TensorShape(-1, Features));
        var y = tf.placeholder(tf.float32, new TensorShape(-1, Classes));
        var w = tf.Variable(tf.constant(np.array(Agreement.Floats(Features * Classes, 1, -0.1, 0.1)).reshape(Features, Classes)), name: "W");
        var b = tf.Variable(tf.constant(np.array(new float[Classes])), name: "b");
        var logits = tf.nn.bias_add(tf.matmul(x, w), b);
        var loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels: y, logits: logits));
        Optimizer opt = optimizer == "Adam" ? new AdamOptimizer(0.1) : new GradientDescentOptimizer(0.5);
        var train = opt.minimize(loss);

        var features = np.array(Agreement.Floats(Examples * Features, 2, -2, 2)).reshape(Examples, Features);
        var oneHot = new float[Examples * Classes];
        for (int i = 0; i < Examples; i++) oneHot[i * Classes + i % Classes] = 1;
        var feed = new FeedDict { [x] = features, [y] = np.array(oneHot).reshape(Examples, Classes) };

        double[] Losses(Session sess)
        {
            sess.run(tf.global_variables_initializer());
            return Enumerable.Range(0, Steps).Select(_ => (double)sess.run(new ITensorOrOperation[] { train, loss }, feed)[1].GetSingle()).ToArray();
        }
        double[] gpu, cpu;
        using (var sess = EmulatedGpu.Session(g))
        {
            gpu = Losses(sess);
            var ours = new[] { "BiasAdd", "SoftmaxCrossEntropyWithLogits", "Mean", "BiasAddGrad", optimizer == "Adam" ? "ApplyAdam" : "ApplyGradientDescent" };
            var placed = g.get_operations().Where(op => ours.Contains(op.type)).ToArray();
            Assert.Equal(ours.Length + 1, placed.Length); // two Apply ops: W and b
            Agreement.AssertOnGpu(sess, placed);
        }
        using (var sess = EmulatedGpu.CpuSession(g)) cpu = Losses(sess);
        Assert.True(cpu[^1] < cpu[0] * 0.9, $"training should lower the loss: {string.Join(", ", cpu)}");
        for (int step = 0; step < Steps; step++)
            Assert.True(Math.Abs(gpu[step] - cpu[step]) <= 2e-5 * (1 + cpu[step]), $"step {step}: GPU loss {gpu[step]:R}, CPU loss {cpu[step]:R}");
    }
}
