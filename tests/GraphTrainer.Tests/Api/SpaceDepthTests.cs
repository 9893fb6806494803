namespace GraphTrainer.Tests.Api;

/// <summary>tf.space_to_depth and tf.depth_to_space on TensorFlow's documented examples, as inverses, for integers, and their errors.</summary>
[Collection("DefaultGraph")]
public class SpaceDepthTests
{
    public SpaceDepthTests() => tf.reset_default_graph();

    private static float[] Run(Tensor t)
    {
        using var sess = tf.Session();
        return sess.run(t).ToArray<float>();
    }

    [Fact]
    public void Blocks_of_pixels_become_channels_as_in_TensorFlows_examples()
    {
        var x = tf.constant(new float[,,,] { { { { 1, 2, 3 }, { 4, 5, 6 } }, { { 7, 8, 9 }, { 10, 11, 12 } } } });
        var depth = tf.space_to_depth(x, 2);
        Assert.Equal(new[] { 1, 1, 1, 12 }, depth.shape.dims);
        Assert.Equal(Enumerable.Range(1, 12).Select(v => (float)v), Run(depth));

        var image = tf.constant(new float[,,,] { { { { 1 }, { 2 }, { 5 }, { 6 } }, { { 3 }, { 4 }, { 7 }, { 8 } }, { { 9 }, { 10 }, { 13 }, { 14 } }, { { 11 }, { 12 }, { 15 }, { 16 } } } });
        var blocks = tf.space_to_depth(image, 2);
        Assert.Equal(new[] { 1, 2, 2, 4 }, blocks.shape.dims);
        Assert.Equal(Enumerable.Range(1, 16).Select(v => (float)v), Run(blocks));
        Assert.Equal(Run(image), Run(tf.depth_to_space(blocks, 2)));
    }

    [Fact]
    public void Depth_to_space_moves_integers_too()
    {
        var x = tf.constant(new int[,,,] { { { { 1, 2, 3, 4 } } } });
        using var sess = tf.Session();
        Assert.Equal(new[] { 1, 2, 3, 4 }, sess.run(tf.depth_to_space(x, 2)).ToArray<int>());
        Assert.Equal(new[] { 1, 2, 2, 1 }, tf.depth_to_space(x, 2).shape.dims);
    }

    [Fact]
    public void Bad_block_sizes_are_refused()
    {
        var x = tf.placeholder(tf.float32, (1, 5, 4, 2));
        Assert.Equal("Value for attr 'block_size' of 1 must be at least minimum 2", Assert.Throws<ValueError>(() => tf.space_to_depth(x, 1)).Message);
        Assert.Contains("Dimension size must be evenly divisible by 2 but is 5", Assert.Throws<ValueError>(() => tf.space_to_depth(x, 2)).Message);
        Assert.Contains("Dimension size must be evenly divisible by 4 but is 2", Assert.Throws<ValueError>(() => tf.depth_to_space(x, 2)).Message);
    }
}
