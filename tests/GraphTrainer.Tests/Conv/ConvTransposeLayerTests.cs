using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Tests.Conv;

/// <summary>
/// TF1's tf.layers.conv2d_transpose: variable names and shapes, Keras's output sizes (in·stride for "same",
/// in·stride + max(k − s, 0) for "valid"), values equal to tf.nn.conv2d_transpose with the layer's kernel plus its
/// bias, a batch size known only at run time, and gradients reaching the kernel.
/// </summary>
[Collection("DefaultGraph")]
public class ConvTransposeLayerTests
{
    public ConvTransposeLayerTests() => tf.reset_default_graph();

    [Fact]
    public void A_DCGAN_style_stack_has_TF1_names_and_Keras_output_sizes()
    {
        var z = tf.placeholder(tf.float32, (None, 7, 7, 16));
        var up = tf.layers.conv2d_transpose(z, 8, 5, strides: 2, padding: "same", activation: tf.nn.relu);
        var image = tf.layers.conv2d_transpose(up, 1, 4, strides: 2, padding: "valid");
        Assert.Equal(new[] { -1, 14, 14, 8 }, up.shape.dims);
        Assert.Equal(new[] { -1, 30, 30, 1 }, image.shape.dims);
        Assert.Equal(new[] { "conv2d_transpose/kernel:0", "conv2d_transpose/bias:0", "conv2d_transpose_1/kernel:0", "conv2d_transpose_1/bias:0" },
            tf.global_variables().Select(v => v.name).ToArray());
        Assert.Equal(new[] { 5, 5, 8, 16 }, tf.global_variables()[0].shape.dims);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        foreach (int batch in new[] { 3, 1 })
        {
            var output = sess.run(image, new FeedDict { [z] = np.random.rand(batch, 7, 7, 16).astype(np.float32) });
            Assert.Equal(new[] { batch, 30, 30, 1 }, output.shape.Select(d => (int)d).ToArray());
        }
    }

    [Fact]
    public void Values_are_conv2d_transpose_plus_bias_and_gradients_reach_the_kernel()
    {
        var x = tf.constant(np.random.rand(2, 5, 4, 3).astype(np.float32));
        var y = tf.layers.conv2d_transpose(x, 2, (3, 2), strides: (2, 1), padding: "same", bias_initializer: tf.constant_initializer(0.5));
        var kernel = tf.global_variables()[0];
        var expected = tf.nn.conv2d_transpose(x, kernel, new[] { 2, 10, 4, 2 }, new[] { 1, 2, 1, 1 }, "SAME") + 0.5f;
        var grads = tf.gradients(tf.reduce_sum(y * y), new[] { kernel });
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        Assert.Equal(sess.run(expected).ToArray<float>(), sess.run(y).ToArray<float>());
        Assert.Contains(sess.run(grads[0]).ToArray<float>(), g => g != 0);
    }

    [Fact]
    public void A_3_D_input_is_refused_with_Keras_words()
    {
        var x = tf.placeholder(tf.float32, (2, 5, 3));
        Assert.Equal("Input 0 of layer conv2d_transpose is incompatible with the layer: expected ndim=4, found ndim=3. Full shape received: (2, 5, 3)",
            Assert.Throws<ValueError>(() => tf.layers.conv2d_transpose(x, 2, 3)).Message);
    }
}
