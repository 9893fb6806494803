namespace GraphTrainer.Tests.Api;

/// <summary>tf.layers.dense / flatten and the layer scope they share: TF1 naming, variables, initializers, reuse, regularizers.</summary>
[Collection("DefaultGraph")]
public class LayersDenseTests
{
    public LayersDenseTests() => tf.reset_default_graph();

    [Fact]
    public void Dense_layers_are_named_dense_dense_1_and_restart_inside_a_variable_scope()
    {
        var x = tf.placeholder(tf.float32, (Binding.None, 4));
        var h = tf.layers.dense(x, 3, activation: tf.nn.relu);
        var y = tf.layers.dense(h, 2);
        Assert.Equal(new[] { "dense/kernel:0", "dense/bias:0", "dense_1/kernel:0", "dense_1/bias:0" }, tf.trainable_variables().Select(v => v.name));
        Assert.Equal("dense/Relu", h.op.Name);
        Assert.Equal(new[] { -1, 2 }, y.shape.dims);
        using (tf.variable_scope("tower"))
            tf.layers.dense(x, 2);
        Assert.Contains("tower/dense/kernel:0", tf.global_variables().Select(v => v.name));
        Assert.Equal(new[] { 4, 3 }, tf.trainable_variables()[0].shape.dims);
    }

    [Fact]
    public void Dense_computes_activation_of_x_times_kernel_plus_bias()
    {
        var x = tf.constant(new float[,] { { 1, -2 } });
        var y = tf.layers.dense(x, 2, activation: tf.nn.relu, kernel_initializer: tf.constant_initializer(1.5),
            bias_initializer: tf.constant_initializer(0.5), name: "fc");
        var linear = tf.layers.dense(x, 1, use_bias: false, kernel_initializer: tf.ones_initializer());
        Assert.Single(tf.trainable_variables(), v => v.name.StartsWith("dense/"));
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        // 1·1.5 − 2·1.5 + 0.5 = −1 → relu 0, for both units; the linear layer gives 1 − 2 = −1.
        Assert.Equal(new[] { 0f, 0f }, sess.run(y).ToArray<float>());
        Assert.Equal(new[] { -1f }, sess.run(linear).ToArray<float>());
    }

    [Fact]
    public void Default_initializers_are_glorot_uniform_kernel_and_zero_bias()
    {
        tf.layers.dense(tf.placeholder(tf.float32, (Binding.None, 300)), 100);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        var kernel = sess.run(tf.trainable_variables()[0]).ToArray<float>();
        var bias = sess.run(tf.trainable_variables()[1]).ToArray<float>();
        double limit = Math.Sqrt(6.0 / (300 + 100));
        Assert.All(kernel, k => Assert.InRange(k, -limit, limit));
        Assert.True(kernel.Max() > 0.9 * limit && kernel.Min() < -0.9 * limit, "uniform over the whole Glorot range");
        Assert.All(bias, b => Assert.Equal(0f, b));
    }

    [Fact]
    public void Named_layers_share_under_reuse_and_collide_without_it()
    {
        var x = tf.placeholder(tf.float32, (Binding.None, 3));
        tf.layers.dense(x, 2, name: "fc");
        tf.layers.dense(x, 2, name: "fc", reuse: true);
        Assert.Equal(2, tf.trainable_variables().Length);
        var e = Assert.Throws<ValueError>(() => tf.layers.dense(x, 2, name: "fc"));
        Assert.Contains("Variable fc/kernel already exists", e.Message);
    }

    [Fact]
    public void Kernel_regularizer_adds_one_loss_to_regularization_losses()
    {
        var x = tf.placeholder(tf.float32, (Binding.None, 2));
        tf.layers.dense(x, 1, kernel_initializer: tf.constant_initializer(2), kernel_regularizer: tf.contrib.layers.l2_regularizer(0.1), name: "fc");
        tf.layers.dense(x, 1, name: "fc", reuse: true);
        var losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES).Cast<Tensor>().ToArray();
        Assert.Single(losses);
        Assert.StartsWith("fc/kernel/Regularizer/", losses[0].op.Name);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        // 0.1 · (2² + 2²) / 2
        Assert.Equal(0.4f, (float)sess.run(losses[0]), 5);
    }

    [Fact]
    public void Dense_needs_a_known_last_dimension_and_multiplies_rank_3_along_it()
    {
        var e = Assert.Throws<ValueError>(() => tf.layers.dense(tf.placeholder(tf.float32, (Binding.None, Binding.None)), 2));
        Assert.Equal("The last dimension of the inputs to `Dense` should be defined. Found `None`.", e.Message);
        var x = tf.constant(new float[2, 3, 4]);
        Assert.Equal(new[] { 2, 3, 5 }, tf.layers.dense(x, 5).shape.dims);
    }

    [Fact]
    public void Flatten_keeps_the_batch_and_multiplies_the_rest()
    {
        var x = tf.placeholder(tf.float32, new[] { -1, 7, 7, 64 });
        var f = tf.layers.flatten(x);
        Assert.Equal(new[] { -1, 3136 }, f.shape.dims);
        Assert.StartsWith("flatten/", f.op.Name);
        Assert.Equal(new[] { -1, 12 }, tf.contrib.layers.flatten(tf.placeholder(tf.float32, new[] { -1, 3, 4 })).shape.dims);
        using var sess = tf.Session();
        var v = sess.run(f, new FeedDict { [x] = new float[2, 7, 7, 64] });
        Assert.Equal(new long[] { 2, 3136 }, v.shape.Select(d => (long)d));
    }

    [Fact]
    public void Fully_connected_defaults_to_relu_with_weights_and_biases()
    {
        var x = tf.constant(new float[,] { { 1, -2 } });
        var h = tf.contrib.layers.fully_connected(x, 3, weights_initializer: tf.ones_initializer());
        var logits = tf.contrib.layers.fully_connected(h, 2, activation_fn: null);
        Assert.Equal(new[] { "fully_connected/weights:0", "fully_connected/biases:0", "fully_connected_1/weights:0", "fully_connected_1/biases:0" },
            tf.trainable_variables().Select(v => v.name));
        Assert.Equal("Relu", h.op.Type);
        Assert.NotEqual("Relu", logits.op.Type);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        Assert.Equal(new[] { 0f, 0f, 0f }, sess.run(h).ToArray<float>());
    }

    [Fact]
    public void L2_regularizer_checks_its_scale()
    {
        Assert.Equal("Setting a scale less than 0 on a regularizer: -1", Assert.Throws<ValueError>(() => tf.contrib.layers.l2_regularizer(-1)).Message);
        Assert.Null(tf.contrib.layers.l2_regularizer(0)(tf.constant(new[] { 1f })));
    }
}
