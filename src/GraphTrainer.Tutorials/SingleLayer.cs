using GraphTrainer.Data;
using static GraphTrainer.Binding;

namespace GraphTrainer.Tutorials;

/// <summary>
/// Seed 002 ("Learn TensorFlow Now" part 1), ported line for line: an explicit <c>tf.Graph()</c> made default
/// with <c>graph.as_default()</c>, fixed-shape placeholders [100, 784] / [100, 10], one layer
/// <c>logits = tf.matmul(input, W) + b</c> with standard-normal weights, mean softmax cross-entropy,
/// GradientDescent(0.01) for 1,000 steps of 100 images, printing <c>Cost:  c</c> after every step. The seed stops
/// there; the issue also asks for the test accuracy it reaches, which the last block (marked as an addition)
/// measures and prints.
/// </summary>
public static class SingleLayer
{
    /// <summary>The seed's number of training steps.</summary>
    public const int Steps = 1000;

    /// <summary>Runs the seed; <paramref name="num_steps_override"/> replaces its 1,000 steps.</summary>
    public static TutorialResult Run(TextWriter stdout, int num_steps_override = Steps)
    {
        var output = new TutorialOutput(stdout);
        void print(params object[] values) => output.print(values);

        var mnist = input_data.read_data_sets("MNIST_data", one_hot: true);

        var train_images = mnist.train.images;
        var train_labels = mnist.train.labels;

        double test_accuracy;
        var graph = tf.Graph();
        using (graph.as_default())
        {
            var input = tf.placeholder(tf.float32, shape: (100, 784));
            var labels = tf.placeholder(tf.float32, shape: (100, 10));

            var layer1_weights = tf.Variable(tf.random_normal(new[] { 784, 10 }));
            var layer1_bias = tf.Variable(tf.zeros(new[] { 10 }));

            var logits = tf.matmul(input, layer1_weights) + layer1_bias;
            var cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits: logits, labels: labels));

            var learning_rate = 0.01;
            var optimizer = tf.train.GradientDescentOptimizer(learning_rate).minimize(cost);

            using (var session = tf.Session(graph: graph))
            {
                tf.global_variables_initializer().run();

                var num_steps = num_steps_override;
                var batch_size = 100;
                foreach (var step in range(num_steps))
                {
                    var offset = (step * batch_size) % (train_labels.shape[0] - batch_size);
                    var batch_images = train_images[$"{offset}:{offset + batch_size}, :"];
                    var batch_labels = train_labels[$"{offset}:{offset + batch_size}, :"];
                    var feed_dict = new FeedDict { [input] = batch_images, [labels] = batch_labels };

                    var (o, c) = session.run((optimizer, cost), feed_dict: feed_dict);
                    print("Cost: ", c);
                }

                // Added to the seed (the issue asks for the accuracy it reaches): the placeholders hold exactly
                // 100 images, so the 10,000 test images are scored 100 at a time and the batch accuracies averaged.
                var correct_prediction = tf.equal(tf.argmax(logits, 1), tf.argmax(labels, 1));
                var accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32));
                var test_images = mnist.test.images;
                var test_labels = mnist.test.labels;
                var total = 0.0;
                var test_batches = (int)(test_labels.shape[0] / batch_size);
                foreach (var batch in range(test_batches))
                {
                    var start = batch * batch_size;
                    total += (float)session.run(accuracy, feed_dict: new() { [input] = test_images[$"{start}:{start + batch_size}"], [labels] = test_labels[$"{start}:{start + batch_size}"] });
                }
                test_accuracy = total / test_batches;
                print("Test accuracy: ", test_accuracy);
            }
        }
        return new TutorialResult { Costs = output.Figures(@"^Cost:\s+(\S+)$"), TestAccuracy = test_accuracy };
    }
}
