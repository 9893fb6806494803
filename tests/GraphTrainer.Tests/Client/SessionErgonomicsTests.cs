namespace GraphTrainer.Tests.Client;

/// <summary>Tuple fetches of every arity with feed pairs, and as_default giving the graph in hand.</summary>
[Collection("DefaultGraph")]
public class SessionErgonomicsTests
{
    public SessionErgonomicsTests() => tf.reset_default_graph();

    [Fact]
    public void Tuples_of_three_to_seven_fetches_take_feed_pairs_and_a_feed_dict()
    {
        var x = tf.placeholder(tf.float32, new int[0], name: "x");
        var t = Enumerable.Range(1, 7).Select(k => x * (float)k).ToArray();
        using var sess = tf.Session();
        var (a3, b3, c3) = sess.run((t[0], t[1], t[2]), (x, 2f));
        Assert.Equal((2f, 4f, 6f), ((float)a3, (float)b3, (float)c3));
        var (_, _, _, d4) = sess.run((t[0], t[1], t[2], t[3]), (x, 2f));
        Assert.Equal(8f, (float)d4);
        var (_, _, _, _, e5) = sess.run((t[0], t[1], t[2], t[3], t[4]), (x, 2f));
        Assert.Equal(10f, (float)e5);
        var (_, _, _, _, _, f6) = sess.run((t[0], t[1], t[2], t[3], t[4], t[5]), feed_dict: new FeedDict { [x] = 2f });
        Assert.Equal(12f, (float)f6);
        var (_, _, _, _, _, _, g7) = sess.run((t[0], t[1], t[2], t[3], t[4], t[5], t[6]), (x, 3f));
        Assert.Equal(21f, (float)g7);
    }

    [Fact]
    public void As_default_returns_the_graph_and_disposing_it_restores_the_previous_default()
    {
        var outer = tf.get_default_graph();
        Graph inHand;
        using (var g = tf.Graph().as_default())
        {
            inHand = g;
            Assert.Same(g, tf.get_default_graph());
            var c = tf.constant(1f, name: "c");
            Assert.Same(g, c.graph);
            Assert.Single(g.get_operations());
        }
        Assert.Same(outer, tf.get_default_graph());
        Assert.Single(inHand.get_operations()); // the graph stays usable after its scope ends
    }
}
