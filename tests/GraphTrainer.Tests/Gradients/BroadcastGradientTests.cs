using NumSharp;

namespace GraphTrainer.Tests.Gradients;

/// <summary>Undoing broadcasts in gradients: decided at build time where static shapes allow, at run time otherwise.</summary>
[Collection("DefaultGraph")]
public class BroadcastGradientTests
{
    private static readonly float[,] X = { { 1, 2, 3 }, { 4, 5, 6 } };

    // d/dx and d/db of sum(w ⊙ (x + b)) are w and the column sums of w, whatever the batch size.
    private static readonly float[,] W = { { 1, 10, 100 }, { 2, 20, 200 } };

    private static (float[] dx, float[] db, string[] types) Run(Tensor x, Tensor b, Tensor bias)
    {
        var loss = tf.reduce_sum(tf.constant(W) * (x + b));
        var grads = tf.gradients(loss, new[] { x, b });
        using var sess = tf.Session();
        var feed = new FeedDict { [x] = np.array(X) };
        if (bias != null) feed[bias] = np.array(new float[] { 0.5f, 0.5f, 0.5f });
        var (dx, db) = sess.run((grads[0], grads[1]), feed);
        var types = tf.get_default_graph().get_operations().Where(o => o.name.StartsWith("gradients/add_grad/")).Select(o => o.type).ToArray();
        return (dx.ToArray<float>(), db.ToArray<float>(), types);
    }

    [Fact]
    public void Matrix_with_unknown_batch_plus_vector_needs_no_shape_ops()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, new[] { -1, 3 });
        var b = tf.placeholder(tf.float32, new[] { 3 });
        var (dx, db, types) = Run(x, b, b);
        Assert.Equal(new float[] { 1, 10, 100, 2, 20, 200 }, dx);
        Assert.Equal(new float[] { 3, 30, 300 }, db);
        Assert.DoesNotContain("BroadcastGradientArgs", types);
        Assert.DoesNotContain("Shape", types);
    }

    [Fact]
    public void Unknown_sizes_on_both_sides_are_decided_at_run_time()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, new[] { -1, 3 });
        var b = tf.placeholder(tf.float32, new[] { -1 });
        var (dx, db, types) = Run(x, b, b);
        Assert.Equal(new float[] { 1, 10, 100, 2, 20, 200 }, dx);
        Assert.Equal(new float[] { 3, 30, 300 }, db);
        Assert.Contains("BroadcastGradientArgs", types);
    }
}
