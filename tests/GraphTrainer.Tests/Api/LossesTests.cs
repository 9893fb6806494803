namespace GraphTrainer.Tests.Api;

/// <summary>tf.losses.*: TensorFlow's reductions and weights, the LOSSES and REGULARIZATION_LOSSES collections.</summary>
[Collection("DefaultGraph")]
public class LossesTests
{
    public LossesTests() => tf.reset_default_graph();

    private static float Run(Tensor t)
    {
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        return (float)sess.run(t);
    }

    [Fact]
    public void Mean_squared_error_divides_by_the_number_of_nonzero_weights()
    {
        var labels = tf.constant(new float[,] { { 0, 0 }, { 0, 0 } });
        var predictions = tf.constant(new float[,] { { 1, 2 }, { 3, 4 } });
        Assert.Equal((1 + 4 + 9 + 16) / 4f, Run(tf.losses.mean_squared_error(labels, predictions)), 5);
        // Row weights [0, 2]: (2·9 + 2·16) / 2 present elements.
        var weights = tf.constant(new float[,] { { 0 }, { 2 } });
        Assert.Equal((2 * 9 + 2 * 16) / 2f, Run(tf.losses.mean_squared_error(labels, predictions, weights: weights)), 5);
        Assert.Equal(2 * 9 + 2 * 16f, Run(tf.losses.mean_squared_error(labels, predictions, weights: weights, reduction: tf.losses.Reduction.SUM)), 5);
        Assert.Equal((2 * 9 + 2 * 16) / 4f, Run(tf.losses.mean_squared_error(labels, predictions, weights: weights, reduction: tf.losses.Reduction.MEAN)), 5);
        Assert.Equal((2 * 9 + 2 * 16) / 4f, Run(tf.losses.mean_squared_error(labels, predictions, weights: weights, reduction: tf.losses.Reduction.SUM_OVER_BATCH_SIZE)), 5);
        Assert.Equal(0f, Run(tf.losses.mean_squared_error(labels, predictions, weights: tf.zeros(new[] { 2, 1 }))));
        Assert.Equal(new[] { 2, 2 }, tf.losses.mean_squared_error(labels, predictions, reduction: tf.losses.Reduction.NONE).shape.dims);
    }

    [Fact]
    public void Losses_join_the_losses_collection_and_the_total()
    {
        var labels = tf.constant(new float[] { 1 });
        var a = tf.losses.mean_squared_error(labels, tf.constant(new float[] { 3 }));
        var b = tf.losses.log_loss(labels, tf.constant(new float[] { 0.5f }));
        Assert.Equal(new[] { a, b }, tf.losses.get_losses());
        Assert.Equal(new object[] { a, b }, tf.get_collection(tf.GraphKeys.LOSSES));
        Assert.StartsWith("mean_squared_error/", a.op.Name);
        Assert.Equal(4 + Math.Log(2), Run(tf.losses.get_total_loss()), 4);
        tf.losses.mean_squared_error(labels, labels, loss_collection: null);
        Assert.Equal(2, tf.losses.get_losses().Length);
    }

    [Fact]
    public void Log_loss_uses_epsilon()
    {
        var loss = tf.losses.log_loss(tf.constant(new float[] { 1, 0 }), tf.constant(new float[] { 0.8f, 0.1f }));
        double expected = (-Math.Log(0.8 + 1e-7) - Math.Log(1 - 0.1 + 1e-7)) / 2;
        Assert.Equal(expected, Run(loss), 5);
    }

    [Fact]
    public void Softmax_cross_entropy_with_label_smoothing_and_sparse_form()
    {
        var logits = tf.constant(new float[,] { { 0, 0 }, { 0, (float)Math.Log(3) } });
        var onehot = tf.constant(new float[,] { { 1, 0 }, { 0, 1 } });
        // Row losses: log 2 and −log(3/4).
        Assert.Equal((Math.Log(2) - Math.Log(0.75)) / 2, Run(tf.losses.softmax_cross_entropy(onehot, logits)), 5);
        Assert.Equal((Math.Log(2) - Math.Log(0.75)) / 2, Run(tf.losses.sparse_softmax_cross_entropy(tf.constant(new[] { 0, 1 }), logits)), 5);
        // Smoothing 0.5 over 2 classes turns [1, 0] into [0.75, 0.25]: row 2 loss = −0.25·log(1/4) − 0.75·log(3/4).
        double smoothed = (Math.Log(2) + (-0.25 * Math.Log(0.25) - 0.75 * Math.Log(0.75))) / 2;
        Assert.Equal(smoothed, Run(tf.losses.softmax_cross_entropy(onehot, logits, label_smoothing: 0.5)), 5);
        Assert.Equal(Math.Log(2) * 3, Run(tf.losses.softmax_cross_entropy(onehot, logits, weights: tf.constant(new float[] { 3, 0 }))), 5);
    }

    [Fact]
    public void Regularization_loss_sums_the_collection_or_is_zero()
    {
        Assert.Equal(0f, Run(tf.losses.get_regularization_loss()));
        var x = tf.placeholder(tf.float32, (Binding.None, 2));
        tf.layers.dense(x, 1, kernel_initializer: tf.ones_initializer(), kernel_regularizer: tf.contrib.layers.l2_regularizer(0.5));
        tf.layers.dense(x, 1, kernel_initializer: tf.ones_initializer(), kernel_regularizer: tf.contrib.layers.l2_regularizer(1.0));
        Assert.Equal(2, tf.losses.get_regularization_losses().Length);
        var total = tf.losses.get_regularization_loss();
        Assert.Equal("total_regularization_loss", total.op.Name);
        Assert.Equal(0.5f * 1 + 1.0f * 1, Run(total), 5); // scale · (1 + 1) / 2 for each 2×1 kernel of ones
    }
}

/// <summary>The other TF1 losses and regularizers: values by their definitions.</summary>
[Collection("DefaultGraph")]
public class MoreLossesTests
{
    public MoreLossesTests() => tf.reset_default_graph();

    private static float Run(Tensor t)
    {
        using var sess = tf.Session();
        return (float)sess.run(t);
    }

    [Fact]
    public void Absolute_difference_huber_and_hinge()
    {
        var labels = tf.constant(new float[] { 0, 0, 0 });
        var predictions = tf.constant(new float[] { 0.5f, -2, 3 });
        Assert.Equal((0.5f + 2 + 3) / 3, Run(tf.losses.absolute_difference(labels, predictions)), 5);
        // δ = 1: 0.5·0.25, then 0.5 + (2 − 1) and 0.5 + (3 − 1).
        Assert.Equal((0.125f + 1.5f + 2.5f) / 3, Run(tf.losses.huber_loss(labels, predictions)), 5);
        // Labels {1, 0} become signs {+1, −1}: max(0, 1 − 0.5) and max(0, 1 − (−1)(−2)) = 0.
        Assert.Equal((0.5f + 0f) / 2, Run(tf.losses.hinge_loss(tf.constant(new float[] { 1, 0 }), tf.constant(new float[] { 0.5f, -2 }))), 5);
    }

    [Fact]
    public void L1_regularizer_is_scale_times_the_sum_of_absolute_values()
    {
        Assert.Equal(0.5f * 6, Run(tf.contrib.layers.l1_regularizer(0.5)(tf.constant(new float[] { 1, -2, 3 }))), 5);
        Assert.Throws<ValueError>(() => tf.contrib.layers.l1_regularizer(-0.5));
        Assert.Null(tf.contrib.layers.l1_regularizer(0)(tf.constant(new float[] { 1 })));
    }
}
