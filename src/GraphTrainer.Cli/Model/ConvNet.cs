using static GraphTrainer.Binding;

namespace GraphTrainer.Cli.Model;

/// <summary>
/// TensorFlow's Deep MNIST network (mnist_deep.py): conv 5×5×32 SAME + ReLU, max-pool 2×2, conv 5×5×64 + ReLU, max-pool,
/// fully connected 1024 + ReLU, dropout, fully connected to the classes; weights truncated_normal(stddev 0.1), biases 0.1.
/// </summary>
internal static class ConvNet
{
    /// <summary>Logits for flattened square images <paramref name="x"/> [batch, side²]; <paramref name="keepProb"/> is dropout's keep probability.</summary>
    public static Tensor Logits(Tensor x, int side, int classes, Tensor keepProb)
    {
        var image = tf.reshape(x, new[] { -1, side, side, 1 });
        var conv1 = tf.nn.relu(Conv(image, 5, 1, 32, "conv1"));
        var pool1 = MaxPool2x2(conv1);
        var conv2 = tf.nn.relu(Conv(pool1, 5, 32, 64, "conv2"));
        var pool2 = MaxPool2x2(conv2);
        int reduced = (side + 3) / 4;
        var flat = tf.reshape(pool2, new[] { -1, reduced * reduced * 64 });
        var fc1 = tf.nn.relu(tf.matmul(flat, Weight(new[] { reduced * reduced * 64, 1024 }, "fc1")) + Bias(1024, "fc1"));
        var dropped = tf.nn.dropout(fc1, keepProb);
        return tf.matmul(dropped, Weight(new[] { 1024, classes }, "fc2")) + Bias(classes, "fc2");
    }

    /// <summary>Trainable parameters for images of <paramref name="side"/>² pixels and <paramref name="classes"/> classes.</summary>
    public static long ParameterCount(int side, int classes)
    {
        long reduced = (side + 3) / 4;
        return (5 * 5 * 1 * 32 + 32) + (5 * 5 * 32 * 64 + 64) + (reduced * reduced * 64 * 1024 + 1024) + (1024L * classes + classes);
    }

    private static Tensor Conv(Tensor input, int size, int inChannels, int outChannels, string name) =>
        tf.nn.conv2d(input, Weight(new[] { size, size, inChannels, outChannels }, name), new[] { 1, 1, 1, 1 }, "SAME") + Bias(outChannels, name);

    private static Tensor MaxPool2x2(Tensor x) => tf.nn.max_pool(x, new[] { 1, 2, 2, 1 }, new[] { 1, 2, 2, 1 }, "SAME");

    private static Tensor Weight(int[] shape, string scope) => tf.Variable(tf.truncated_normal(shape, stddev: 0.1f), name: scope + "/W");

    private static Tensor Bias(int size, string scope) => tf.Variable(tf.constant(0.1f, shape: new[] { size }), name: scope + "/b");
}
