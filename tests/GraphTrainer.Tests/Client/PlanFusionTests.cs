using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Tests.Client;

/// <summary>
/// Plan-time fusion must not change results: a fused session and an unfused one (FuseKernels off) train the same
/// two-layer network from the same weights and must agree to float32 rounding; fetching an intermediate keeps it.
/// </summary>
[Collection("DefaultGraph")]
public class PlanFusionTests
{
    private sealed record Net(Tensor X, Tensor Y, Tensor Hidden, Tensor Loss, Operation Train, RefVariable[] Variables);

    private static Net Build(Func<float, GraphTrainer.Train.Optimizer> optimizer)
    {
        tf.reset_default_graph();
        var rng = new Random(7);
        float[,] Matrix(int r, int c) { var m = new float[r, c]; for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) m[i, j] = (float)(rng.NextDouble() - 0.5); return m; }
        var x = tf.placeholder(tf.float32, (None, 7), name: "x");
        var y = tf.placeholder(tf.float32, (None, 3), name: "y");
        var W1 = tf.Variable(tf.constant(Matrix(7, 5)), name: "W1");
        var b1 = tf.Variable(tf.constant(new float[] { 0.1f, -0.2f, 0.3f, -0.4f, 0.05f }), name: "b1");
        var W2 = tf.Variable(tf.constant(Matrix(5, 3)), name: "W2");
        var b2 = tf.Variable(tf.constant(new float[,] { { 0.2f, 0f, -0.1f } }), name: "b2"); // [1, 3] also counts as a bias
        var hidden = tf.nn.relu(tf.add(tf.matmul(x, W1), b1));
        var logits = tf.matmul(hidden, W2) + b2;
        var loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels: y, logits: logits));
        return new Net(x, y, hidden, loss, optimizer(0.3f).minimize(loss), new[] { W1, b1, W2, b2 });
    }

    private static (NDArray x, NDArray y) Batch(int seed)
    {
        var rng = new Random(seed);
        var x = new float[4, 7];
        var y = new float[4, 3];
        for (int i = 0; i < 4; i++) { for (int j = 0; j < 7; j++) x[i, j] = (float)rng.NextDouble(); y[i, rng.Next(3)] = 1; }
        return (np.array(x), np.array(y));
    }

    private static (float[] losses, float[][] weights, ExecutionPlan plan) Train(Net net, bool fuse)
    {
        using var sess = tf.Session();
        sess.FuseKernels = fuse;
        sess.run(tf.global_variables_initializer());
        var losses = new List<float>();
        for (int step = 0; step < 5; step++)
        {
            var (x, y) = Batch(0);
            var (_, loss) = sess.run((net.Train, net.Loss), feed_dict: new() { [net.X] = x, [net.Y] = y });
            losses.Add((float)loss);
        }
        var weights = net.Variables.Select(v => sess.run(v).ToArray<float>()).ToArray();
        return (losses.ToArray(), weights, sess.Plans.Single(p => p.Targets.Contains(net.Train)));
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f * (1 + Math.Abs(expected[i])), $"[{i}] {expected[i]} vs {actual[i]}");
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    public void Fused_training_matches_the_unfused_ops(string optimizer)
    {
        Func<float, GraphTrainer.Train.Optimizer> make = optimizer == "sgd" ? lr => tf.train.GradientDescentOptimizer(lr) : lr => tf.train.AdamOptimizer(lr);
        var net = Build(make);
        var plain = Train(net, fuse: false);
        var fused = Train(net, fuse: true);

        AssertClose(plain.losses, fused.losses);
        for (int v = 0; v < plain.weights.Length; v++) AssertClose(plain.weights[v], fused.weights[v]);
        Assert.True(plain.losses[^1] < plain.losses[0], "the network should learn");

        Assert.DoesNotContain(plain.plan.KernelTypes, t => t.StartsWith("_Fused"));
        var kinds = fused.plan.KernelTypes.ToList();
        // Both layers' forward MatMul+bias(+ReLU); both weight gradients into their variables' updates.
        Assert.Equal(2, kinds.Count(t => t == "_FusedMatMul"));
        Assert.DoesNotContain("Relu", kinds); // the hidden layer's ReLU is the first fused step's epilogue
        Assert.Equal(optimizer == "sgd" ? 2 : 0, kinds.Count(t => t == "_FusedMatMulApplyGradientDescent"));
        Assert.Equal(optimizer == "adam" ? 2 : 0, kinds.Count(t => t == "_FusedMatMulApplyAdam"));
        Assert.True(kinds.Count < plain.plan.KernelTypes.Count());
    }

    [Fact]
    public void A_fetched_intermediate_is_not_fused_away()
    {
        var net = Build(lr => tf.train.GradientDescentOptimizer(lr));
        var preActivation = net.Hidden.op.inputs[0]; // the Add under the ReLU
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        var (x, _) = Batch(1);
        var (pre, hidden) = sess.run((preActivation, net.Hidden), feed_dict: new() { [net.X] = x });
        var preValues = pre.ToArray<float>();
        Assert.Equal(preValues.Select(v => Math.Max(v, 0f)), hidden.ToArray<float>());
        Assert.Contains(preValues, v => v < 0); // the ReLU had something to do
        var kinds = sess.Plans.Last().KernelTypes.ToList();
        // MatMul+bias still fuse (the Add's output is what the fused step makes); the ReLU stays separate.
        Assert.Equal(new[] { "_FusedMatMul", "Relu" }, kinds.Where(k => k is not "VariableV2"));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Adam_fused_with_its_weight_gradient_updates_block_by_block_exactly_as_the_unfused_ops(bool transA, bool transB)
    {
        // A 40-row weight gradient made in blocks of 12 rows (and 4 left over): each value is the MatMul's, so Adam's
        // steps agree bit for bit, whichever operand is stored transposed.
        float[] Run(bool fuse)
        {
            tf.reset_default_graph();
            var rng = new Random(3);
            float[,] Matrix(int r, int c) { var m = new float[r, c]; for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) m[i, j] = (float)(rng.NextDouble() - 0.5); return m; }
            var a = tf.constant(transA ? Matrix(9, 40) : Matrix(40, 9));
            var b = tf.constant(transB ? Matrix(6, 9) : Matrix(9, 6));
            var w = tf.Variable(tf.constant(Matrix(40, 6)), name: "w");
            var grad = tf.matmul(a, b, transpose_a: transA, transpose_b: transB);
            var train = tf.train.AdamOptimizer(0.01f).apply_gradients(new[] { (grad, w) });
            using var sess = tf.Session();
            sess.FuseKernels = fuse;
            sess.run(tf.global_variables_initializer());
            for (int step = 0; step < 3; step++) sess.run(train);
            if (fuse) Assert.Contains("_FusedMatMulApplyAdam", sess.Plans.Single(p => p.Targets.Contains(train)).KernelTypes);
            return sess.run(w).ToArray<float>();
        }
        int saved = GraphTrainer.Runtime.Cpu.MatMulAdamKernel.BlockBytes;
        GraphTrainer.Runtime.Cpu.MatMulAdamKernel.BlockBytes = 1;
        try { Assert.Equal(Run(fuse: false), Run(fuse: true)); }
        finally { GraphTrainer.Runtime.Cpu.MatMulAdamKernel.BlockBytes = saved; }
    }

    [Fact]
    public void A_fed_gradient_of_the_wrong_shape_is_refused_alike_fused_or_not()
    {
        // The MatMul's operands are fed, so only the run can tell that its [4, 2] product does not fit the [3, 2] weights.
        NDArray Ones(int r, int c) { var m = new float[r, c]; for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) m[i, j] = 1; return np.array(m); }
        string Message(bool fuse)
        {
            tf.reset_default_graph();
            var a = tf.placeholder(tf.float32, (None, None), name: "a");
            var b = tf.placeholder(tf.float32, (None, 2), name: "b");
            var w = tf.Variable(tf.zeros(new[] { 3, 2 }), name: "w");
            var train = tf.train.AdamOptimizer(0.01f).apply_gradients(new[] { (tf.matmul(a, b), w) });
            using var sess = tf.Session();
            sess.FuseKernels = fuse;
            sess.run(tf.global_variables_initializer());
            var error = Assert.Throws<InvalidArgumentError>(() => sess.run(train, feed_dict: new() { [a] = Ones(4, 5), [b] = Ones(5, 2) }));
            Assert.Equal(0f, sess.run(w).ToArray<float>().Sum(Math.Abs)); // nothing was updated
            return error.Message;
        }
        string plain = Message(fuse: false);
        Assert.Contains("var and grad do not have the same shape: [3,2] [4,2]", plain);
        Assert.Equal(plain, Message(fuse: true));
    }
}
