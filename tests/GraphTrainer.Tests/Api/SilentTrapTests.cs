using NumSharp;

namespace GraphTrainer.Tests.Api;

/// <summary>Issue 11's silent traps: each used to compile and run with a wrong result; now each fails at once as TensorFlow 1.x does.</summary>
[Collection("DefaultGraph")]
public class SilentTrapTests
{
    public SilentTrapTests() => tf.reset_default_graph();

    [Fact]
    public void Softmax_cross_entropy_refuses_the_positional_order()
    {
        var logits = tf.constant(new float[,] { { 1, 2 } });
        var labels = tf.constant(new float[,] { { 0, 1 } });
        var e = Assert.Throws<ValueError>(() => tf.nn.softmax_cross_entropy_with_logits(logits, labels));
        Assert.Equal("Only call `softmax_cross_entropy_with_logits` with named arguments (labels=..., logits=..., ...)", e.Message);
        Assert.Throws<ValueError>(() => tf.nn.softmax_cross_entropy_with_logits_v2(logits, labels));
        Assert.Throws<ValueError>(() => tf.compat.v1.nn.softmax_cross_entropy_with_logits(logits, labels));
        Assert.Equal("Both labels and logits must be provided.",
            Assert.Throws<ValueError>(() => tf.nn.softmax_cross_entropy_with_logits(logits: logits)).Message);
        // Named arguments still work: -log(e^2 / (e^1 + e^2)) = log(1 + e^-1).
        using var sess = tf.Session();
        var loss = sess.run(tf.nn.softmax_cross_entropy_with_logits(labels: labels, logits: logits)).ToArray<float>();
        Assert.Equal(Math.Log(1 + Math.Exp(-1)), loss[0], 5);
    }

    [Fact]
    public void Add_n_of_different_shapes_fails_at_build_time()
    {
        var a = tf.zeros(new[] { 3, 4 });
        var b = tf.zeros(new[] { 4, 3 });
        var e = Assert.Throws<ValueError>(() => tf.add_n(new[] { a, b }));
        Assert.Contains("Dimension 0 in both shapes must be equal, but are 3 and 4. Shapes are [3,4] and [4,3].", e.Message);
        Assert.Contains("'AddN'", e.Message);
        Assert.Contains("Shapes must be equal rank, but are 2 and 1",
            Assert.Throws<ValueError>(() => tf.add_n(new[] { a, tf.zeros(new[] { 12 }) })).Message);
    }

    [Fact]
    public void Add_n_kernel_compares_shapes_not_element_counts()
    {
        var a = tf.placeholder(tf.float32, (Binding.None, Binding.None));
        var b = tf.placeholder(tf.float32, (Binding.None, Binding.None));
        var sum = tf.add_n(new[] { a, b });
        using var sess = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(sum, new FeedDict { [a] = new float[3, 4], [b] = new float[4, 3] }));
        Assert.Contains("must have the same size and shape.  Input 0: [3,4] != input 1: [4,3]", e.Message);
        Assert.Equal(new[] { 2f, 4f }, sess.run(sum, new FeedDict { [a] = new float[,] { { 1, 2 } }, [b] = new float[,] { { 1, 2 } } }).ToArray<float>());
    }

    [Fact]
    public void Add_n_of_nothing_is_a_value_error()
    {
        var e = Assert.Throws<ValueError>(() => tf.add_n(Array.Empty<Tensor>()));
        Assert.Equal("inputs must be a list of at least one Tensor with the same dtype and shape", e.Message);
    }

    [Fact]
    public void A_float_scalar_never_becomes_an_int_tensor()
    {
        var i = tf.constant(new[] { 1, 2, 3 });
        Assert.Equal("Expected int32, got 0.5 of type 'float' instead.", Assert.Throws<TypeError>(() => i * 0.5).Message);
        Assert.Equal("Expected int32, got 2.0 of type 'float' instead.", Assert.Throws<TypeError>(() => 2.0 + i).Message);
        Assert.Equal("Expected int32, got 2.7 of type 'float' instead.", Assert.Throws<TypeError>(() => tf.constant(2.7, dtype: tf.int32)).Message);
        Assert.Equal("Expected int64, got 1.5 of type 'float' instead.",
            Assert.Throws<TypeError>(() => tf.constant(new[] { 1.5, 2.0 }, dtype: tf.int64)).Message);
        // Python ints convert to any numeric dtype, and a float scalar to a float tensor.
        using var sess = tf.Session();
        Assert.Equal(new[] { 2, 4, 6 }, sess.run(i * 2).ToArray<int>());
        Assert.Equal(new[] { 6, 7, 8 }, sess.run(i + 5L).ToArray<int>());
        Assert.Equal(new[] { 3f }, sess.run(tf.constant(new[] { 1.5f }) * 2).ToArray<float>());
        Assert.Equal(3, (int)sess.run(tf.constant(3, dtype: tf.int32)));
    }

    [Fact]
    public void Mean_of_no_elements_is_nan()
    {
        var x = tf.placeholder(tf.float32, (Binding.None, 3));
        using var sess = tf.Session();
        var all = sess.run(tf.reduce_mean(x), new FeedDict { [x] = new float[0, 3] });
        Assert.True(float.IsNaN((float)all));
        var columns = sess.run(tf.reduce_mean(x, 0), new FeedDict { [x] = new float[0, 3] }).ToArray<float>();
        Assert.All(columns, c => Assert.True(float.IsNaN(c)));
    }

    [Fact]
    public void Argmax_over_an_empty_axis_is_an_error()
    {
        var x = tf.placeholder(tf.float32, (Binding.None, 3));
        using var sess = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(tf.argmax(x, 0), new FeedDict { [x] = new float[0, 3] }));
        Assert.Contains("Reduction axis 0 is empty in shape [0,3]", e.Message);
    }
}
