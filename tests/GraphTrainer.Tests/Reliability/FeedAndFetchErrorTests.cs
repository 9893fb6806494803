using NumSharp;

namespace GraphTrainer.Tests.Reliability;

/// <summary>
/// Feeding another dtype into an integer placeholder follows one rule whatever the container (numpy's cast, which
/// TensorFlow's feed uses: truncation toward zero); values with no int32 equivalent are refused naming the tensor; a
/// None fetch and a wrong-shape assign fail with TensorFlow's errors.
/// </summary>
[Collection("DefaultGraph")]
public class FeedAndFetchErrorTests
{
    public FeedAndFetchErrorTests() => tf.reset_default_graph();

    private static readonly int[] Truncated = { 1, -1, 2, -2, 0 };

    [Fact]
    public void Floats_fed_to_int32_truncate_toward_zero_from_arrays_ndarrays_and_scalars()
    {
        var labels = tf.placeholder(tf.int32, new[] { 5 }, name: "labels");
        var scalar = tf.placeholder(tf.int32, name: "k");
        var y = tf.identity(labels);
        using var sess = tf.Session();

        Assert.Equal(Truncated, sess.run(y, new FeedDict { [labels] = new[] { 1.7f, -1.7f, 2.5f, -2.5f, 0.9f } }).ToArray<int>());
        Assert.Equal(Truncated, sess.run(y, new FeedDict { [labels] = new[] { 1.7, -1.7, 2.5, -2.5, 0.9 } }).ToArray<int>());
        Assert.Equal(Truncated, sess.run(y, new FeedDict { [labels] = np.array(new[] { 1.7f, -1.7f, 2.5f, -2.5f, 0.9f }) }).ToArray<int>());
        Assert.Equal(2, (int)sess.run(tf.identity(scalar), new FeedDict { [scalar] = 2.99 }));
        Assert.Equal(-2, (int)sess.run(tf.identity(scalar), new FeedDict { [scalar] = -2.99f }));
    }

    [Theory]
    [InlineData(float.NaN, "Cannot feed value NaN (element 1) for Tensor 'labels:0' of dtype int32: cannot convert float NaN to integer.")]
    [InlineData(float.PositiveInfinity, "Cannot feed value inf (element 1) for Tensor 'labels:0' of dtype int32: cannot convert float inf to integer.")]
    [InlineData(5e9f, "Cannot feed value 5000000000 (element 1) for Tensor 'labels:0' of dtype int32: it is outside the int32 range [-2147483648, 2147483647].")]
    public void Values_without_an_int32_equivalent_are_refused_naming_the_placeholder(float bad, string message)
    {
        var labels = tf.placeholder(tf.int32, new[] { 2 }, name: "labels");
        var y = tf.identity(labels);
        using var sess = tf.Session();

        Assert.Equal(message, Assert.Throws<ValueError>(() => sess.run(y, new FeedDict { [labels] = new[] { 0f, bad } })).Message);
        Assert.Equal(message, Assert.Throws<ValueError>(() => sess.run(y, new FeedDict { [labels] = np.array(new[] { 0f, bad }) })).Message);
        // The session is still usable after the refused feed.
        Assert.Equal(new[] { 3, 4 }, sess.run(y, new FeedDict { [labels] = new[] { 3, 4 } }).ToArray<int>());
    }

    [Fact]
    public void A_long_beyond_int32_is_refused_and_small_ints_widen_to_float()
    {
        var labels = tf.placeholder(tf.int32, name: "labels");
        var x = tf.placeholder(tf.float32, name: "x");
        using var sess = tf.Session();

        var e = Assert.Throws<ValueError>(() => sess.run(tf.identity(labels), new FeedDict { [labels] = new[] { 5_000_000_000L } }));
        Assert.Contains("Tensor 'labels:0' of dtype int32", e.Message);
        Assert.Equal(new[] { 1f, 2f }, sess.run(x * 1f, new FeedDict { [x] = new[] { 1, 2 } }).ToArray<float>());
    }

    [Fact]
    public void Fetching_None_is_a_type_error_as_in_tensorflow()
    {
        var a = tf.constant(1f);
        using var sess = tf.Session();
        const string message = "Fetch argument None has invalid type <class 'NoneType'>";

        Assert.Equal(message, Assert.Throws<TypeError>(() => sess.run((Tensor)null)).Message);
        Assert.Equal(message, Assert.Throws<TypeError>(() => sess.run((Operation)null)).Message);
        Assert.Equal(message, Assert.Throws<TypeError>(() => sess.run((ITensorOrOperation)null)).Message);
        Assert.Equal(message, Assert.Throws<TypeError>(() => sess.run(new ITensorOrOperation[] { a, null })).Message);
        Assert.Equal(message, Assert.Throws<TypeError>(() => sess.run((a, (ITensorOrOperation)null))).Message);
    }

    [Fact]
    public void Assigning_a_wrong_shape_names_the_variable_and_both_shapes()
    {
        var w = tf.Variable(tf.zeros(new[] { 3, 4 }), name: "w");

        var rank = Assert.Throws<ValueError>(() => w.assign(tf.zeros(new[] { 4 })));
        Assert.Equal("Shapes must be equal rank, but are 2 and 1 for 'Assign' (op: 'Assign') with input shapes: [3,4], [4]. The variable is 'w'.", rank.Message);

        var dim = Assert.Throws<ValueError>(() => w.assign(tf.zeros(new[] { 4, 4 })));
        Assert.StartsWith("Dimension 0 in both shapes must be equal, but are 3 and 4. Shapes are [3,4] and [4,4]. for 'Assign", dim.Message);
        Assert.EndsWith("with input shapes: [3,4], [4,4]. The variable is 'w'.", dim.Message);

        Assert.Equal(new[] { 3, 4 }, w.assign(tf.ones(new[] { 3, 4 })).shape.as_list()); // a matching shape still builds
    }
}
