namespace GraphTrainer.Tests.Api;

/// <summary>
/// Bad input to the ops this change added, refused when the graph is built with a message naming what is wrong (the
/// conv, LRN, depthwise, space/depth and state ops test theirs beside their values).
/// </summary>
[Collection("DefaultGraph")]
public class NewOpsBadInputTests
{
    public NewOpsBadInputTests() => tf.reset_default_graph();

    [Theory]
    [InlineData("sin")]
    [InlineData("cos")]
    [InlineData("tan")]
    [InlineData("asin")]
    [InlineData("acos")]
    [InlineData("atan")]
    public void Trigonometric_functions_refuse_integer_tensors_when_run(string function)
    {
        var x = tf.constant(new[] { 1, 2 });
        Func<Tensor, string, Tensor> f = function switch
        {
            "sin" => tf.sin, "cos" => tf.cos, "tan" => tf.tan, "asin" => tf.asin, "acos" => tf.acos, _ => tf.atan,
        };
        // As the other float-only element-wise ops here: refused when run, naming the op and the dtype.
        var y = f(x, null);
        using var sess = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(y));
        Assert.Contains($"'{y.op.type}'", e.Message);
        Assert.Contains("int32", e.Message);
    }

    [Fact]
    public void Max_pool_with_argmax_refuses_a_batch_window_and_a_3_D_input()
    {
        var image = tf.placeholder(tf.float32, (2, 4, 4, 3));
        Assert.Equal("Pooling is not yet supported on the batch dimension.",
            Assert.Throws<ValueError>(() => tf.nn.max_pool_with_argmax(image, new[] { 2, 2, 2, 1 }, new[] { 1, 2, 2, 1 }, "VALID")).Message);
        Assert.Contains("Shape must be rank 4 but is rank 3",
            Assert.Throws<ValueError>(() => tf.nn.max_pool_with_argmax(tf.placeholder(tf.float32, (4, 4, 3)), new[] { 1, 2, 2, 1 }, new[] { 1, 2, 2, 1 }, "VALID")).Message);
    }

    [Fact]
    public void Extract_image_patches_refuses_short_windows_and_a_3_D_input()
    {
        var image = tf.placeholder(tf.float32, (2, 4, 4, 3));
        var one = new[] { 1, 1, 1, 1 };
        Assert.Equal("ExtractImagePatches requires the ksize attribute to contain 4 values, but got: 3",
            Assert.Throws<ValueError>(() => tf.extract_image_patches(image, new[] { 1, 2, 2 }, one, one, "VALID")).Message);
        Assert.Contains("Shape must be rank 4 but is rank 3",
            Assert.Throws<ValueError>(() => tf.extract_image_patches(tf.placeholder(tf.float32, (4, 4, 3)), new[] { 1, 2, 2, 1 }, one, one, "VALID")).Message);
        Assert.Contains("padding", Assert.Throws<ValueError>(() => tf.extract_image_patches(image, new[] { 1, 2, 2, 1 }, one, one, "FULL")).Message);
    }
}
