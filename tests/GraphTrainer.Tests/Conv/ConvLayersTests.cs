using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Tests.Conv;

/// <summary>tf.layers.conv2d / max_pooling2d / average_pooling2d / dropout: TF1's variable and op names, defaults and shapes.</summary>
[Collection("DefaultGraph")]
public class ConvLayersTests
{
    [Fact]
    public void Conv2d_layers_are_named_and_initialized_as_TF1s()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, (None, 28, 28, 1));
        var c1 = tf.layers.conv2d(x, filters: 32, kernel_size: new[] { 5, 5 }, padding: "same", activation: tf.nn.relu);
        var p1 = tf.layers.max_pooling2d(c1, pool_size: new[] { 2, 2 }, strides: 2);
        var c2 = tf.layers.conv2d(p1, 64, 5, padding: "same", activation: tf.nn.relu);
        var p2 = tf.layers.average_pooling2d(c2, 2, 2);
        Assert.Equal(new[] { -1, 28, 28, 32 }, c1.shape.dims);
        Assert.Equal(new[] { -1, 14, 14, 32 }, p1.shape.dims);
        Assert.Equal(new[] { -1, 7, 7, 64 }, p2.shape.dims);
        var names = tf.global_variables().Select(v => v.name).ToArray();
        Assert.Equal(new[] { "conv2d/kernel:0", "conv2d/bias:0", "conv2d_1/kernel:0", "conv2d_1/bias:0" }, names);
        var ops = tf.get_default_graph().get_operations().Select(o => o.Name).ToHashSet();
        Assert.Contains("conv2d/Conv2D", ops);
        Assert.Contains("conv2d/BiasAdd", ops);
        Assert.Contains("conv2d/Relu", ops);
        Assert.Contains("max_pooling2d/MaxPool", ops);
        Assert.Contains("average_pooling2d/AvgPool", ops);

        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        // Glorot uniform: limit √(6 / (fan_in + fan_out)), fans 5·5·1 and 5·5·32 for the first kernel; zero biases.
        double limit = Math.Sqrt(6.0 / (25 + 25 * 32));
        var kernel = sess.run(tf.global_variables()[0]).ToArray<float>();
        Assert.All(kernel, k => Assert.InRange(k, -limit, limit));
        Assert.True(kernel.Max() > limit * 0.9 && kernel.Min() < -limit * 0.9, "800 draws should come close to both limits");
        Assert.All(sess.run(tf.global_variables()[1]).ToArray<float>(), b => Assert.Equal(0f, b));
    }

    [Fact]
    public void Channels_first_and_strides_and_valid_padding()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, (None, 3, 9, 9));
        var y = tf.layers.conv2d(x, 4, (3, 3), strides: 2, data_format: "channels_first");
        Assert.Equal(new[] { -1, 4, 4, 4 }, y.shape.dims);
        Assert.Throws<ValueError>(() => tf.layers.conv2d(x, 4, 3, padding: "full"));
        Assert.Throws<ValueError>(() => tf.layers.conv2d(x, 4, new[] { 1, 2, 3 }));
    }

    [Fact]
    public void Dropout_layer_is_the_identity_unless_training()
    {
        tf.reset_default_graph();
        var x = tf.ones(new[] { 1000 });
        var training = tf.placeholder(tf.@bool);
        var off = tf.layers.dropout(x, rate: 0.4);
        var on = tf.layers.dropout(x, rate: 0.4, training: true);
        var fed = tf.layers.dropout(x, 0.4, training: training);
        using var sess = tf.Session();
        Assert.All(sess.run(off).ToArray<float>(), v => Assert.Equal(1f, v));
        Assert.All(sess.run(on).ToArray<float>(), v => Assert.True(v == 0f || Math.Abs(v - 1 / 0.6f) < 1e-6));
        Assert.All(sess.run(fed, (training, false)).ToArray<float>(), v => Assert.Equal(1f, v));
        var trained = sess.run(fed, (training, true)).ToArray<float>();
        Assert.Contains(0f, trained);
        Assert.All(trained, v => Assert.True(v == 0f || Math.Abs(v - 1 / 0.6f) < 1e-6));
    }
}
