using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Tests.Runtime;

/// <summary>Edge values the GPU agreement suite found the CPU kernels mishandling.</summary>
[Collection("DefaultGraph")]
public class KernelEdgeValueTests
{
    [Fact]
    public void Sigmoid_of_an_empty_tensor_is_empty()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, new TensorShape(-1));
        using var sess = tf.Session(g);
        var y = sess.run(tf.sigmoid(x), new FeedDict { [x] = np.array(Array.Empty<float>()) });
        Assert.Equal(0, y.size);
    }

    [Fact]
    public void Abs_of_the_smallest_integer_wraps_as_in_twos_complement()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        using var sess = tf.Session(g);
        Assert.Equal(new[] { int.MinValue, 5, 0, 7 }, sess.run(tf.abs(tf.constant(new[] { int.MinValue, -5, 0, 7 }))).ToArray<int>());
        Assert.Equal(new[] { long.MinValue, 5L }, sess.run(tf.abs(tf.constant(new[] { long.MinValue, -5L }))).ToArray<long>());
    }
}
