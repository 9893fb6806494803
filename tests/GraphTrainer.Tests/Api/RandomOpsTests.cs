using GraphTrainer.Runtime;

namespace GraphTrainer.Tests.Api;

/// <summary>
/// The random ops end to end: a seeded op's values are TensorFlow's Philox stream for its (seed, seed2) attrs,
/// repeat across sessions, and move on with each run within a session.
/// </summary>
[Collection("DefaultGraph")]
public class RandomOpsTests
{
    public RandomOpsTests() => tf.reset_default_graph();

    private static long[] Seeds(Tensor t, string rawName)
    {
        var raw = t.graph.get_operation_by_name(rawName);
        return new[] { raw.GetAttr<long>("seed"), raw.GetAttr<long>("seed2") };
    }

    // What TensorFlow's kernel produces for attrs (seed, seed2) on the run-th run (0-based) of an op of n values.
    private static T[] Expected<T>(long seed, long seed2, int n, int run, Action<PhiloxRandom, T[]> fill)
    {
        var generator = new PhiloxRandom((ulong)seed, (ulong)seed2);
        generator.Skip((ulong)(run * n * RandomGenerator.BlocksPerOutput));
        var values = new T[n];
        fill(generator, values);
        return values;
    }

    [Fact]
    public void Seeded_uniform_is_the_philox_stream_of_its_seeds()
    {
        // Range 1 and minimum 0, so the scaled output equals the raw samples bit for bit.
        var t = tf.random_uniform(new[] { 3, 3 }, seed: 5);
        Assert.Equal(new long[] { 87654321, 5 }, Seeds(t, "random_uniform/RandomUniform"));
        using var sess = tf.Session();
        var expected = Expected<float>(87654321, 5, 9, 0, (g, o) => PhiloxFill.Fixed(g, o, 4, PhiloxDistributions.UniformFloat));
        Assert.Equal(expected, sess.run(t).ToArray<float>());
    }

    [Fact]
    public void Seeded_normal_and_truncated_normal_are_the_philox_streams_of_their_seeds()
    {
        tf.set_random_seed(42);
        var normal = tf.random_normal(new[] { 7 }, seed: 1);
        var truncated = tf.truncated_normal(new[] { 7 }, dtype: DType.Float64, seed: 2);
        using var sess = tf.Session();
        Assert.Equal(Expected<float>(42, 1, 7, 0, (g, o) => PhiloxFill.Fixed(g, o, 4, PhiloxDistributions.NormalFloat)),
            sess.run(normal).ToArray<float>());
        Assert.Equal(Expected<double>(42, 2, 7, 0, (g, o) => PhiloxFill.Variable(g, o, 2, PhiloxDistributions.TruncatedNormalDouble)),
            sess.run(truncated).ToArray<double>());
    }

    [Fact]
    public void Double_uniform_and_normal_use_two_values_per_block()
    {
        var uniform = tf.random_uniform(new[] { 5 }, dtype: DType.Float64, seed: 3);
        var normal = tf.random_normal(new[] { 5 }, dtype: DType.Float64, seed: 4);
        using var sess = tf.Session();
        Assert.Equal(Expected<double>(87654321, 3, 5, 0, (g, o) => PhiloxFill.Fixed(g, o, 2, PhiloxDistributions.UniformDouble)),
            sess.run(uniform).ToArray<double>());
        Assert.Equal(Expected<double>(87654321, 4, 5, 0, (g, o) => PhiloxFill.Fixed(g, o, 2, PhiloxDistributions.NormalDouble)),
            sess.run(normal).ToArray<double>());
    }

    [Fact]
    public void Each_run_reserves_the_next_slice_and_a_new_session_starts_over()
    {
        var t = tf.random_uniform(new[] { 6 }, seed: 9);
        float[] first, second, again;
        using (var sess = tf.Session())
        {
            first = sess.run(t).ToArray<float>();
            second = sess.run(t).ToArray<float>();
        }
        using (var sess = tf.Session()) again = sess.run(t).ToArray<float>();

        Assert.NotEqual(first, second);
        Assert.Equal(first, again);
        Assert.Equal(Expected<float>(87654321, 9, 6, 1, (g, o) => PhiloxFill.Fixed(g, o, 4, PhiloxDistributions.UniformFloat)), second);
    }

    [Fact]
    public void Same_seeds_give_the_same_values_in_a_rebuilt_graph()
    {
        float[] Build()
        {
            tf.reset_default_graph();
            tf.set_random_seed(7);
            var t = tf.truncated_normal(new[] { 4, 5 }, stddev: 0.1f);
            using var sess = tf.Session();
            return sess.run(t).ToArray<float>();
        }
        var a = Build();
        Assert.Equal(a, Build());
        Assert.All(a, v => Assert.InRange(v, -0.2f, 0.2f));
    }

    [Fact]
    public void A_smaller_request_is_a_prefix_of_a_larger_one()
    {
        var five = tf.random_normal(new[] { 5 }, seed: 11, name: "five");
        var eight = tf.random_normal(new[] { 8 }, seed: 11, name: "eight");
        using var sess = tf.Session();
        Assert.Equal(sess.run(eight).ToArray<float>()[..5], sess.run(five).ToArray<float>());
    }

    [Fact]
    public void Graph_seed_alone_makes_the_op_seed_the_number_of_ops_created_so_far()
    {
        // As TensorFlow's get_seed (op seed = graph._last_id): random_normal creates shape, mean and stddev first, so
        // its op seed is 3; it then adds the random op, mul and add, and random_uniform's shape, min and max follow.
        tf.set_random_seed(1);
        var normal = tf.random_normal(new[] { 2 });
        var uniform = tf.random_uniform(new[] { 2 });
        Assert.Equal(new long[] { 1, 3 }, Seeds(normal, "random_normal/RandomStandardNormal"));
        Assert.Equal(new long[] { 1, 9 }, Seeds(uniform, "random_uniform/RandomUniform"));
    }

    [Theory]
    [InlineData(null, -1, 87654321, 2147483646)]          // seeds are taken modulo 2^31 - 1, never negative
    [InlineData(2147483647, 5, 0, 5)]
    [InlineData(0, 0, 0, 2147483647)]                      // (0, 0) would mean "unseeded" to the kernel
    [InlineData(2147483647, 2147483647, 0, 2147483647)]
    public void Seeds_are_truncated_and_never_both_zero_as_in_TensorFlow(int? graphSeed, int opSeed, long seed, long seed2)
    {
        if (graphSeed is int g) tf.set_random_seed(g);
        var t = tf.random_uniform(new[] { 2 }, seed: opSeed);
        Assert.Equal(new[] { seed, seed2 }, Seeds(t, "random_uniform/RandomUniform"));
    }

    [Fact]
    public void Uniform_range_is_max_minus_min_in_float32()
    {
        // TensorFlow computes the range with a float32 Sub of the two float32 constants, not in double.
        var t = tf.random_uniform(new[] { 6 }, minval: 0.1f, maxval: 0.7f, seed: 4);
        using var sess = tf.Session();
        var raw = Expected<float>(87654321, 4, 6, 0, (g, o) => PhiloxFill.Fixed(g, o, 4, PhiloxDistributions.UniformFloat));
        Assert.Equal(raw.Select(z => z * (0.7f - 0.1f) + 0.1f), sess.run(t).ToArray<float>());
    }

    [Fact]
    public void Unseeded_ops_differ_between_sessions()
    {
        var t = tf.random_uniform(new[] { 8 });
        Assert.Equal(new long[] { 0, 0 }, Seeds(t, "random_uniform/RandomUniform"));
        float[] a, b;
        using (var sess = tf.Session()) a = sess.run(t).ToArray<float>();
        using (var sess = tf.Session()) b = sess.run(t).ToArray<float>();
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Running_a_seeded_initializer_again_gives_new_values_as_in_TensorFlow()
    {
        var w = tf.Variable(tf.contrib.layers.xavier_initializer(seed: 1).Call(new[] { 4, 4 }), name: "w");
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        var first = sess.run(w).ToArray<float>();
        sess.run(tf.global_variables_initializer());
        Assert.NotEqual(first, sess.run(w).ToArray<float>());
    }
}
