using GraphTrainer.Data;
using NumSharp;
using Xunit.Abstractions;
using static GraphTrainer.Binding;

namespace GraphTrainer.Tests.Ports;

/// <summary>
/// aymericdamien/TensorFlow-Examples <c>tensorflow_v1/examples/2_BasicModels/nearest_neighbor.py</c>: 1-nearest-neighbour
/// classification by L1 distance, 5,000 training images as candidates and 200 test images, one <c>sess.run</c> per test
/// image, printing each prediction and the accuracy. Runs at full length.
/// </summary>
public static class NearestNeighborPort
{
    /// <summary>The script; returns what it printed.</summary>
    public static string Run()
    {
        var Out = new TutorialOutput(TextWriter.Null);
        void print(params object[] values) => Out.print(values);
        tf.reset_default_graph();

        // MNIST
        var mnist = input_data.read_data_sets("MNIST_data/", one_hot: true); // the original reads "/tmp/data/"

        // Only part of MNIST is used
        var (Xtr, Ytr) = mnist.train.next_batch(5000); // 5000 candidates
        var (Xte, Yte) = mnist.test.next_batch(200); // 200 queries

        // Graph inputs
        var xtr = tf.placeholder("float", new[] { None, 784 });
        var xte = tf.placeholder("float", new[] { 784 });

        // L1 distance from the query to every candidate
        var distance = tf.reduce_sum(tf.abs(tf.add(xtr, tf.negative(xte))), reduction_indices: 1);
        // The nearest candidate
#pragma warning disable CS0618 // the program's deprecated tf.arg_min, kept as written
        var pred = tf.arg_min(distance, 0);
#pragma warning restore CS0618

        var accuracy = 0.0;

        // Op that gives every variable its initial value (there are none)
        var init = tf.global_variables_initializer();

        using (var sess = tf.Session())
        {
            // Initialize
            sess.run(init);

            // Every query
            foreach (var i in range(len(Xte)))
            {
                // Index of the nearest candidate
                var nn_index = (int)sess.run(pred, feed_dict: new() { [xtr] = Xtr, [xte] = Xte[$"{i}, :"] });
                // Compare its label with the query's
                print("Test", i, "Prediction:", np.argmax(Ytr[nn_index]),
                    "True Class:", np.argmax(Yte[i]));
                // Count the hits
                if (np.argmax(Ytr[nn_index]) == np.argmax(Yte[i]))
                    accuracy += 1.0 / len(Xte);
            }
            print("Done!");
            print("Accuracy:", accuracy);
        }
        return Out.Printed;
    }
}

/// <summary>nearest_neighbor.py at its full length (200 queries against 5,000 candidates).</summary>
[Collection("DefaultGraph")]
public class NearestNeighborPortTests(ITestOutputHelper output)
{
    [Fact]
    public void Two_hundred_queries_print_their_predictions_and_the_published_accuracy()
    {
        string printed = NearestNeighborPort.Run();
        output.WriteLine(printed[^200..]);
        var lines = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(202, lines.Length);
        var tests = lines.Take(200).Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^Test (\d+) Prediction: (\d) True Class: (\d)$")).ToArray();
        Assert.All(tests, m => Assert.True(m.Success));
        Assert.Equal(Enumerable.Range(0, 200), tests.Select(m => int.Parse(m.Groups[1].Value)));
        Assert.Equal("Done!", lines[200]);
        // The printed accuracy is the share of lines whose prediction matches the class, summed in steps of 1/200.
        double hits = tests.Count(m => m.Groups[2].Value == m.Groups[3].Value) / 200.0;
        double accuracy = LogisticRegressionPort.PrintedAccuracy(printed);
        Assert.Equal(hits, accuracy, 9);
        // The repository's notebook prints 0.92; 1-NN with L1 distance on 5,000 MNIST images is ~0.9, and 200 queries
        // have a binomial spread of ~0.02.
        Assert.InRange(accuracy, 0.83, 0.97);
    }
}
