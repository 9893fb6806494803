namespace GraphTrainer.Tests.Api;

/// <summary>The initializer objects: values, bounds, seeds, and the TF1 aliases (compat.v1, contrib, ops).</summary>
[Collection("DefaultGraph")]
public class InitializerTests
{
    public InitializerTests() => tf.reset_default_graph();

    private static float[] Evaluate(Initializer init, TensorShape shape)
    {
        var t = init.Call(shape);
        using var sess = tf.Session();
        return sess.run(t).ToArray<float>();
    }

    [Fact]
    public void Xavier_uniform_limit_is_sqrt_6_over_fan_in_plus_fan_out()
    {
        var init = tf.contrib.layers.xavier_initializer(seed: 1);
        Assert.Equal(Math.Sqrt(6.0 / (100 + 784)), init.Limit(new[] { 100, 784 }), 12);
        Assert.Equal((100.0, 784.0), GlorotInitializer.Fans(new[] { 100, 784 }));
        // Convolution kernels multiply the fans by the receptive field, as TensorFlow does.
        Assert.Equal((3 * 3 * 8.0, 3 * 3 * 16.0), GlorotInitializer.Fans(new[] { 3, 3, 8, 16 }));
        var values = Evaluate(init, new[] { 100, 784 });
        double limit = Math.Sqrt(6.0 / 884);
        Assert.All(values, v => Assert.InRange(v, -limit, limit));
        // Uniform: the variance is limit²/3.
        double variance = values.Select(v => (double)v * v).Average();
        Assert.InRange(variance, limit * limit / 3 * 0.95, limit * limit / 3 * 1.05);
    }

    [Fact]
    public void Seeded_initializers_repeat_their_values()
    {
        var a = Evaluate(tf.contrib.layers.xavier_initializer(seed: 1), new[] { 5, 5 });
        tf.reset_default_graph();
        var b = Evaluate(tf.contrib.layers.xavier_initializer(seed: 1), new[] { 5, 5 });
        Assert.Equal(a, b);
    }

    [Fact]
    public void Truncated_normal_stays_within_two_standard_deviations()
    {
        var values = Evaluate(tf.truncated_normal_initializer(stddev: 0.01f), new[] { 784, 200 });
        Assert.All(values, v => Assert.InRange(v, -0.02f, 0.02f));
        Assert.InRange(values.Average(), -0.001, 0.001);
    }

    [Fact]
    public void Random_normal_has_the_requested_moments()
    {
        var values = Evaluate(tf.random_normal_initializer(mean: 1f, stddev: 2f, seed: 3), new[] { 200, 200 });
        double mean = values.Average();
        double std = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
        Assert.InRange(mean, 0.95, 1.05);
        Assert.InRange(std, 1.95, 2.05);
    }

    [Fact]
    public void Constant_zeros_ones_and_uniform_initializers()
    {
        Assert.Equal(new[] { 0f, 0f, 0f }, Evaluate(tf.zeros_initializer(), new[] { 3 }));
        Assert.Equal(new[] { 1f, 1f }, Evaluate(tf.ones_initializer(), new[] { 2 }));
        Assert.Equal(new[] { 0.1f, 0.1f }, Evaluate(tf.constant_initializer(0.1), new[] { 2 }));
        Assert.All(Evaluate(tf.random_uniform_initializer(-1f, 1f, seed: 2), new[] { 1000 }), v => Assert.InRange(v, -1f, 1f));
    }

    [Fact]
    public void Random_initializers_reject_integer_dtypes_and_partial_shapes()
    {
        Assert.Throws<ValueError>(() => tf.truncated_normal_initializer().Call(new[] { 2 }, DType.Int32));
        Assert.Throws<ValueError>(() => tf.zeros_initializer().Call(new[] { -1, 2 }));
    }

    [Fact]
    public void Compat_v1_and_ops_aliases_reach_the_same_functions()
    {
        var x = tf.compat.v1.placeholder(tf.float32, (Binding.None, 3), name: "x");
        var w = tf.compat.v1.get_variable("w", new[] { 3, 1 }, initializer: tf.compat.v1.truncated_normal_initializer(stddev: 0.1f));
        using (tf.compat.v1.variable_scope("s", reuse: tf.compat.v1.AUTO_REUSE))
            Assert.Equal("s/v:0", tf.compat.v1.get_variable("v", new[] { 1 }, initializer: tf.compat.v1.zeros_initializer()).name);
        var y = tf.matmul(x, w);
        var train = tf.compat.v1.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_mean(y));
        using (var sess = tf.compat.v1.Session())
        {
            sess.run(tf.compat.v1.global_variables_initializer());
            sess.run(train, new FeedDict { [x] = new float[,] { { 1, 2, 3 } } });
        }
        Assert.Same(tf.get_default_graph(), ops.get_default_graph());
        ops.reset_default_graph();
        Assert.Empty(tf.get_default_graph().get_operations());
    }
}
