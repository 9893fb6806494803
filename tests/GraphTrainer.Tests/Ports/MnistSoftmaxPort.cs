using Xunit.Abstractions;
using GraphTrainer.Data;
using static GraphTrainer.Binding;

namespace GraphTrainer.Tests.Ports;

/// <summary>
/// tensorflow/tensorflow <c>tensorflow/examples/tutorials/mnist/mnist_softmax.py</c> (r1.x, one-hot labels): a 784→10
/// softmax regression trained by gradient descent (0.5) on 1,000 batches of 100, printing the test accuracy.
/// Ported line for line; <paramref name="steps"/> replaces the literal 1000.
/// </summary>
public static class MnistSoftmaxPort
{
    private static TutorialOutput Out = new(TextWriter.Null);
    private static void print(params object[] values) => Out.print(values);

    /// <summary>FLAGS of the program: only --data_dir.</summary>
    public sealed class Flags { public string data_dir = "MNIST_data/"; }

    /// <summary>The program's FLAGS (argparse in Python).</summary>
    public static Flags FLAGS;

    /// <summary>main(_) of the program.</summary>
    public static void main(int steps = 1000)
    {
        // Load the data set
        var mnist = input_data.read_data_sets(FLAGS.data_dir, one_hot: true);

        // The model
        var x = tf.placeholder(tf.float32, new[] { None, 784 });
        var W = tf.Variable(tf.zeros(new[] { 784, 10 }));
        var b = tf.Variable(tf.zeros(new[] { 10 }));
        var y = tf.matmul(x, W) + b;

        // Loss and optimizer
        var y_ = tf.placeholder(tf.float32, new[] { None, 10 });

        // Writing the cross-entropy out by hand (minus the sum of y_ * log(softmax(y))) can overflow, so the
        // program uses the fused op on the raw logits and averages it over the batch.
        var cross_entropy = tf.reduce_mean(
            tf.nn.softmax_cross_entropy_with_logits(labels: y_, logits: y));
        var train_step = tf.train.GradientDescentOptimizer(0.5).minimize(cross_entropy);

        var sess = tf.InteractiveSession();
        tf.global_variables_initializer().run();
        // Training
        foreach (var _ in range(steps))
        {
            var (batch_xs, batch_ys) = mnist.train.next_batch(100);
            sess.run(train_step, feed_dict: new() { [x] = batch_xs, [y_] = batch_ys });
        }

        // Evaluate the trained model
        var correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1));
        var accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32));
        print(sess.run(accuracy, feed_dict: new() { [x] = mnist.test.images,
                                                     [y_] = mnist.test.labels }));
        sess.close(); // the Python leaves its InteractiveSession to the interpreter's exit
    }

    /// <summary>The argparse/tf.app.run block: FLAGS from the command line, then main; returns what main printed.</summary>
    public static string Run(string data_dir = "MNIST_data/", int steps = 1000)
    {
        Out = new TutorialOutput(TextWriter.Null);
        tf.reset_default_graph();
        FLAGS = new Flags { data_dir = data_dir };
        main(steps);
        return Out.Printed;
    }
}

/// <summary>mnist_softmax.py at its full length (1,000 steps of 100; about a second here).</summary>
[Collection("DefaultGraph")]
public class MnistSoftmaxPortTests(ITestOutputHelper output)
{
    [Fact]
    public void Prints_one_test_accuracy_near_the_documented_92_percent()
    {
        string text = MnistSoftmaxPort.Run();
        output.WriteLine(text);
        var printed = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // The program prints exactly one line: the accuracy as a bare float.
        var line = Assert.Single(printed).Trim();
        double accuracy = double.Parse(line, System.Globalization.CultureInfo.InvariantCulture);
        // TensorFlow's beginners tutorial documents "about 92%" for this program; single runs spread ~0.91–0.93
        // (random batches), and a broken gradient or softmax lands near chance (0.1).
        Assert.InRange(accuracy, 0.895, 0.94);
    }
}
