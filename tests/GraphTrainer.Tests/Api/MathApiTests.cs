namespace GraphTrainer.Tests.Api;

/// <summary>The math and reduction functions added for issue 11: values from their definitions and TensorFlow's documented behaviour.</summary>
[Collection("DefaultGraph")]
public class MathApiTests
{
    public MathApiTests() => tf.reset_default_graph();

    private static T[] Run<T>(Tensor t) where T : unmanaged
    {
        using var sess = tf.Session();
        return sess.run(t).ToArray<T>();
    }

    private static readonly float[,] M = { { 1, -2, 3 }, { -4, 5, 0 } };

    [Fact]
    public void Reductions_over_an_axis_or_everything()
    {
        var x = tf.constant(M);
        Assert.Equal(new[] { 3f, 5f }, Run<float>(tf.reduce_max(x, 1)));
        Assert.Equal(new[] { -4f, -2f, 0f }, Run<float>(tf.reduce_min(x, 0)));
        Assert.Equal(new[] { -6f, 0f }, Run<float>(tf.reduce_prod(x, reduction_indices: 1)));
        Assert.Equal(5f, Run<float>(tf.reduce_max(x))[0]);
        Assert.Equal(new[] { 2, 1 }, tf.reduce_max(x, 1, keepdims: true).shape.dims);
        Assert.Equal(new[] { 2, 1 }, tf.reduce_sum(x, reduction_indices: 1, keep_dims: true).shape.dims);
        Assert.Equal(new[] { 2f, 1f }, Run<float>(tf.reduce_sum(x, reduction_indices: 1)));
        Assert.Equal(new[] { 3L, 2L }, Run<long>(tf.count_nonzero(x, 1)));
        Assert.Equal(new[] { 1L, 0L }, Run<long>(tf.argmin(x, 1)));
        Assert.Equal(new[] { 1, 0, 1 }, Run<int>(tf.argmin(x, 0, output_type: tf.int32)));
    }

    [Fact]
    public void Max_of_nothing_is_minus_infinity_and_any_all_need_bools()
    {
        var empty = tf.placeholder(tf.float32, new[] { -1 });
        using var sess = tf.Session();
        Assert.Equal(float.NegativeInfinity, (float)sess.run(tf.reduce_max(empty), new FeedDict { [empty] = new float[0] }));
        var b = tf.constant(new[,] { { true, false }, { true, true } });
        Assert.Equal(new[] { false, true }, sess.run(tf.reduce_all(b, 1)).ToArray<bool>());
        Assert.Equal(new[] { true, true }, sess.run(tf.reduce_any(b, 0)).ToArray<bool>());
        Assert.Throws<TypeError>(() => tf.reduce_any(tf.constant(M)));
    }

    [Fact]
    public void Cumulative_sums_and_products()
    {
        var x = tf.constant(new float[] { 1, 2, 3, 4 });
        Assert.Equal(new[] { 1f, 3f, 6f, 10f }, Run<float>(tf.cumsum(x)));
        Assert.Equal(new[] { 0f, 1f, 3f, 6f }, Run<float>(tf.cumsum(x, exclusive: true)));
        Assert.Equal(new[] { 10f, 9f, 7f, 4f }, Run<float>(tf.cumsum(x, reverse: true)));
        Assert.Equal(new[] { 1f, 2f, 6f, 24f }, Run<float>(tf.cumprod(x)));
        Assert.Equal(new[] { 1, 4, 9, 3, 4, 8 }, Run<int>(tf.cumsum(tf.constant(new[,] { { 1, 3, 5 }, { 3, 1, 4 } }), axis: 1)));
    }

    [Fact]
    public void Elementwise_math()
    {
        var x = tf.constant(new float[] { -1.5f, 0, 2.5f, 4 });
        Assert.Equal(new[] { 1.5f, 0, 2.5f, 4 }, Run<float>(tf.abs(x)));
        Assert.Equal(new[] { -1f, 0, 1, 1 }, Run<float>(tf.sign(x)));
        Assert.Equal(new[] { -1f, 0, 3, 4 }, Run<float>(tf.ceil(x)));
        // Halves go to the even neighbour: −1.5 → −2, 2.5 → 2.
        Assert.Equal(new[] { -2f, 0, 2, 4 }, Run<float>(tf.round(x)));
        Assert.Equal(new[] { 0.25f, 0.5f }, Run<float>(tf.reciprocal(tf.constant(new float[] { 4, 2 }))));
        Assert.Equal(new[] { 0.5f, 1f / 3 }, Run<float>(tf.rsqrt(tf.constant(new float[] { 4, 9 }))));
        Assert.Equal(new[] { 8f, 1f / 9 }, Run<float>(tf.pow(tf.constant(new float[] { 2, 3 }), tf.constant(new float[] { 3, -2 }))));
        Assert.Equal(new[] { 1e-10f }, Run<float>(tf.log1p(tf.constant(new float[] { 1e-10f }))));
        Assert.Equal(new[] { 3, 0 }, Run<int>(tf.abs(tf.constant(new[] { -3, 0 }))));
    }

    [Fact]
    public void Trigonometric_functions_at_known_angles()
    {
        var angles = tf.constant(new[] { Math.PI / 6, Math.PI / 3, Math.PI / 4 }, tf.float64);
        AssertClose(new[] { 0.5, Math.Sqrt(3) / 2, Math.Sqrt(0.5) }, Run<double>(tf.sin(angles)));
        AssertClose(new[] { Math.Sqrt(3) / 2, 0.5, Math.Sqrt(0.5) }, Run<double>(tf.math.cos(angles)));
        AssertClose(new[] { 1 / Math.Sqrt(3), Math.Sqrt(3), 1 }, Run<double>(tf.tan(angles)));
        var values = tf.constant(new[] { 0.5, -1, 0 }, tf.float64);
        AssertClose(new[] { Math.PI / 6, -Math.PI / 2, 0 }, Run<double>(tf.asin(values)));
        AssertClose(new[] { Math.PI / 3, Math.PI, Math.PI / 2 }, Run<double>(tf.acos(values)));
        AssertClose(new[] { Math.PI / 4, -Math.PI / 4, Math.PI / 3 }, Run<double>(tf.atan(tf.constant(new[] { 1, -1, Math.Sqrt(3) }, tf.float64))));
        Assert.True(float.IsNaN(Run<float>(tf.asin(tf.constant(new[] { 1.5f })))[0]), "asin outside [-1, 1] is NaN");
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-12, $"element {i}: expected {expected[i]}, got {actual[i]}");
    }

    [Fact]
    public void Comparisons_logical_ops_and_where()
    {
        var a = tf.constant(new[] { 1, 2, 3 });
        var b = tf.constant(new[] { 2, 2, 2 });
        Assert.Equal(new[] { true, false, false }, Run<bool>(tf.less(a, b)));
        Assert.Equal(new[] { true, true, false }, Run<bool>(tf.less_equal(a, b)));
        Assert.Equal(new[] { false, false, true }, Run<bool>(tf.greater(a, b)));
        Assert.Equal(new[] { false, true, true }, Run<bool>(tf.greater_equal(a, b)));
        Assert.Equal(new[] { true, false, true }, Run<bool>(tf.not_equal(a, b)));
        Assert.Equal(new[] { true, true, false }, Run<bool>(tf.math.less_equal(a, tf.constant(2))));
        var p = tf.constant(new[] { true, true, false });
        var q = tf.constant(new[] { true, false, false });
        Assert.Equal(new[] { true, false, false }, Run<bool>(tf.logical_and(p, q)));
        Assert.Equal(new[] { true, true, false }, Run<bool>(tf.logical_or(p, q)));
        Assert.Equal(new[] { false, false, true }, Run<bool>(tf.logical_not(p)));
        Assert.Equal(new[] { 1, 2, 2 }, Run<int>(tf.where(tf.less_equal(a, b), a, b)));
        // A vector condition picks whole rows.
        var rows = tf.where(tf.constant(new[] { false, true }), tf.constant(new[,] { { 1, 1 }, { 2, 2 } }), tf.constant(new[,] { { 9, 9 }, { 8, 8 } }));
        Assert.Equal(new[] { 9, 9, 2, 2 }, Run<int>(rows));
        Assert.Throws<TypeError>(() => tf.logical_and(a, b));
        var coordinates = tf.where(tf.constant(new[,] { { true, false }, { false, true } }));
        Assert.Equal(new[] { -1, 2 }, coordinates.shape.dims);
        Assert.Equal(new long[] { 0, 0, 1, 1 }, Run<long>(coordinates));
    }

    [Fact]
    public void Clipping_by_value_norm_and_global_norm()
    {
        Assert.Equal(new[] { 0f, 0.5f, 1f }, Run<float>(tf.clip_by_value(tf.constant(new float[] { -1, 0.5f, 3 }), 0, 1)));
        // ‖[3, 4]‖ = 5 → scaled to norm 1; a small vector is left alone; zeros stay zeros.
        Assert.Equal(new[] { 0.6f, 0.8f }, Run<float>(tf.clip_by_norm(tf.constant(new float[] { 3, 4 }), 1)), new FloatTolerance(1e-6f));
        Assert.Equal(new[] { 0.3f, 0.4f }, Run<float>(tf.clip_by_norm(tf.constant(new float[] { 0.3f, 0.4f }), 1)), new FloatTolerance(1e-6f));
        Assert.Equal(new[] { 0f, 0f }, Run<float>(tf.clip_by_norm(tf.constant(new float[] { 0, 0 }), 1)));
        var (clipped, norm) = tf.clip_by_global_norm(new[] { tf.constant(new float[] { 3 }), null, tf.constant(new float[] { 4 }) }, 2.5);
        Assert.Null(clipped[1]);
        Assert.Equal(5f, Run<float>(norm)[0], 5);
        Assert.Equal(1.5f, Run<float>(clipped[0])[0], 5);
        Assert.Equal(2f, Run<float>(clipped[2])[0], 5);
    }

    private sealed class FloatTolerance(float eps) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= eps;
        public int GetHashCode(float _) => 0;
    }
}
