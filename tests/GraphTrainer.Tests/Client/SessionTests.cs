using NumSharp;

namespace GraphTrainer.Tests.Client;

[Collection("DefaultGraph")]
public class SessionTests
{
    public SessionTests() => tf.reset_default_graph();

    [Fact]
    public void Fetch_structures_round_trip()
    {
        var a = tf.constant(2f);
        var b = tf.constant(new float[] { 1, 2, 3 });
        var c = a * b;
        using var sess = tf.Session();
        Assert.Equal(2f, (float)sess.run(a));
        Assert.Equal(new float[] { 2, 4, 6 }, sess.run(c).ToArray<float>());
        var list = sess.run(new ITensorOrOperation[] { a, c });
        Assert.Equal(2, list.Length);
        var (x, y) = sess.run((a, c));
        Assert.Equal(2f, (float)x);
        Assert.Equal(new float[] { 2, 4, 6 }, y.ToArray<float>());
        var dict = sess.run(new Dictionary<string, Tensor> { ["a"] = a, ["c"] = c });
        Assert.Equal(new float[] { 2, 4, 6 }, dict["c"].ToArray<float>());
        var (p, q, r) = sess.run((a, b, c));
        Assert.Equal(new float[] { 1, 2, 3 }, q.ToArray<float>());
    }

    [Fact]
    public void Running_an_operation_returns_null_and_list_entries_for_operations_are_null()
    {
        var v = tf.Variable(tf.constant(1f), name: "v");
        var init = tf.global_variables_initializer();
        using var sess = tf.Session();
        Assert.Null(sess.run(init));
        var results = sess.run(new ITensorOrOperation[] { init, v });
        Assert.Null(results[0]);
        Assert.Equal(1f, (float)results[1]);
    }

    [Fact]
    public void Pruned_branches_do_not_run()
    {
        var v = tf.Variable(tf.constant(5f), name: "counter");
        var bump = v.assign(v + 1f);
        var unfed = tf.placeholder(tf.float32, new[] { 2 }, name: "never_fed");
        var branch = unfed * 2f;
        var wanted = tf.constant(3f) + 4f;
        using var sess = tf.Session();
        sess.run(v.initializer);
        // Neither the unfed placeholder nor the assignment is on the path to `wanted`.
        Assert.Equal(7f, (float)sess.run(wanted));
        Assert.Equal(5f, (float)sess.run(v));
        sess.run(bump);
        Assert.Equal(6f, (float)sess.run(v));
    }

    [Fact]
    public void Feeding_an_intermediate_tensor_overrides_it()
    {
        var x = tf.placeholder(tf.float32, new[] { 2 }, name: "x");
        var doubled = x * 2f;
        var result = doubled + 1f;
        using var sess = tf.Session();
        Assert.Equal(new float[] { 3, 5 }, sess.run(result, new FeedDict { [x] = new float[] { 1, 2 } }).ToArray<float>());
        // Feeding `doubled` means x is not needed at all.
        Assert.Equal(new float[] { 11, 21 }, sess.run(result, new FeedDict { [doubled] = new float[] { 10, 20 } }).ToArray<float>());
    }

    [Fact]
    public void Feeding_a_row_slice_of_an_NDArray_feeds_those_rows()
    {
        var all = np.arange(12).astype(NPTypeCode.Single).reshape(4, 3);
        var x = tf.placeholder(tf.float32, (Binding.None, 3));
        using var sess = tf.Session();
        var r = sess.run(tf.reduce_sum(x, 1), new FeedDict { [x] = all["1:3"] });
        Assert.Equal(new float[] { 3 + 4 + 5, 6 + 7 + 8 }, r.ToArray<float>());
        var strided = all[":, 1"]; // a non-contiguous column view is copied element-wise
        Assert.Equal(new float[] { 1, 4, 7, 10 }, sess.run(x * 1f, new FeedDict { [x] = strided.reshape(4, 1) * np.ones(new Shape(1, 3), NPTypeCode.Single) }).ToArray<float>().Where((_, i) => i % 3 == 0).ToArray());
    }

    [Fact]
    public void Fetching_a_fed_tensor_returns_the_fed_value()
    {
        var x = tf.placeholder(tf.float32, new[] { 2 });
        using var sess = tf.Session();
        Assert.Equal(new float[] { 4, 5 }, sess.run(x, (x, np.array(new float[] { 4, 5 }))).ToArray<float>());
    }

    [Fact]
    public void A_plan_is_compiled_once_per_signature()
    {
        var x = tf.placeholder(tf.float32, new[] { Binding.None });
        var y = x * 3f;
        var z = y + 1f;
        using var sess = tf.Session();
        for (int i = 0; i < 5; i++) sess.run(y, new FeedDict { [x] = new float[] { i } });
        Assert.Equal(1, sess.CompiledPlanCount);
        sess.run(z, new FeedDict { [x] = new float[] { 1, 2, 3 } });
        Assert.Equal(2, sess.CompiledPlanCount);
        // Batch size changes reuse the plan and still compute right.
        Assert.Equal(new float[] { 3, 6, 9 }, sess.run(y, new FeedDict { [x] = new float[] { 1, 2, 3 } }).ToArray<float>());
        Assert.Equal(2, sess.CompiledPlanCount);
    }

    [Fact]
    public void Feeds_are_converted_to_the_placeholder_dtype()
    {
        var x = tf.placeholder(tf.float32, new[] { 2 });
        using var sess = tf.Session();
        var r = sess.run(x * 2f, new FeedDict { [x] = np.array(new double[] { 1.5, 2.5 }) });
        Assert.Equal(new float[] { 3, 5 }, r.ToArray<float>());
    }

    [Fact]
    public void Wrong_feed_shape_names_the_placeholder_and_both_shapes()
    {
        var inputs = tf.placeholder(tf.float32, (Binding.None, 784), name: "inputs");
        var y = tf.reduce_sum(inputs);
        using var sess = tf.Session();
        var e = Assert.Throws<ValueError>(() => sess.run(y, new FeedDict { [inputs] = np.zeros(new Shape(3, 785), NPTypeCode.Single) }));
        Assert.Equal("Cannot feed value of shape (3, 785) for Tensor 'inputs:0', which has shape '(?, 784)'", e.Message);
    }

    [Fact]
    public void Missing_feed_names_the_placeholder()
    {
        var labels = tf.placeholder(tf.float32, (Binding.None, 10), name: "labels");
        var y = labels * 2f;
        using var sess = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(y));
        Assert.Equal("You must feed a value for placeholder tensor 'labels' with dtype float and shape [?,10]", e.Message);
    }

    [Fact]
    public void Reading_an_uninitialized_variable_fails_like_tensorflow()
    {
        var W1 = tf.Variable(tf.zeros(new[] { 2, 2 }), name: "W1");
        var y = W1 * 2f;
        using var sess = tf.Session();
        var e = Assert.Throws<FailedPreconditionError>(() => sess.run(y));
        Assert.StartsWith("Attempting to use uninitialized value W1", e.Message);
        var direct = Assert.Throws<FailedPreconditionError>(() => sess.run(W1));
        Assert.StartsWith("Attempting to use uninitialized value W1", direct.Message);
    }

    [Fact]
    public void Variables_live_in_the_session()
    {
        var v = tf.Variable(tf.constant(1f), name: "v");
        var inc = v.assign(v + 1f);
        using var s1 = tf.Session();
        using var s2 = tf.Session();
        s1.run(v.initializer);
        s2.run(v.initializer);
        s1.run(inc);
        s1.run(inc);
        Assert.Equal(3f, (float)s1.run(v));
        Assert.Equal(1f, (float)s2.run(v));
    }

    [Fact]
    public void Eval_and_run_use_the_default_session()
    {
        var v = tf.Variable(tf.constant(2f), name: "v");
        var y = v * 3f;
        using (var sess = tf.Session())
        {
            v.initializer.run();
            Assert.Equal(6f, (float)y.eval());
        }
        Assert.Throws<ValueError>(() => y.eval());
    }

    [Fact]
    public void A_session_on_an_explicit_graph_makes_it_the_default_while_open()
    {
        var outer = tf.get_default_graph();
        var g = tf.Graph();
        using (var sess = tf.Session(graph: g))
        {
            Assert.Same(g, tf.get_default_graph());
            Assert.Equal(3f, (float)sess.run(tf.constant(1f) + 2f));
        }
        Assert.Same(outer, tf.get_default_graph());
    }

    [Fact]
    public void Fetch_from_another_graph_is_rejected()
    {
        var g = tf.Graph();
        Tensor other;
        using (g.as_default()) other = tf.constant(1f);
        using var sess = tf.Session();
        var e = Assert.Throws<ValueError>(() => sess.run(other));
        Assert.Contains("another graph", e.Message);
    }

    [Fact]
    public void Default_graph_and_session_are_shared_across_threads()
    {
        var a = tf.constant(2f, name: "shared");
        using var sess = tf.Session();
        var fromOtherThread = Task.Run(() =>
        {
            Assert.Same(a.graph, tf.get_default_graph());
            var b = a * 5f; // built on the same default graph from another thread
            return (float)b.eval();
        }).Result;
        Assert.Equal(10f, fromOtherThread);
    }
}
