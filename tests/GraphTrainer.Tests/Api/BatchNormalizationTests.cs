namespace GraphTrainer.Tests.Api;

/// <summary>tf.layers.batch_normalization: variables, both modes, the moving-average updates in UPDATE_OPS.</summary>
[Collection("DefaultGraph")]
public class BatchNormalizationTests
{
    public BatchNormalizationTests() => tf.reset_default_graph();

    private static readonly float[,] X = { { 1 }, { 3 } };
    private static readonly float Eps = 1e-3f;

    [Fact]
    public void Creates_gamma_beta_and_non_trainable_moving_statistics()
    {
        tf.layers.batch_normalization(tf.placeholder(tf.float32, (Binding.None, 4)));
        tf.layers.batch_normalization(tf.placeholder(tf.float32, (Binding.None, 4)));
        Assert.Equal(new[] { "batch_normalization/gamma:0", "batch_normalization/beta:0", "batch_normalization_1/gamma:0", "batch_normalization_1/beta:0" },
            tf.trainable_variables().Select(v => v.name));
        Assert.Contains("batch_normalization/moving_mean:0", tf.global_variables().Select(v => v.name));
        Assert.Contains("batch_normalization/moving_variance:0", tf.global_variables().Select(v => v.name));
        Assert.Empty(tf.get_collection(tf.GraphKeys.UPDATE_OPS)); // inference mode adds no updates
        Assert.Equal("Input has undefined `axis` dimension. Input shape: [?,?]",
            Assert.Throws<ValueError>(() => tf.layers.batch_normalization(tf.placeholder(tf.float32, (Binding.None, Binding.None)))).Message);
    }

    [Fact]
    public void Training_normalizes_by_the_batch_and_updates_the_moving_averages()
    {
        var x = tf.constant(X);
        var y = tf.layers.batch_normalization(x, training: true);
        var updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS);
        Assert.Equal(2, updates.Count);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        // Batch mean 2, variance 1.
        float scale = 1 / MathF.Sqrt(1 + Eps);
        Assert.Equal(new[] { -scale, scale }, sess.run(y).ToArray<float>(), new FloatTolerance(1e-6f));
        sess.run(tf.group(updates.Cast<ITensorOrOperation>().ToArray()));
        var mean = tf.global_variables().Single(v => v.name == "batch_normalization/moving_mean:0");
        var variance = tf.global_variables().Single(v => v.name == "batch_normalization/moving_variance:0");
        // 0 − (0 − 2)·(1 − 0.99) and 1 − (1 − 1)·0.01.
        Assert.Equal(0.02f, (float)sess.run(mean)[0], 6);
        Assert.Equal(1f, (float)sess.run(variance)[0], 6);
    }

    [Fact]
    public void Inference_uses_the_moving_averages()
    {
        var y = tf.layers.batch_normalization(tf.constant(X), moving_mean_initializer: tf.constant_initializer(1), epsilon: 0);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        Assert.Equal(new[] { 0f, 2f }, sess.run(y).ToArray<float>());
    }

    [Fact]
    public void A_bool_tensor_picks_the_mode_at_run_time()
    {
        var x = tf.placeholder(tf.float32, (Binding.None, 1));
        var isTraining = tf.placeholder(tf.@bool, TensorShape.Scalar);
        var y = tf.layers.batch_normalization(x, isTraining, momentum: 0.5);
        var loss = tf.reduce_sum(tf.square(y));
        Operation train;
        using (tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)))
            train = tf.train.GradientDescentOptimizer(0.0).minimize(loss);
        var mean = tf.global_variables().Single(v => v.name == "batch_normalization/moving_mean:0");
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        var outputs = sess.run(y, new FeedDict { [x] = X, [isTraining] = false }).ToArray<float>();
        Assert.Equal(new[] { 1 / MathF.Sqrt(1 + Eps), 3 / MathF.Sqrt(1 + Eps) }, outputs, new FloatTolerance(1e-6f));
        sess.run(train, new FeedDict { [x] = X, [isTraining] = false });
        Assert.Equal(0f, (float)sess.run(mean)[0]);
        sess.run(train, new FeedDict { [x] = X, [isTraining] = true });
        Assert.Equal(1f, (float)sess.run(mean)[0], 6); // 0 − (0 − 2)·0.5
    }

    [Fact]
    public void Axis_1_normalizes_each_channel_of_a_rank_3_input()
    {
        var x = tf.constant(new float[,,] { { { 1, 3 }, { 10, 10 } }, { { 3, 1 }, { 30, 30 } } }); // [batch 2, channels 2, 2]
        var y = tf.layers.batch_normalization(x, axis: 1, training: true, epsilon: 0);
        Assert.Equal(new[] { 2, 2, 2 }, y.shape.dims);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        // Channel 0: values 1, 3, 3, 1 (mean 2, var 1); channel 1: 10, 10, 30, 30 (mean 20, var 100).
        Assert.Equal(new[] { -1f, 1, -1, -1, 1, -1, 1, 1 }, sess.run(y).ToArray<float>());
    }

    private sealed class FloatTolerance(float eps) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= eps;
        public int GetHashCode(float _) => 0;
    }
}
