using GraphTrainer.Data;

namespace GraphTrainer.Tutorials;

/// <summary>
/// Seed 000, ported line for line: a 784-300-10 network with a ReLU hidden layer and softmax output, trained
/// with GradientDescent(0.5) on 1,000 mini-batches of 100 and evaluated on the 10,000 test images.
/// </summary>
public static class MlpGradientDescent
{
    /// <summary>The seed's number of training steps (it calls them epochs).</summary>
    public const int Epochs = 1000;

    /// <summary>Runs the tutorial, printing the test accuracy as the last line.</summary>
    public static TutorialResult Run(TextWriter stdout, int epochs = Epochs)
    {
        tf.reset_default_graph();
        void print(object value) => stdout.WriteLine(value);

        var mnist = input_data.read_data_sets("MNIST_data/", one_hot: true);

        var inputs = tf.placeholder(tf.float32, (Binding.None, 784)); // Our flattened array of a 28x28 image
        var labels = tf.placeholder(tf.float32, (Binding.None, 10)); // Our label (one hot encoded)

        var W1 = tf.Variable(tf.random_normal(new[] { 784, 300 }, stddev: 0.03f), name: "W1");
        var b1 = tf.Variable(tf.zeros(300), name: "b1");
        var W2 = tf.Variable(tf.random_normal(new[] { 300, 10 }, stddev: 0.03f), name: "W2");
        var b2 = tf.Variable(tf.zeros(10), name: "b2");

        var hidden_out = tf.add(tf.matmul(inputs, W1), b1);
        var hidden_out_activated = tf.nn.relu(hidden_out);
        var output = tf.add(tf.matmul(hidden_out_activated, W2), b2);
        var predictions = tf.nn.softmax(output);

        var cross_entropy = tf.reduce_mean(-tf.reduce_sum(labels * tf.log(predictions), reduction_indices: new[] { 1 }));

        var learning_rate = 0.5;
        var batch_size = 100;

        var optimiser = tf.train.GradientDescentOptimizer(learning_rate: learning_rate).minimize(cross_entropy);

        var init = tf.global_variables_initializer();
        var correct_prediction = tf.equal(tf.argmax(labels, 1), tf.argmax(predictions, 1));
        var accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32));

        float result;
        using (var sess = tf.Session())
        {
            sess.run(init);
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                var (batch_xs, batch_ys) = mnist.train.next_batch(batch_size);
                sess.run(optimiser, feed_dict: new() { [inputs] = batch_xs, [labels] = batch_ys });
            }
            result = (float)sess.run(accuracy, feed_dict: new() { [inputs] = mnist.test.images, [labels] = mnist.test.labels });
            print(result);
        }
        return new TutorialResult { TestAccuracy = result };
    }
}
