using static GraphTrainer.Binding;

namespace GraphTrainer.Tests.Ports;

/// <summary>
/// API the ports needed beyond what existed: dtypes named by string (<c>tf.placeholder("float", ...)</c>,
/// <c>tf.cast(x, "float")</c>) and Python's stepped <c>range</c> and <c>zip</c> (nlintz's batch loops).
/// </summary>
[Collection("DefaultGraph")]
public class PortingBuiltinsTests
{
    [Theory]
    [InlineData("float", DType.Float32)]
    [InlineData("float32", DType.Float32)]
    [InlineData("double", DType.Float64)]
    [InlineData("float64", DType.Float64)]
    [InlineData("int32", DType.Int32)]
    [InlineData("int64", DType.Int64)]
    [InlineData("uint8", DType.UInt8)]
    [InlineData("bool", DType.Bool)]
    public void As_dtype_maps_tensorflow_type_names(string name, DType expected) =>
        Assert.Equal(expected, tf.as_dtype(name));

    [Fact]
    public void An_unknown_dtype_name_is_tensorflows_type_error()
    {
        var e = Assert.Throws<TypeError>(() => tf.as_dtype("flaot"));
        Assert.Equal("Cannot convert value 'flaot' to a TensorFlow DType.", e.Message);
    }

    [Fact]
    public void Placeholder_and_cast_accept_dtype_names()
    {
        tf.reset_default_graph();
        var X = tf.placeholder("float", new[] { None, 784 }, name: "X");
        Assert.Equal(DType.Float32, X.dtype);
        Assert.Equal(new[] { -1, 784 }, X.shape.as_list());
        var c = tf.cast(tf.constant(new[] { true, false, true }), "float");
        Assert.Equal(DType.Float32, c.dtype);
        using var sess = tf.Session();
        Assert.Equal(new[] { 1f, 0f, 1f }, sess.run(c).ToArray<float>());
    }

    [Fact]
    public void Stepped_range_matches_python()
    {
        Assert.Equal(new[] { 0, 128, 256 }, range(0, 300, 128));
        Assert.Equal(new[] { 128, 256 }, range(128, 300 + 1, 128).Take(2));
        Assert.Equal(new[] { 5, 3, 1 }, range(5, 0, -2));
        Assert.Empty(range(3, 3, 1));
        Assert.Empty(range(0, 5, -1));
        Assert.Equal("range() arg 3 must not be zero", Assert.Throws<ValueError>(() => range(0, 5, 0)).Message);
    }

    [Fact]
    public void Zip_stops_at_the_shorter_sequence_so_batches_never_run_past_the_data()
    {
        // nlintz's loop over 300 rows in batches of 128: (0,128), (128,256); the ragged tail is dropped.
        var batches = zip(range(0, 300, 128), range(128, 300 + 1, 128)).ToList();
        Assert.Equal(new[] { (0, 128), (128, 256) }, batches);
        Assert.Equal(new[] { (1, "a", 2.0) }, zip(new[] { 1, 2 }, new[] { "a" }, new[] { 2.0, 3.0 }));
    }

    [Fact]
    public void Deprecated_arg_min_and_arg_max_are_argmin_and_argmax()
    {
        tf.reset_default_graph();
        var x = tf.constant(new float[,] { { 3, 1, 2 }, { 0, 5, 4 } });
#pragma warning disable CS0618 // the deprecated names are what is tested
        var lo = tf.arg_min(x, 1);
        var hi = tf.arg_max(x, 0);
#pragma warning restore CS0618
        Assert.Equal(DType.Int64, lo.dtype);
        using var sess = tf.Session();
        Assert.Equal(new long[] { 1, 0 }, sess.run(lo).ToArray<long>());
        Assert.Equal(new long[] { 0, 1, 1 }, sess.run(hi).ToArray<long>());
    }
}
