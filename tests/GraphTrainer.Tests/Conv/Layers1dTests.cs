using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Tests.Conv;

/// <summary>
/// TF1's tf.layers.conv1d, max_pooling1d and average_pooling1d: variable names and shapes as TF1 creates them, values
/// equal to the tf.nn ops they stand for (and to the direct reference), causal padding, and the rank error.
/// </summary>
[Collection("DefaultGraph")]
public class Layers1dTests
{
    public Layers1dTests() => tf.reset_default_graph();

    [Fact]
    public void Conv1d_layers_are_named_like_TF1_and_compute_conv1d_plus_bias()
    {
        var x = tf.placeholder(tf.float32, (None, 12, 3));
        var y = tf.layers.conv1d(x, 4, 5, padding: "same", activation: tf.nn.relu);
        tf.layers.conv1d(y, 2, 3, strides: 2);
        Assert.Equal(new[] { "conv1d/kernel:0", "conv1d/bias:0", "conv1d_1/kernel:0", "conv1d_1/bias:0" }, tf.global_variables().Select(v => v.name).ToArray());
        Assert.Equal(new[] { 5, 3, 4 }, tf.global_variables()[0].shape.dims);
        Assert.Equal(new[] { -1, 12, 4 }, y.shape.dims);
        var kernel = tf.global_variables()[0];
        var bias = tf.global_variables()[1];
        var expected = tf.nn.relu(tf.nn.conv1d(x, kernel, 1, "SAME") + bias);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        sess.run(tf.assign(bias, tf.constant(new[] { 0.1f, -0.2f, 0.3f, 0f })));
        var feed = new FeedDict { [x] = np.random.rand(2, 12, 3).astype(np.float32) };
        Assert.Equal(sess.run(expected, feed).ToArray<float>(), sess.run(y, feed).ToArray<float>());
    }

    [Fact]
    public void Causal_padding_lets_output_t_see_inputs_up_to_t_only()
    {
        var x = tf.placeholder(tf.float32, (1, 8, 1));
        var y = tf.layers.conv1d(x, 1, 3, padding: "causal", dilation_rate: 2, use_bias: false, kernel_initializer: tf.ones_initializer());
        Assert.Equal(new[] { 1, 8, 1 }, y.shape.dims);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        var input = new float[8];
        input[5] = 1; // an impulse at t = 5 reaches t = 5, 7 (taps 0, 2, 4 back) and nothing earlier
        var output = sess.run(y, new FeedDict { [x] = np.array(input).reshape(1, 8, 1) }).ToArray<float>();
        Assert.Equal(new float[] { 0, 0, 0, 0, 0, 1, 0, 1 }, output);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Pooling1d_layers_are_the_window_pools(bool max)
    {
        var rng = new Random(2);
        var row = ConvReference.Random(rng, 2, 1, 10, 3);
        var input = tf.squeeze(tf.constant(row, tf.float64), new[] { 1 });
        var pooled = max ? tf.layers.max_pooling1d(input, 2, 3) : tf.layers.average_pooling1d(input, 3, 2, padding: "same");
        Assert.StartsWith(max ? "max_pooling1d/" : "average_pooling1d/", pooled.name);
        var expected = max ? ConvReference.Pool(row, 1, 2, 1, 3, "VALID", false) : ConvReference.Pool(row, 1, 3, 1, 2, "SAME", true);
        using var sess = tf.Session();
        ConvForwardTests.AssertClose(ConvReference.Flat(expected), sess.run(pooled).ToArray<double>(), 1e-12);
    }

    [Fact]
    public void A_4_D_input_is_refused_with_Keras_words()
    {
        var image = tf.placeholder(tf.float32, (2, 5, 5, 1));
        Assert.Equal("Input 0 of layer conv1d is incompatible with the layer: expected ndim=3, found ndim=4. Full shape received: (2, 5, 5, 1)",
            Assert.Throws<ValueError>(() => tf.layers.conv1d(image, 2, 3)).Message);
    }
}
