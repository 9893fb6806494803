using GraphTrainer.Data;
using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Tutorials;

/// <summary>
/// Seed 003 (the "Neural Network" notebook), ported line for line: <c>load_data</c>, <c>randomize</c> and
/// <c>get_next_batch</c> helpers; <c>weight_variable</c> / <c>bias_variable</c> / <c>fc_layer</c> built on
/// <c>tf.get_variable</c>; a 784-200-10 network with named ops (<c>loss</c>, <c>Adamop</c>, <c>correct_pred</c>,
/// <c>accuracy</c>, <c>predictions</c>) trained with Adam(0.001) in an <c>InteractiveSession</c> for 10 epochs of
/// batches of 100; validation on 1,000 images each epoch and a test on the first 1,000 test images; then two
/// 3×3 digit grids ("True: a, Pred: b") written as PNG files instead of shown with matplotlib.
/// </summary>
public static class FcAdam
{
    /// <summary>The seed's number of epochs.</summary>
    public const int Epochs = 10;

    // The seed prints and plots from several functions; Run points these at its output and plot folder.
    private static TutorialOutput Out = new(TextWriter.Null);
    private static string PlotDirectory = TutorialOutput.DefaultPlotDirectory();
    private static readonly List<string> Written = new();
    private static void print(params object[] values) => Out.print(values);

    /// <summary>Runs the notebook's cells in order. Plots go to <paramref name="plot_dir"/> (default <c>data/runs/tutorials/</c>).</summary>
    public static TutorialResult Run(TextWriter stdout, int epochs = Epochs, string plot_dir = null)
    {
        Out = new TutorialOutput(stdout);
        PlotDirectory = plot_dir ?? TutorialOutput.DefaultPlotDirectory();
        Written.Clear();
        tf.reset_default_graph();

        // Data dimensions
        int img_h, img_w;
        img_h = img_w = 28;                 // MNIST images are 28x28
        var img_size_flat = img_h * img_w;  // 28x28=784, the total number of pixels
        var n_classes = 10;                 // Number of classes, one class per digit

        // Load MNIST data
        var (x_train, y_train, x_valid, y_valid) = load_data(mode: "train");
        print("Size of:");
        print(" Trainingset:\t\t{}".format(len(y_train)));
        print(" Validationset:\t{}".format(len(y_valid)));

        print("x_train:\t{}".format(x_train.shape));
        print("y_train:\t{}".format(y_train.shape));
        print("x_train:\t{}".format(x_valid.shape));
        print("y_valid:\t{}".format(y_valid.shape));

        // The notebook displays the value of this cell.
        print(repr(y_valid[":5, :"]));

        // Hyperparameters
        var batch_size = 100;        // Training batch size
        var display_freq = 100;      // Frequency of displaying the training results
        var learning_rate = 0.001;   // The optimization initial learning rate
        var h1 = 200;                // number of nodes in the 1st hidden layer

        // Create the graph for the linear model
        // Placeholders for inputs (x) and outputs(y)
        var x = tf.placeholder(tf.float32, shape: (None, img_size_flat), name: "X");
        var y = tf.placeholder(tf.float32, shape: (None, n_classes), name: "Y");

        // Create a fully-connected layer with h1 nodes as hidden layer
        var fc1 = fc_layer(x, h1, "FC1", use_relu: true);
        // Create a fully-connected layer with n_classes nodes as output layer
        var output_logits = fc_layer(fc1, n_classes, "OUT", use_relu: false);

        // Define the loss function, optimizer, and accuracy
        var loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels: y, logits: output_logits), name: "loss");
        var optimizer = tf.train.AdamOptimizer(learning_rate: learning_rate, name: "Adamop").minimize(loss);
        var correct_prediction = tf.equal(tf.argmax(output_logits, 1), tf.argmax(y, 1), name: "correct_pred");
        var accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32), name: "accuracy");

        // Network predictions
        var cls_prediction = tf.argmax(output_logits, axis: 1, name: "predictions");

        // Create the op for initializing all variables
        var init = tf.global_variables_initializer();

        // Create an interactive session (to keep the session in the other cells)
        var sess = tf.InteractiveSession();
        // Initialize all variables
        sess.run(init);
        // Number of training iterations in each epoch
        var num_tr_iter = (int)(len(y_train) / batch_size);
        foreach (var epoch in range(epochs))
        {
            print("Training epoch: {}".format(epoch + 1));
            // Randomly shuffle the training data at the beginning of each epoch
            (x_train, y_train) = randomize(x_train, y_train);
            foreach (var iteration in range(num_tr_iter))
            {
                var start = iteration * batch_size;
                var end = (iteration + 1) * batch_size;
                var (x_batch, y_batch) = get_next_batch(x_train, y_train, start, end);

                // Run optimization op (backprop)
                var feed_dict_batch = new FeedDict { [x] = x_batch, [y] = y_batch };
                sess.run(optimizer, feed_dict: feed_dict_batch);

                if (iteration % display_freq == 0)
                {
                    // Calculate and display the batch loss and accuracy
                    var (loss_batch, acc_batch) = sess.run((loss, accuracy), feed_dict: feed_dict_batch);

                    print("iter {0:3d}:\t Loss={1:.2f},\tTraining Accuracy={2:.01%}".format(iteration, loss_batch, acc_batch));
                }
            }

            // Run validation after every epoch
            var feed_dict_valid = new FeedDict { [x] = x_valid[":1000"], [y] = y_valid[":1000"] };
            var (loss_valid, acc_valid) = sess.run((loss, accuracy), feed_dict: feed_dict_valid);
            print("");
            print("Epoch: {0}, validation loss: {1:.2f}, validation accuracy: {2:.01%}".format(epoch + 1, loss_valid, acc_valid));
            print("");
        }

        // Test the network after training
        // Accuracy
        var (x_test, y_test) = load_data(mode: "test");
        var feed_dict_test = new FeedDict { [x] = x_test[":1000"], [y] = y_test[":1000"] };
        var (loss_test, acc_test) = sess.run((loss, accuracy), feed_dict: feed_dict_test);
        print("");
        print("Test loss: {0:.2f}, test accuracy: {1:.01%}".format(loss_test, acc_test));
        print("");

        // Plot some of the correct and misclassified examples
        var cls_pred = sess.run(cls_prediction, feed_dict: feed_dict_test);
        var cls_true = np.argmax(y_test[":1000"], axis: 1);
        plot_images(x_test, cls_true, cls_pred, title: "Correct Examples");
        plot_example_errors(x_test[":1000"], cls_true, cls_pred, title: "Misclassified Examples");

        sess.close();

        return new TutorialResult
        {
            TestAccuracy = (float)acc_test,
            Costs = Out.Figures(@"^iter +\d+:\s+Loss=(\S+),"),
            Files = Written.ToList(),
            Extra = new Dictionary<string, object>
            {
                ["validation_accuracies"] = Out.Figures(@"validation accuracy: (\S+)%$").Select(a => a / 100).ToList(),
                ["test_loss"] = (double)(float)loss_test,
                ["printed_test_accuracy"] = Out.Figures(@"test accuracy: (\S+)%$").Single() / 100,
            },
        };
    }

    /// <summary>Loads MNIST: in "train" mode the train and validation images and labels, in "test" mode the test ones.</summary>
    public static NDArray[] load_data(string mode = "train")
    {
        var mnist = input_data.read_data_sets("MNIST_data/", one_hot: true);
        if (mode == "train")
        {
            var (x_train, y_train, x_valid, y_valid) = (mnist.train.images, mnist.train.labels,
                mnist.validation.images, mnist.validation.labels);
            return new[] { x_train, y_train, x_valid, y_valid };
        }
        else if (mode == "test")
        {
            var (x_test, y_test) = (mnist.test.images, mnist.test.labels);
            return new[] { x_test, y_test };
        }
        return null; // Python falls off the end and returns None for any other mode.
    }

    /// <summary>Randomizes the order of data samples and their corresponding labels.</summary>
    public static (NDArray, NDArray) randomize(NDArray x, NDArray y)
    {
        var permutation = np.random.permutation((int)y.shape[0]);
        // numpy's x[permutation, :] is x[permutation] for a 2-D x; NumSharp's mixed-index path is far slower.
        var shuffled_x = x[permutation];
        var shuffled_y = y[permutation];
        return (shuffled_x, shuffled_y);
    }

    /// <summary>Rows start..end of x and y.</summary>
    public static (NDArray, NDArray) get_next_batch(NDArray x, NDArray y, int start, int end)
    {
        var x_batch = x[$"{start}:{end}"];
        var y_batch = y[$"{start}:{end}"];
        return (x_batch, y_batch);
    }

    /// <summary>Creates a weight variable <c>W_name</c> with truncated-normal (stddev 0.01) initialization.</summary>
    public static RefVariable weight_variable(string name, TensorShape shape)
    {
        var initer = tf.truncated_normal_initializer(stddev: 0.01f);
        return tf.get_variable("W_" + name, dtype: tf.float32, shape: shape, initializer: initer);
    }

    /// <summary>Creates a bias variable <c>b_name</c> initialized to zeros from a constant.</summary>
    public static RefVariable bias_variable(string name, TensorShape shape)
    {
        var initial = tf.constant(0.0, shape: shape, dtype: tf.float32);
        return tf.get_variable("b_" + name, dtype: tf.float32, initializer: initial);
    }

    /// <summary>A fully-connected layer: x·W + b, with ReLU when <paramref name="use_relu"/>.</summary>
    public static Tensor fc_layer(Tensor x, int num_units, string name, bool use_relu = true)
    {
        var in_dim = x.get_shape()[1];
        var W = weight_variable(name, shape: new[] { in_dim, num_units });
        var b = bias_variable(name, new[] { num_units });
        var layer = tf.matmul(x, W);
        layer += b;
        if (use_relu)
            layer = tf.nn.relu(layer);
        return layer;
    }

    /// <summary>A 3×3 grid of the first nine images titled "True: a" or "True: a, Pred: b", written as a PNG.</summary>
    public static void plot_images(NDArray images, NDArray cls_true, NDArray cls_pred = null, string title = null)
    {
        // Create figure with 3x3 subplots (matplotlib: fig, axes = plt.subplots(3, 3, figsize=(9, 9))).
        var fig = new DigitGridFigure(3, 3);
        foreach (var i in range(9))
        {
            // Show true and predicted classes.
            string ax_title;
            if (cls_pred is null)
                ax_title = "True: {0}".format(cls_true[i]);
            else
                ax_title = "True: {0}, Pred: {1}".format(cls_true[i], cls_pred[i]);
            // Plot image (matplotlib: ax.imshow(images[i].reshape(28, 28), cmap='binary'); ax.set_title(ax_title)).
            fig.Add(images[i].reshape(28, 28), ax_title);
        }
        if (!string.IsNullOrEmpty(title))
            fig.Title = title;
        // matplotlib shows the figure (plt.show); here it is written to a PNG whose path is printed.
        string file = "fc-adam-" + (title ?? "figure-" + (Written.Count + 1)).ToLowerInvariant().Replace(' ', '-') + ".png";
        var path = fig.SavePng(Path.Combine(PlotDirectory, file));
        Written.Add(path);
        print("Saved figure: " + path);
    }

    /// <summary>Plots the first nine images whose prediction differs from the true label.</summary>
    public static void plot_example_errors(NDArray images, NDArray cls_true, NDArray cls_pred, string title = null)
    {
        // Negate the boolean array.
        var incorrect = np.logical_not(np.equal(cls_pred, cls_true));

        // Get the images from the test-set that have been
        // incorrectly classified.
        var incorrect_images = images[incorrect];

        // Get the true and predicted classes for those images.
        cls_pred = cls_pred[incorrect];
        cls_true = cls_true[incorrect];

        // Plot the first 9 images.
        plot_images(images: incorrect_images["0:9"],
                    cls_true: cls_true["0:9"],
                    cls_pred: cls_pred["0:9"],
                    title: title);
    }
}
