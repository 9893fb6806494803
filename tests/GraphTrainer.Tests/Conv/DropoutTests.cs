using NumSharp;

namespace GraphTrainer.Tests.Conv;

/// <summary>tf.nn.dropout built as TF1 builds it: kept elements scaled by 1/keep_prob, a fed keep_prob of 1 is the identity.</summary>
[Collection("DefaultGraph")]
public class DropoutTests
{
    [Fact]
    public void Kept_elements_are_scaled_and_the_keep_rate_is_keep_prob()
    {
        tf.reset_default_graph();
        const int n = 100_000;
        var keepProb = tf.placeholder(tf.float32);
        var y = tf.nn.dropout(tf.ones(new[] { n }), keepProb, seed: 7);
        using var sess = tf.Session();
        var values = sess.run(y, (keepProb, 0.25f)).ToArray<float>();
        Assert.All(values, v => Assert.True(v == 0f || v == 4f, $"{v} is neither dropped nor 1/0.25"));
        // Kept count is Binomial(n, 0.25): standard deviation √(n·0.25·0.75) ≈ 137; allow 6 of them.
        int kept = values.Count(v => v != 0);
        Assert.InRange(kept, n / 4 - 6 * 137, n / 4 + 6 * 137);
        Assert.Equal(Enumerable.Repeat(1f, n), sess.run(y, (keepProb, 1f)).ToArray<float>());
    }

    [Fact]
    public void Graph_nodes_are_TensorFlows()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, (-1, 1024));
        var y = tf.nn.dropout(x, 0.5);
        Assert.Equal(new[] { -1, 1024 }, y.shape.dims);
        Assert.Equal("dropout/mul", y.op.Name);
        var types = tf.get_default_graph().get_operations().Select(o => o.Name + ":" + o.Type).ToArray();
        Assert.Contains("dropout/keep_prob:Const", types);
        Assert.Contains("dropout/random_uniform/RandomUniform:RandomUniform", types);
        Assert.Contains("dropout/Floor:Floor", types);
        Assert.Contains("dropout/div:RealDiv", types);
    }

    [Fact]
    public void A_constant_keep_prob_of_one_returns_x()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, (-1, 4));
        Assert.Same(x, tf.nn.dropout(x, 1.0));
        Assert.Same(x, tf.nn.dropout(x, rate: 0.0));
    }

    [Fact]
    public void Gradient_flows_only_through_kept_elements()
    {
        tf.reset_default_graph();
        var x = tf.Variable(tf.ones(new[] { 1000 }));
        var y = tf.nn.dropout(x, 0.5, seed: 3);
        var g = tf.gradients(tf.reduce_sum(y), x)[0];
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        var (values, grads) = sess.run((y, g));
        // Same run: the gradient is 2 exactly where the output is 2, else 0.
        Assert.Equal(values.ToArray<float>(), grads.ToArray<float>());
    }
}
