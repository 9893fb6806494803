using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Tests.Api;

/// <summary>
/// TF1's layer objects (tf.layers.Dense, Conv2D, MaxPooling2D, AveragePooling2D, Flatten): named like the functions on
/// first apply, variables shared by later applies, and refused from another variable scope.
/// </summary>
[Collection("DefaultGraph")]
public class LayerObjectsTests
{
    public LayerObjectsTests() => tf.reset_default_graph();

    [Fact]
    public void A_dense_layer_applied_twice_shares_its_variables()
    {
        var a = tf.placeholder(tf.float32, (None, 4));
        var b = tf.placeholder(tf.float32, (None, 4));
        var layer = new tf.layers.Dense(3, activation: tf.nn.relu);
        Assert.False(layer.built);
        var ya = layer.apply(a);
        var yb = layer.apply(b);
        Assert.True(layer.built);
        Assert.Equal("dense", layer.name);
        Assert.Equal(new[] { "dense/kernel:0", "dense/bias:0" }, tf.global_variables().Select(v => v.name).ToArray());
        Assert.Equal(new[] { "dense/kernel:0", "dense/bias:0" }, layer.trainable_variables.Select(v => v.name).ToArray());
        Assert.Equal(new[] { 4, 3 }, layer.kernel.shape.dims);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        var input = np.random.rand(2, 4).astype(np.float32);
        Assert.Equal(sess.run(ya, new FeedDict { [a] = input }).ToArray<float>(), sess.run(yb, new FeedDict { [b] = input }).ToArray<float>());
    }

    [Fact]
    public void A_small_cnn_of_layer_objects_is_named_as_the_functions_name_it()
    {
        var x = tf.placeholder(tf.float32, (None, 8, 8, 1));
        var conv = new tf.layers.Conv2D(4, 3, padding: "same", activation: tf.nn.relu);
        var pool = new tf.layers.MaxPooling2D(2, 2);
        var average = new tf.layers.AveragePooling2D(2, 2);
        var logits = new tf.layers.Dense(2).apply(new tf.layers.Flatten().apply(average.apply(pool.apply(conv.apply(x)))));
        var second = new tf.layers.Dense(2);
        second.apply(logits);
        Assert.Equal(new[] { -1, 2 }, logits.shape.dims);
        Assert.Equal(new[] { 3, 3, 1, 4 }, conv.kernel.shape.dims);
        Assert.Equal(new[] { "conv2d/kernel:0", "conv2d/bias:0", "dense/kernel:0", "dense/bias:0", "dense_1/kernel:0", "dense_1/bias:0" },
            tf.global_variables().Select(v => v.name).ToArray());
        Assert.Equal("dense_1", second.name);
        Assert.Empty(pool.variables);
    }

    [Fact]
    public void A_layer_called_from_another_variable_scope_is_refused()
    {
        var x = tf.placeholder(tf.float32, (None, 4));
        var layer = new tf.layers.Dense(2, name: "shared");
        layer.apply(x);
        using (tf.variable_scope("elsewhere"))
            Assert.Contains("was built in variable scope", Assert.Throws<ValueError>(() => layer.apply(x)).Message);
    }

    [Fact]
    public void One_dimensional_and_transposed_layer_objects_share_their_variables()
    {
        var sequence = tf.placeholder(tf.float32, (None, 12, 3));
        var conv = new tf.layers.Conv1D(4, 3, padding: "causal");
        var once = new tf.layers.MaxPooling1D(2, 2).apply(conv.apply(sequence));
        var twice = new tf.layers.AveragePooling1D(2, 2).apply(conv.apply(sequence));
        Assert.Equal(new[] { -1, 6, 4 }, once.shape.dims);
        Assert.Equal(new[] { -1, 6, 4 }, twice.shape.dims);
        Assert.Equal(new[] { 3, 3, 4 }, conv.kernel.shape.dims);
        var image = tf.placeholder(tf.float32, (None, 4, 4, 2));
        var up = new tf.layers.Conv2DTranspose(3, 3, strides: 2, padding: "same");
        Assert.Equal(new[] { -1, 8, 8, 3 }, up.apply(image).shape.dims);
        up.apply(image);
        Assert.Equal(new[] { "conv1d/kernel:0", "conv1d/bias:0", "conv2d_transpose/kernel:0", "conv2d_transpose/bias:0" },
            tf.global_variables().Select(v => v.name).ToArray());
    }
}
