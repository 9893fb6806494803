using GraphTrainer.Data;
using static GraphTrainer.Binding;

namespace GraphTrainer.Tutorials;

/// <summary>
/// TensorFlow's "Deep MNIST for Experts" (tensorflow/examples/tutorials/mnist/mnist_deep.py, r1.2), ported line for
/// line: conv 5×5×32 → max-pool 2×2 → conv 5×5×64 → max-pool → fc 1024 → dropout → fc 10, Adam 1e-4, batches of 50,
/// 20,000 steps, printing the training accuracy every 100 steps and the test accuracy (≈ 99.2 %) at the end.
/// </summary>
public static class DeepMnist
{
    /// <summary>The program's number of training steps.</summary>
    public const int Steps = 20000;

    /// <summary>deepnn builds the graph for a deep net for classifying digits; returns (y_conv, keep_prob).</summary>
    public static (Tensor, Tensor) deepnn(Tensor x)
    {
        // Reshape to use within a convolutional neural net: the last dimension is for "features" (one, grayscale).
        Tensor x_image;
        using (tf.name_scope("reshape"))
            x_image = tf.reshape(x, new[] { -1, 28, 28, 1 });

        // First convolutional layer - maps one grayscale image to 32 feature maps.
        Tensor h_conv1;
        using (tf.name_scope("conv1"))
        {
            var W_conv1 = weight_variable(new[] { 5, 5, 1, 32 });
            var b_conv1 = bias_variable(new[] { 32 });
            h_conv1 = tf.nn.relu(conv2d(x_image, W_conv1) + b_conv1);
        }

        // Pooling layer - downsamples by 2X.
        Tensor h_pool1;
        using (tf.name_scope("pool1"))
            h_pool1 = max_pool_2x2(h_conv1);

        // Second convolutional layer -- maps 32 feature maps to 64.
        Tensor h_conv2;
        using (tf.name_scope("conv2"))
        {
            var W_conv2 = weight_variable(new[] { 5, 5, 32, 64 });
            var b_conv2 = bias_variable(new[] { 64 });
            h_conv2 = tf.nn.relu(conv2d(h_pool1, W_conv2) + b_conv2);
        }

        // Second pooling layer.
        Tensor h_pool2;
        using (tf.name_scope("pool2"))
            h_pool2 = max_pool_2x2(h_conv2);

        // Fully connected layer 1 -- after 2 round of downsampling, our 28x28 image is down to 7x7x64 feature maps
        // -- maps this to 1024 features.
        Tensor h_fc1;
        using (tf.name_scope("fc1"))
        {
            var W_fc1 = weight_variable(new[] { 7 * 7 * 64, 1024 });
            var b_fc1 = bias_variable(new[] { 1024 });
            var h_pool2_flat = tf.reshape(h_pool2, new[] { -1, 7 * 7 * 64 });
            h_fc1 = tf.nn.relu(tf.matmul(h_pool2_flat, W_fc1) + b_fc1);
        }

        // Dropout - controls the complexity of the model, prevents co-adaptation of features.
        Tensor keep_prob, h_fc1_drop;
        using (tf.name_scope("dropout"))
        {
            keep_prob = tf.placeholder(tf.float32);
            h_fc1_drop = tf.nn.dropout(h_fc1, keep_prob);
        }

        // Map the 1024 features to 10 classes, one for each digit.
        Tensor y_conv;
        using (tf.name_scope("fc2"))
        {
            var W_fc2 = weight_variable(new[] { 1024, 10 });
            var b_fc2 = bias_variable(new[] { 10 });
            y_conv = tf.matmul(h_fc1_drop, W_fc2) + b_fc2;
        }
        return (y_conv, keep_prob);
    }

    /// <summary>conv2d returns a 2d convolution layer with full stride.</summary>
    public static Tensor conv2d(Tensor x, Tensor W) => tf.nn.conv2d(x, W, strides: new[] { 1, 1, 1, 1 }, padding: "SAME");

    /// <summary>max_pool_2x2 downsamples a feature map by 2X.</summary>
    public static Tensor max_pool_2x2(Tensor x) =>
        tf.nn.max_pool(x, ksize: new[] { 1, 2, 2, 1 }, strides: new[] { 1, 2, 2, 1 }, padding: "SAME");

    /// <summary>weight_variable generates a weight variable of a given shape.</summary>
    public static RefVariable weight_variable(int[] shape)
    {
        var initial = tf.truncated_normal(shape, stddev: 0.1f);
        return tf.Variable(initial);
    }

    /// <summary>bias_variable generates a bias variable of a given shape.</summary>
    public static RefVariable bias_variable(int[] shape)
    {
        var initial = tf.constant(0.1f, shape: shape);
        return tf.Variable(initial);
    }

    /// <summary>main(_) of the program; <paramref name="steps"/> replaces its 20,000 training steps.</summary>
    public static TutorialResult Run(TextWriter stdout, int steps = Steps, string data_dir = "MNIST_data")
    {
        var output = new TutorialOutput(stdout);
        void print(params object[] values) => output.print(values);
        tf.reset_default_graph();

        // Import data
        var mnist = input_data.read_data_sets(data_dir, one_hot: true);

        // Create the model
        var x = tf.placeholder(tf.float32, new[] { None, 784 });

        // Define loss and optimizer
        var y_ = tf.placeholder(tf.float32, new[] { None, 10 });

        // Build the graph for the deep net
        var (y_conv, keep_prob) = deepnn(x);

        var cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels: y_, logits: y_conv));
        var train_step = tf.train.AdamOptimizer(1e-4).minimize(cross_entropy);
        var correct_prediction = tf.equal(tf.argmax(y_conv, 1), tf.argmax(y_, 1));
        var accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32));

        double test_accuracy;
        using (var sess = tf.Session())
        {
            sess.run(tf.global_variables_initializer());
            foreach (var i in range(steps))
            {
                var batch = mnist.train.next_batch(50);
                if (i % 100 == 0)
                {
                    var train_accuracy = accuracy.eval(feed_dict: new() { [x] = batch.Item1, [y_] = batch.Item2, [keep_prob] = 1.0f });
                    print("step {0:d}, training accuracy {1:g}".format(i, train_accuracy));
                }
                train_step.run(feed_dict: new() { [x] = batch.Item1, [y_] = batch.Item2, [keep_prob] = 0.5f });
            }
            test_accuracy = (float)accuracy.eval(feed_dict: new() { [x] = mnist.test.images, [y_] = mnist.test.labels, [keep_prob] = 1.0f });
            print("test accuracy {0:g}".format(test_accuracy));
        }
        return new TutorialResult
        {
            TestAccuracy = test_accuracy,
            Extra = new Dictionary<string, object> { ["training_accuracies"] = output.Figures(@"^step \d+, training accuracy (\S+)$") },
        };
    }
}
