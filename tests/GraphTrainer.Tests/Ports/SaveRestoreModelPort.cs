using System.Globalization;
using System.Text.RegularExpressions;
using GraphTrainer.Data;
using Xunit.Abstractions;
using static GraphTrainer.Binding;

namespace GraphTrainer.Tests.Ports;

/// <summary>
/// aymericdamien/TensorFlow-Examples <c>tensorflow_v1/examples/4_Utils/save_restore_model.py</c>: a 784-256-256-10
/// ReLU network (standard-normal weights), Adam (0.001); a first session trains 3 epochs, prints the test accuracy
/// and saves every variable with <c>tf.train.Saver</c>; a second session initializes, restores the checkpoint and
/// resumes for 7 epochs. <paramref name="first_epochs"/>/<paramref name="second_epochs"/> shorten the two loops;
/// <paramref name="model_path"/> replaces "/tmp/model.ckpt".
/// </summary>
public static class SaveRestoreModelPort
{
    /// <summary>The model: two ReLU hidden layers of 256 and a linear output layer.</summary>
    public static Tensor multilayer_perceptron(Tensor x, Dictionary<string, RefVariable> weights, Dictionary<string, RefVariable> biases)
    {
        // Hidden layer 1, ReLU
        var layer_1 = tf.add(tf.matmul(x, weights["h1"]), biases["b1"]);
        layer_1 = tf.nn.relu(layer_1);
        // Hidden layer 2, ReLU
        var layer_2 = tf.add(tf.matmul(layer_1, weights["h2"]), biases["b2"]);
        layer_2 = tf.nn.relu(layer_2);
        // Linear output layer
        var out_layer = tf.matmul(layer_2, weights["out"]) + biases["out"];
        return out_layer;
    }

    /// <summary>The script; returns what it printed.</summary>
    public static string Run(string model_path, int first_epochs = 3, int second_epochs = 7)
    {
        var Out = new TutorialOutput(TextWriter.Null);
        void print(params object[] values) => Out.print(values);
        tf.reset_default_graph();

        // MNIST
        var mnist = input_data.read_data_sets("MNIST_data/", one_hot: true);

        // Parameters
        var learning_rate = 0.001;
        var batch_size = 100;
        var display_step = 1;

        // Network parameters
        var n_hidden_1 = 256; // hidden layer 1 width
        var n_hidden_2 = 256; // hidden layer 2 width
        var n_input = 784; // flattened 28*28 image
        var n_classes = 10; // digits 0-9

        // Graph inputs
        var x = tf.placeholder("float", new[] { None, n_input });
        var y = tf.placeholder("float", new[] { None, n_classes });

        // Weights and biases of every layer
        var weights = new Dictionary<string, RefVariable>
        {
            ["h1"] = tf.Variable(tf.random_normal(new[] { n_input, n_hidden_1 })),
            ["h2"] = tf.Variable(tf.random_normal(new[] { n_hidden_1, n_hidden_2 })),
            ["out"] = tf.Variable(tf.random_normal(new[] { n_hidden_2, n_classes })),
        };
        var biases = new Dictionary<string, RefVariable>
        {
            ["b1"] = tf.Variable(tf.random_normal(new[] { n_hidden_1 })),
            ["b2"] = tf.Variable(tf.random_normal(new[] { n_hidden_2 })),
            ["out"] = tf.Variable(tf.random_normal(new[] { n_classes })),
        };

        // The model
        var pred = multilayer_perceptron(x, weights, biases);

        // Loss and optimizer
        var cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits: pred, labels: y));
        var optimizer = tf.train.AdamOptimizer(learning_rate: learning_rate).minimize(cost);

        // Op that gives every variable its initial value
        var init = tf.global_variables_initializer();

        // A Saver for all variables
        var saver = tf.train.Saver();

        // First session
        print("Starting 1st session...");
        string save_path;
        using (var sess = tf.Session())
        {
            // Initialize
            sess.run(init);

            // Epoch loop
            foreach (var epoch in range(first_epochs))
            {
                var avg_cost = 0.0;
                var total_batch = (int)(mnist.train.num_examples / batch_size);
                // Every batch of the epoch
                foreach (var i in range(total_batch))
                {
                    var (batch_x, batch_y) = mnist.train.next_batch(batch_size);
                    // One optimizer step, fetching the batch's cost as well
                    var (_, c) = sess.run((optimizer, cost), feed_dict: new() { [x] = batch_x,
                                                                               [y] = batch_y });
                    // Running mean of the cost
                    avg_cost += (float)c / total_batch;
                }
                // Report every display_step epochs
                if (epoch % display_step == 0)
                    print("Epoch:", "{:04d}".format(epoch + 1), "cost=",
                        "{:.9f}".format(avg_cost)); // Python: '%04d' % (epoch+1)
            }
            print("First Optimization Finished!");

            // Evaluate
            var correct_prediction = tf.equal(tf.argmax(pred, 1), tf.argmax(y, 1));
            // Fraction of correct predictions
            var accuracy = tf.reduce_mean(tf.cast(correct_prediction, "float"));
            print("Accuracy:", accuracy.eval(new() { [x] = mnist.test.images, [y] = mnist.test.labels }));

            // Write the variables to disk
            save_path = saver.save(sess, model_path);
            print("Model saved in file: {}".format(save_path)); // Python: "... %s" % save_path
        }

        // Second session
        print("Starting 2nd session...");
        using (var sess = tf.Session())
        {
            // Initialize
            sess.run(init);

            // Overwrite the fresh values with the saved ones
            saver.restore(sess, model_path);
            print("Model restored from file: {}".format(save_path)); // Python: "... %s" % save_path

            // Carry on training
            foreach (var epoch in range(second_epochs))
            {
                var avg_cost = 0.0;
                var total_batch = (int)(mnist.train.num_examples / batch_size);
                // Every batch of the epoch
                foreach (var i in range(total_batch))
                {
                    var (batch_x, batch_y) = mnist.train.next_batch(batch_size);
                    // One optimizer step, fetching the batch's cost as well
                    var (_, c) = sess.run((optimizer, cost), feed_dict: new() { [x] = batch_x,
                                                                               [y] = batch_y });
                    // Running mean of the cost
                    avg_cost += (float)c / total_batch;
                }
                // Report every display_step epochs
                if (epoch % display_step == 0)
                    print("Epoch:", "{:04d}".format(epoch + 1), "cost=",
                        "{:.9f}".format(avg_cost)); // Python: '%04d' % (epoch + 1)
            }
            print("Second Optimization Finished!");

            // Evaluate
            var correct_prediction = tf.equal(tf.argmax(pred, 1), tf.argmax(y, 1));
            // Fraction of correct predictions
            var accuracy = tf.reduce_mean(tf.cast(correct_prediction, "float"));
            print("Accuracy:", accuracy.eval(
                new() { [x] = mnist.test.images, [y] = mnist.test.labels }));
        }
        return Out.Printed;
    }
}

/// <summary>save_restore_model.py shortened to 1 + 1 of its 3 + 7 epochs.</summary>
[Collection("DefaultGraph")]
public class SaveRestoreModelPortTests(ITestOutputHelper output)
{
    [Fact]
    public void The_second_session_resumes_from_the_checkpoint_instead_of_starting_over()
    {
        string dir = Path.Combine(Path.GetTempPath(), "gt-ports-" + Guid.NewGuid().ToString("N"));
        try
        {
            string model_path = Path.Combine(dir, "model.ckpt");
            string printed = SaveRestoreModelPort.Run(model_path, first_epochs: 1, second_epochs: 1);
            output.WriteLine(printed);
            var lines = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
            Assert.Equal("Starting 1st session...", lines[0]);
            Assert.Equal("First Optimization Finished!", lines[2]);
            Assert.Equal("Model saved in file: " + model_path, lines[4]);
            Assert.Equal("Starting 2nd session...", lines[5]);
            Assert.Equal("Model restored from file: " + model_path, lines[6]);
            Assert.Equal("Second Optimization Finished!", lines[8]);
            Assert.True(tf.train.checkpoint_exists(model_path), "checkpoint written");

            var costs = LogisticRegressionPort.EpochCosts(printed);
            Assert.Equal(2, costs.Count);
            var acc = Regex.Matches(printed, @"^Accuracy: (\S+)\r?$", RegexOptions.Multiline)
                .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();
            // Standard-normal weights through ReLU layers of 256 start with huge logits, so the first epoch's mean cost
            // is large. Had the second session kept its fresh initialization (restore failing), its first epoch would
            // cost as much again; resumed from the checkpoint it is a fraction of it.
            Assert.True(costs[0] > 10, $"first-session cost {costs[0]}");
            Assert.True(costs[1] < costs[0] / 3, $"costs {costs[0]} then {costs[1]}");
            // One epoch gives a partly trained net (the original's 3 + 7 epochs reach ~0.94); the resumed one is better.
            Assert.InRange(acc[0], 0.75, 0.97);
            Assert.InRange(acc[1], acc[0] - 0.02, 0.99);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
