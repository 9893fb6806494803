namespace GraphTrainer.Tests.Conv;

/// <summary>tf.nn.max_pool_with_argmax: values equal to max_pool, TensorFlow's flattened indices (with and without the batch), ties to the first maximum.</summary>
[Collection("DefaultGraph")]
public class ArgmaxPoolTests
{
    public ArgmaxPoolTests() => tf.reset_default_graph();

    [Fact]
    public void Indices_are_flattened_per_image_or_across_the_batch()
    {
        // Two images of 2×3 pixels, 2 channels; 2×2 windows, stride 2, SAME: outputs at columns 0–1 and 2.
        var values = new float[,,,]
        {
            { { { 1, 8 }, { 2, 7 }, { 9, 0 } }, { { 4, 5 }, { 3, 6 }, { 5, 5 } } },
            { { { 0, 1 }, { 6, 1 }, { 2, 3 } }, { { 6, 1 }, { 1, 0 }, { 4, 3 } } },
        };
        var x = tf.constant(values);
        var (output, argmax) = tf.nn.max_pool_with_argmax(x, new[] { 1, 2, 2, 1 }, new[] { 1, 2, 2, 1 }, "SAME");
        var (_, global) = tf.nn.max_pool_with_argmax(x, new[] { 1, 2, 2, 1 }, new[] { 1, 2, 2, 1 }, "SAME", include_batch_in_index: true);
        Assert.Equal(DType.Int64, argmax.dtype);
        using var sess = tf.Session();
        Assert.Equal(sess.run(tf.nn.max_pool(x, new[] { 1, 2, 2, 1 }, new[] { 1, 2, 2, 1 }, "SAME")).ToArray<float>(), sess.run(output).ToArray<float>());
        // Index (y·3 + x)·2 + c. Image 0: channel 0 max 4 at (1,0) → 6, channel 1 max 8 at (0,0) → 1; column 2: 9 at (0,2) → 4,
        // 5 at (1,2) → 11 (5 at (0,2)? no: channel 1 there is 0). Image 1: channel 0 has 6 twice, (0,1) first → 2; channel 1: 1 three
        // times, (0,0) first → 1; column 2: 4 at (1,2) → 10, 3 at (0,2) first of two → 5.
        Assert.Equal(new long[] { 6, 1, 4, 11, 2, 1, 10, 5 }, sess.run(argmax).ToArray<long>());
        Assert.Equal(new long[] { 6, 1, 4, 11, 14, 13, 22, 17 }, sess.run(global).ToArray<long>());
    }

    [Fact]
    public void The_gradient_goes_to_the_recorded_maximum()
    {
        var x = tf.constant(new float[,,,] { { { { 1 }, { 3 } }, { { 3 }, { 2 } } } });
        var (output, _) = tf.nn.max_pool_with_argmax(x, new[] { 1, 2, 2, 1 }, new[] { 1, 2, 2, 1 }, "VALID");
        var dx = tf.gradients(tf.reduce_sum(output * 5f), new[] { x })[0];
        using var sess = tf.Session();
        Assert.Equal(new float[] { 0, 5, 0, 0 }, sess.run(dx).ToArray<float>()); // the tie at 3 goes to the first, (0, 1)
    }
}
