using System.Globalization;
using System.Text.RegularExpressions;
using GraphTrainer.Data;
using NumSharp;
using Xunit.Abstractions;
using static GraphTrainer.Binding;

namespace GraphTrainer.Tests.Ports;

/// <summary>
/// nlintz/TensorFlow-Tutorials <c>02_logistic_regression.py</c>: a 784→10 linear model (weights N(0, 0.01)) with the
/// fused softmax cross-entropy, gradient descent (0.05) over the training set in slices of 128 for 100 epochs,
/// printing "epoch accuracy" (numpy's mean of argmax agreement on the test set) after each. <paramref name="epochs"/> shortens it.
/// </summary>
public static class NlintzLogisticRegressionPort
{
    private static TutorialOutput Out = new(TextWriter.Null);
    private static void print(params object[] values) => Out.print(values);

    /// <summary>A weight variable drawn from N(0, 0.01).</summary>
    public static RefVariable init_weights(int[] shape) =>
        tf.Variable(tf.random_normal(shape, stddev: 0.01f));

    /// <summary>The model: logits X·w; the cost applies the softmax (the same model as linear regression).</summary>
    public static Tensor model(Tensor X, Tensor w) =>
        tf.matmul(X, w); // softmax and cross-entropy happen together in the cost function

    /// <summary>The script; returns what it printed.</summary>
    public static string Run(int epochs = 100)
    {
        Out = new TutorialOutput(TextWriter.Null);
        tf.reset_default_graph();

        var mnist = input_data.read_data_sets("MNIST_data/", one_hot: true);
        var (trX, trY, teX, teY) = (mnist.train.images, mnist.train.labels, mnist.test.images, mnist.test.labels);

        var X = tf.placeholder("float", new[] { None, 784 }); // symbolic inputs
        var Y = tf.placeholder("float", new[] { None, 10 });

        var w = init_weights(new[] { 784, 10 }); // one shared weight matrix, as for linear regression

        var py_x = model(X, w);

        var cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits: py_x, labels: Y)); // mean cross-entropy; the op applies softmax itself
        var train_op = tf.train.GradientDescentOptimizer(0.05).minimize(cost); // the optimizer
        var predict_op = tf.argmax(py_x, 1); // the predicted class is the largest logit

        // Run the graph in a session
        using (var sess = tf.Session())
        {
            // variables must be initialized first
            tf.global_variables_initializer().run();

            foreach (var i in range(epochs))
            {
                foreach (var (start, end) in zip(range(0, len(trX), 128), range(128, len(trX) + 1, 128)))
                    sess.run(train_op, feed_dict: new() { [X] = trX[$"{start}:{end}"], [Y] = trY[$"{start}:{end}"] });
                print(i, np.mean(np.argmax(teY, axis: 1) ==
                                 sess.run(predict_op, feed_dict: new() { [X] = teX })));
            }
        }
        return Out.Printed;
    }

    /// <summary>The accuracies of the "epoch accuracy" lines the nlintz programs print, checking the epochs count 0, 1, ….</summary>
    public static List<double> EpochAccuracies(string printed)
    {
        var matches = Regex.Matches(printed, @"^(\d+) (0\.\d+|1\.0)\r?$", RegexOptions.Multiline);
        Assert.Equal(Enumerable.Range(0, matches.Count), matches.Select(m => int.Parse(m.Groups[1].Value)));
        return matches.Select(m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).ToList();
    }
}

/// <summary>02_logistic_regression.py shortened to 2 of its 100 epochs.</summary>
[Collection("DefaultGraph")]
public class NlintzLogisticRegressionPortTests(ITestOutputHelper output)
{
    [Fact]
    public void Two_epochs_print_epoch_and_test_accuracy_approaching_softmax_regressions_ceiling()
    {
        string printed = NlintzLogisticRegressionPort.Run(epochs: 2);
        output.WriteLine(printed);
        Assert.Equal(2, printed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var acc = NlintzLogisticRegressionPort.EpochAccuracies(printed);
        Assert.Equal(2, acc.Count);
        // Softmax regression on MNIST tops out near 0.92 (TensorFlow's beginners tutorial); 429 steps of 128 at 0.05
        // already get most of the way (TensorFlow's mnist_softmax gets ~0.92 from 1,000 steps of 100 at 0.5).
        Assert.InRange(acc[0], 0.84, 0.93);
        Assert.InRange(acc[1], 0.86, 0.93);
    }
}
