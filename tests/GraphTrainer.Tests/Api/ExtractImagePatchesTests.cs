namespace GraphTrainer.Tests.Api;

/// <summary>tf.extract_image_patches on TensorFlow's documented 10×10 example (with and without rates) and SAME padding's zeros.</summary>
[Collection("DefaultGraph")]
public class ExtractImagePatchesTests
{
    public ExtractImagePatchesTests() => tf.reset_default_graph();

    private static Tensor Image()
    {
        var values = new float[1, 10, 10, 1];
        for (int i = 0; i < 100; i++) values[0, i / 10, i % 10, 0] = i + 1;
        return tf.constant(values);
    }

    private static float[] Run(Tensor t)
    {
        using var sess = tf.Session();
        return sess.run(t).ToArray<float>();
    }

    [Fact]
    public void Windows_are_flattened_row_by_row_as_in_TensorFlows_example()
    {
        var patches = tf.extract_image_patches(Image(), new[] { 1, 3, 3, 1 }, new[] { 1, 5, 5, 1 }, new[] { 1, 1, 1, 1 }, "VALID");
        Assert.Equal(new[] { 1, 2, 2, 9 }, patches.shape.dims);
        Assert.Equal(new float[]
        {
            1, 2, 3, 11, 12, 13, 21, 22, 23, 6, 7, 8, 16, 17, 18, 26, 27, 28,
            51, 52, 53, 61, 62, 63, 71, 72, 73, 56, 57, 58, 66, 67, 68, 76, 77, 78,
        }, Run(patches));
    }

    [Fact]
    public void Rates_sample_every_other_pixel_as_in_TensorFlows_example()
    {
        var patches = tf.extract_image_patches(Image(), new[] { 1, 3, 3, 1 }, new[] { 1, 5, 5, 1 }, new[] { 1, 2, 2, 1 }, "VALID");
        Assert.Equal(new[] { 1, 2, 2, 9 }, patches.shape.dims);
        Assert.Equal(new float[] { 1, 3, 5, 21, 23, 25, 41, 43, 45 }, Run(patches)[..9]);
    }

    [Fact]
    public void Same_padding_fills_outside_the_image_with_zeros()
    {
        var x = tf.constant(new float[,,,] { { { { 1 }, { 2 } }, { { 3 }, { 4 } } } });
        var patches = tf.extract_image_patches(x, new[] { 1, 2, 2, 1 }, new[] { 1, 1, 1, 1 }, new[] { 1, 1, 1, 1 }, "SAME");
        Assert.Equal(new[] { 1, 2, 2, 4 }, patches.shape.dims);
        Assert.Equal(new float[] { 1, 2, 3, 4, 2, 0, 4, 0, 3, 4, 0, 0, 4, 0, 0, 0 }, Run(patches));
    }
}
