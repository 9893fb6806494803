namespace GraphTrainer.Tests.Ports;

/// <summary>
/// Binary tf functions with a C# number on one side convert it to the tensor's dtype, as TensorFlow converts Python
/// numbers (autoencoder.py's <c>tf.pow(y_true - y_pred, 2)</c> failed with "Input 'y' of 'Pow' Op has type int32").
/// </summary>
[Collection("DefaultGraph")]
public class ScalarOperandTests
{
    [Fact]
    public void An_int_or_float_operand_takes_the_tensors_dtype()
    {
        tf.reset_default_graph();
        var x = tf.constant(new[] { 1f, -2f, 3f });
        var squared = tf.pow(x, 2);
        var halved = tf.multiply(x, 0.5);
        var clipped = tf.maximum(x, 0.0);
        var flipped = tf.subtract(1, x);
        var scaled = tf.divide(6.0, x);
        foreach (var t in new[] { squared, halved, clipped, flipped, scaled })
            Assert.Equal(DType.Float32, t.dtype);
        using var sess = tf.Session();
        Assert.Equal(new[] { 1f, 4f, 9f }, sess.run(squared).ToArray<float>());
        Assert.Equal(new[] { 0.5f, -1f, 1.5f }, sess.run(halved).ToArray<float>());
        Assert.Equal(new[] { 1f, 0f, 3f }, sess.run(clipped).ToArray<float>());
        Assert.Equal(new[] { 0f, 3f, -2f }, sess.run(flipped).ToArray<float>());
        Assert.Equal(new[] { 6f, -3f, 2f }, sess.run(scaled).ToArray<float>());
    }

    [Fact]
    public void Int_tensors_take_ints_but_refuse_floats_as_tensorflow_does()
    {
        tf.reset_default_graph();
        var n = tf.constant(new[] { 1, 2, 3 });
        using (var sess = tf.Session())
            Assert.Equal(new[] { 3, 4, 5 }, sess.run(tf.add(n, 2)).ToArray<int>());
        var e = Assert.Throws<TypeError>(() => tf.add(n, 2.5));
        Assert.Contains("2.5", e.Message);
        Assert.Throws<TypeError>(() => tf.pow(0.5, n));
    }

    [Fact]
    public void The_squared_error_of_a_scalar_power_has_the_analytic_gradient()
    {
        tf.reset_default_graph();
        var w = tf.Variable(tf.constant(new[] { 1f, 2f }));
        var target = tf.constant(new[] { 0f, 0f });
        var loss = tf.reduce_mean(tf.pow(target - w, 2));
        var grad = tf.gradients(loss, new Tensor[] { w })[0];
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        // d/dw mean((0 − w)²) = w (2·w / 2 elements).
        Assert.Equal(new[] { 1f, 2f }, sess.run(grad).ToArray<float>());
    }
}
