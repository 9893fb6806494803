using NumSharp;

namespace GraphTrainer.Tests.Api;

/// <summary>
/// The session and graph surface the seed ports use: explicit graphs with as_default, InteractiveSession with
/// Tensor.eval / Operation.run and close, pair and dictionary fetches, and NDArrays used where tensors are expected.
/// </summary>
[Collection("DefaultGraph")]
public class PortingSurfaceTests
{
    public PortingSurfaceTests() => tf.reset_default_graph();

    [Fact]
    public void Explicit_graph_as_default_with_a_session_on_it()
    {
        var graph = tf.Graph();
        RefVariable w;
        using (graph.as_default())
        {
            w = tf.Variable(tf.zeros(new[] { 2 }));
            Assert.Same(graph, w.graph);
            using var session = tf.Session(graph: graph);
            tf.global_variables_initializer().run();
            Assert.Equal(new[] { 0f, 0f }, session.run(w).ToArray<float>());
        }
        Assert.NotSame(graph, tf.get_default_graph());
        Assert.Empty(tf.get_default_graph().get_operations());
    }

    [Fact]
    public void Interactive_session_serves_eval_and_run_until_closed()
    {
        var x = tf.placeholder(tf.float32, (Binding.None, 2));
        var v = tf.get_variable("v", new[] { 2 }, initializer: tf.ones_initializer());
        var y = tf.reduce_sum(x * v);
        var sess = tf.InteractiveSession();
        tf.global_variables_initializer().run();
        Assert.Equal(6f, (float)y.eval(new() { [x] = new float[,] { { 1, 2 }, { 1, 2 } } }));
        sess.close();
        Assert.Null(tf.get_default_session());
        Assert.Throws<ValueError>(() => y.eval(new() { [x] = new float[,] { { 1, 2 } } }));
    }

    [Fact]
    public void Pair_and_dictionary_fetches()
    {
        var parameters = new Dictionary<string, Tensor>
        {
            ["W1"] = tf.get_variable("W1", new[] { 2, 2 }, initializer: tf.ones_initializer()),
            ["b1"] = tf.get_variable("b1", new[] { 2, 1 }, initializer: tf.zeros_initializer()),
        };
        var cost = tf.reduce_sum(parameters["W1"]);
        var optimizer = tf.train.GradientDescentOptimizer(0.5).minimize(cost);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        var (_, c) = sess.run((optimizer, cost));
        Assert.True((float)c is 4f or 2f);
        Dictionary<string, NDArray> trained = sess.run(parameters);
        Assert.Equal(new[] { 0.5f, 0.5f, 0.5f, 0.5f }, trained["W1"].ToArray<float>());
        Assert.Equal(new long[] { 2, 1 }, trained["b1"].shape);
    }

    [Fact]
    public void Trained_arrays_convert_to_constants_where_tensors_are_expected()
    {
        NDArray w = np.array(new float[,] { { 1, 2 }, { 3, 4 } });
        var x = tf.placeholder(tf.float32, (Binding.None, 2));
        var y = tf.matmul(x, tf.transpose(w));
        Assert.Equal("Const", tf.get_default_graph().get_operations().First(o => o.type == "Const").type);
        using (tf.Session())
            Assert.Equal(new[] { 5f, 11f }, y.eval(new() { [x] = new float[,] { { 1, 2 } } }).ToArray<float>());
    }
}
