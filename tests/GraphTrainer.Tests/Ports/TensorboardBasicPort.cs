using GraphTrainer.Data;
using GraphTrainer.IO;
using GraphTrainer.IO.Proto;
using Xunit.Abstractions;
using static GraphTrainer.Binding;

namespace GraphTrainer.Tests.Ports;

/// <summary>
/// aymericdamien/TensorFlow-Examples <c>tensorflow_v1/examples/4_Utils/tensorboard_basic.py</c>: logistic_regression.py
/// with its ops in name scopes (Model, Loss, SGD, Accuracy), scalar summaries of the loss and accuracy merged and written
/// at every step with a <c>tf.summary.FileWriter</c> that also records the graph. <paramref name="training_epochs"/>
/// shortens it; <paramref name="logs_path"/> replaces '/tmp/tensorflow_logs/example/'.
/// </summary>
public static class TensorboardBasicPort
{
    /// <summary>The script; returns what it printed.</summary>
    public static string Run(string logs_path, int training_epochs = 25)
    {
        var Out = new TutorialOutput(TextWriter.Null);
        void print(params object[] values) => Out.print(values);
        tf.reset_default_graph();

        // MNIST
        var mnist = input_data.read_data_sets("MNIST_data/", one_hot: true); // the original reads "/tmp/data/"

        // Parameters
        var learning_rate = 0.01;
        var batch_size = 100;
        var display_epoch = 1;

        // Graph inputs
        // flattened 28*28 images
        var x = tf.placeholder(tf.float32, new[] { None, 784 }, name: "InputData");
        // one-hot labels, 10 classes
        var y = tf.placeholder(tf.float32, new[] { None, 10 }, name: "LabelData");

        // Weights and biases
        var W = tf.Variable(tf.zeros(new[] { 784, 10 }), name: "Weights");
        var b = tf.Variable(tf.zeros(new[] { 10 }), name: "Bias");

        // Each part of the graph in its own scope, so that TensorBoard's graph view groups it
        Tensor pred, cost, acc;
        Operation optimizer;
        using (tf.name_scope("Model"))
            // The model
            pred = tf.nn.softmax(tf.matmul(x, W) + b); // softmax probabilities
        using (tf.name_scope("Loss"))
            // Cross-entropy, averaged over the batch
            cost = tf.reduce_mean(-tf.reduce_sum(y * tf.log(pred), reduction_indices: 1));
        using (tf.name_scope("SGD"))
            // Plain gradient descent
            optimizer = tf.train.GradientDescentOptimizer(learning_rate).minimize(cost);
        using (tf.name_scope("Accuracy"))
        {
            // Fraction of correct predictions
            acc = tf.equal(tf.argmax(pred, 1), tf.argmax(y, 1));
            acc = tf.reduce_mean(tf.cast(acc, tf.float32));
        }

        // Op that gives every variable its initial value
        var init = tf.global_variables_initializer();

        // Summary of the cost
        tf.summary.scalar("loss", cost);
        // Summary of the accuracy
        tf.summary.scalar("accuracy", acc);
        // One op evaluating every summary
        var merged_summary_op = tf.summary.merge_all();

        // Training
        using (var sess = tf.Session())
        {
            // Initialize
            sess.run(init);

            // Event-file writer, with the graph
            var summary_writer = tf.summary.FileWriter(logs_path, graph: tf.get_default_graph());

            // Epoch loop
            foreach (var epoch in range(training_epochs))
            {
                var avg_cost = 0.0;
                var total_batch = (int)(mnist.train.num_examples / batch_size);
                // Every batch of the epoch
                foreach (var i in range(total_batch))
                {
                    var (batch_xs, batch_ys) = mnist.train.next_batch(batch_size);
                    // One optimizer step, fetching the cost and the summaries too
                    var (_, c, summary) = sess.run((optimizer, cost, merged_summary_op),
                                                   feed_dict: new() { [x] = batch_xs, [y] = batch_ys });
                    // Log every step
                    summary_writer.add_summary(summary, epoch * total_batch + i);
                    // Running mean of the cost
                    avg_cost += (float)c / total_batch;
                }
                // Report every display_epoch epochs
                if ((epoch + 1) % display_epoch == 0)
                    print("Epoch:", "{:04d}".format(epoch + 1), "cost=", "{:.9f}".format(avg_cost)); // Python: '%04d' % (epoch+1)
            }

            print("Optimization Finished!");

            // Evaluate
            print("Accuracy:", acc.eval(new() { [x] = mnist.test.images, [y] = mnist.test.labels }));

            print("Run the command line:\n" +
                  "--> tensorboard --logdir=/tmp/tensorflow_logs " +
                  "\nThen open http://0.0.0.0:6006/ into your web browser");
            // The Python never closes its writer: TensorFlow, and GraphTrainer, flush it at process exit. This test reads the
            // file back inside the same process, before any exit, so the port closes it (the one line it adds).
            summary_writer.close();
        }
        return Out.Printed;
    }
}

/// <summary>tensorboard_basic.py shortened to 1 of its 25 epochs; the event file is read back.</summary>
[Collection("DefaultGraph")]
public class TensorboardBasicPortTests(ITestOutputHelper output)
{
    [Fact]
    public void One_epoch_logs_loss_and_accuracy_at_every_step_and_the_scoped_graph()
    {
        string dir = Path.Combine(Path.GetTempPath(), "gt-ports-" + Guid.NewGuid().ToString("N"));
        try
        {
            string printed = TensorboardBasicPort.Run(dir, training_epochs: 1);
            output.WriteLine(printed);
            var costs = LogisticRegressionPort.EpochCosts(printed);
            // Same model as logistic_regression.py, whose notebook prints 1.182138959 for epoch 1.
            Assert.InRange(Assert.Single(costs), 1.10, 1.27);
            Assert.InRange(LogisticRegressionPort.PrintedAccuracy(printed), 0.80, 0.90);
            Assert.Contains("--> tensorboard --logdir=/tmp/tensorflow_logs \nThen open http://0.0.0.0:6006/", printed.Replace("\r", ""));

            var events = EventFileReader.ReadEvents(Assert.Single(EventFileReader.FindEventFiles(dir)));
            var graph = GraphDef.Parser.ParseFrom(events.Single(e => e.WhatCase == Event.WhatOneofCase.GraphDef).GraphDef);
            Assert.Contains(graph.Node, n => n.Name.StartsWith("Model/"));
            Assert.Contains(graph.Node, n => n.Name.StartsWith("SGD/"));
            var scalars = events.Where(e => e.WhatCase == Event.WhatOneofCase.Summary)
                .SelectMany(e => e.Summary.Value.Select(v => (e.Step, v.Tag, v.SimpleValue))).ToList();
            // 550 steps (55,000 / 100), each with both scalars. The tags are TensorFlow's: a summary's tag is its name
            // scope, and TF 1.x makes names unique ignoring case, so after the scopes "Loss" and "Accuracy" the
            // summaries are tagged "loss_1" and "accuracy_1".
            Assert.Equal(Enumerable.Range(0, 550).Select(i => (long)i), scalars.Where(s => s.Tag == "loss_1").Select(s => s.Step));
            Assert.Equal(550, scalars.Count(s => s.Tag == "accuracy_1"));
            // Zero weights give a uniform softmax, so the first step's loss is ln 10 exactly, and argmax of a uniform
            // row is class 0: the first accuracy is the share of zeros in the batch.
            Assert.Equal(Math.Log(10), scalars.First(s => s.Tag == "loss_1").SimpleValue, 5);
            Assert.InRange(scalars.First(s => s.Tag == "accuracy_1").SimpleValue, 0.0, 0.3);
            // The last 50 steps' mean loss depends on the (unseeded) shuffle: 0.773–0.796 over 15 runs, so 0.85 (about
            // nine standard deviations above their mean) cannot fail by chance, and is still far below ln 10.
            Assert.True(scalars.Where(s => s.Tag == "loss_1").TakeLast(50).Average(s => s.SimpleValue) < 0.85);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
