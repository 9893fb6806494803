namespace GraphTrainer.Tests.Api;

/// <summary>
/// The issue-11 layers and losses together, as a TF1 tutorial writes them: dense + batch_normalization + dropout-free
/// MLP on a separable toy problem, sparse softmax loss plus L2 regularization, update ops under control_dependencies.
/// </summary>
[Collection("DefaultGraph")]
public class LayersTrainingTests
{
    public LayersTrainingTests() => tf.reset_default_graph();

    [Fact]
    public void A_tutorial_style_mlp_learns_a_separable_problem()
    {
        tf.set_random_seed(1);
        // Class = which of the two inputs is larger.
        var rng = new Random(7);
        var xs = new float[64, 2];
        var ys = new int[64];
        for (int i = 0; i < 64; i++)
        {
            xs[i, 0] = (float)rng.NextDouble();
            xs[i, 1] = (float)rng.NextDouble();
            ys[i] = xs[i, 0] > xs[i, 1] ? 1 : 0;
        }
        var x = tf.placeholder(tf.float32, (Binding.None, 2), name: "x");
        var y = tf.placeholder(tf.int32, new[] { -1 }, name: "y");
        var training = tf.placeholder(tf.@bool, TensorShape.Scalar, name: "training");
        var h = tf.layers.dense(x, 16, kernel_regularizer: tf.contrib.layers.l2_regularizer(1e-4));
        h = tf.nn.relu(tf.layers.batch_normalization(h, training, momentum: 0.9));
        var logits = tf.layers.dense(h, 2);
        var loss = tf.losses.sparse_softmax_cross_entropy(y, logits) + tf.losses.get_regularization_loss();
        var accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1, output_type: tf.int32), y), tf.float32));
        // TF's other documented form, train_op = tf.group([train_op, update_ops]). (Under tf.control_dependencies the Adam
        // slots' initializers would inherit the dependency: TensorFlow creates variables in an init_scope, the optimizer here does not yet.)
        var minimize = tf.train.AdamOptimizer(0.05).minimize(loss);
        var train = tf.group(tf.get_collection(tf.GraphKeys.UPDATE_OPS).Cast<ITensorOrOperation>().Append(minimize), "train");

        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        float first = (float)sess.run(loss, new FeedDict { [x] = xs, [y] = ys, [training] = true });
        for (int step = 0; step < 150; step++) sess.run(train, new FeedDict { [x] = xs, [y] = ys, [training] = true });
        float last = (float)sess.run(loss, new FeedDict { [x] = xs, [y] = ys, [training] = true });
        Assert.True(last < first / 4, $"loss {first} → {last}");
        // Inference mode uses the moving averages, which the update ops have been tracking.
        float inference = (float)sess.run(accuracy, new FeedDict { [x] = xs, [y] = ys, [training] = false });
        Assert.True(inference >= 0.9f, $"inference accuracy {inference}");
    }
}
