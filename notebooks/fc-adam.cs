#:project ../src/GraphTrainer/GraphTrainer.csproj
#:project ../src/GraphTrainer.Notebooks/GraphTrainer.Notebooks.csproj
// Seed 003 (a fully-connected network trained with Adam in an InteractiveSession) as a file-based app and, converted,
// as fc-adam.ipynb.
//   dotnet run notebooks/fc-adam.cs                  the tutorial's 10 epochs
//   dotnet run notebooks/fc-adam.cs -- --epochs 1    one epoch (what CI runs)
// See notebooks/README.md for the cell format and how the notebook is generated from this file.

// %% [markdown]
// # Neural Network
//
// In this tutorial, we'll create a simple neural network classifier with GraphTrainer (TensorFlow 1.x's model in C#).
// Its advantage over a linear classifier is that it can separate data which is NOT linearly separable. We implement it
// for classifying images of handwritten digits from the MNIST dataset. The network has 2 layers: a hidden layer with
// 200 units (neurons) and a classifier layer with 10 units, one per class. This is the seed tutorial *fc-adam* ported
// line for line (`dotnet run --project src/GraphTrainer.Tutorials -- fc-adam` runs this same code as a program).
//
// **Before you start:** make the GraphTrainer packages available to
// the kernel (notebooks/README.md: `dotnet pack` into `artifacts/packages`, registered as a package source) so the
// first cell finds them; MNIST is read from `data/MNIST_data/`. The graph is built once, in the cells after
// `tf.reset_default_graph()`; if you re-run one of them, re-run from that cell, or the graph gets a second copy of its
// ops. The `InteractiveSession` opened under *Train* stays the default session for all later cells, whichever thread
// the kernel runs them on.
//
// ## 0. Import the required libraries

// %%
// imports
using GraphTrainer;
using GraphTrainer.Data;
using GraphTrainer.Notebooks;
using NumSharp;
using static GraphTrainer.Binding;
using static GraphTrainer.Notebooks.Display; // file-based app only

// %% [markdown]
// ## 1. Load the MNIST data
//
// The dataset contains 55,000 examples for training, 5,000 for validation and 10,000 for testing. The digits are
// size-normalized and centered in 28×28 images with values from 0 to 1, each flattened to a vector of 784 features.
//
// ### 1.1. Data dimension

// %%
int img_h, img_w;
img_h = img_w = 28;                 // MNIST images are 28x28
var img_size_flat = img_h * img_w;  // 28x28=784, the total number of pixels
var n_classes = 10;                 // Number of classes, one class per digit

// %% [markdown]
// ### 1.2. Helper functions to load the MNIST data
//
// `load_data` has two modes: *train* loads the training and validation images and labels, *test* the test ones.
// `randomize` shuffles images and labels together (we re-shuffle at the start of every epoch), and `get_next_batch`
// selects the images of one mini-batch.

// %%
NDArray[] load_data(string mode = "train")
{
    // Function to (download and) load the MNIST data
    // :param mode: train or test
    // :return: images and the corresponding labels
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

(NDArray, NDArray) randomize(NDArray x, NDArray y)
{
    // Randomizes the order of data samples and their corresponding labels
    var permutation = np.random.permutation((int)y.shape[0]);
    // numpy's x[permutation, :] is x[permutation] for a 2-D x; NumSharp's mixed-index path is far slower.
    var shuffled_x = x[permutation];
    var shuffled_y = y[permutation];
    return (shuffled_x, shuffled_y);
}

(NDArray, NDArray) get_next_batch(NDArray x, NDArray y, int start, int end)
{
    var x_batch = x[$"{start}:{end}"];
    var y_batch = y[$"{start}:{end}"];
    return (x_batch, y_batch);
}

// %% [markdown]
// ### 1.3. Load the data and display the sizes

// %%
// Load MNIST data
var (x_train, y_train, x_valid, y_valid) = load_data(mode: "train");
print("Size of:");
print(" Trainingset:\t\t{}".format(len(y_train)));
print(" Validationset:\t{}".format(len(y_valid)));

// %% [markdown]
// To get a better sense of the data, let's check out the shapes of the loaded arrays.

// %%
print("x_train:\t{}".format(x_train.shape));
print("y_train:\t{}".format(y_train.shape));
print("x_train:\t{}".format(x_valid.shape));
print("y_valid:\t{}".format(y_valid.shape));

// %% [markdown]
// `x_train` and `x_valid` hold 55,000 and 5,000 flattened images; `y_train` and `y_valid` their labels, one-hot
// encoded: a vector of 10 values, all zero except a one at the index of the class. The labels of the first five
// validation images, and (added here) the first ten training images with their labels:

// %%
display(y_valid[":5, :"]);
display(DigitGrid.FromArray(x_train[":10"], np.argmax(y_train[":10"], axis: 1).ToArray<long>().Select(l => l.ToString())));

// %% [markdown]
// ## 2. Hyperparameters
//
// Computing the gradient on all 55,000 images for every update would be slow, so we use stochastic gradient descent on
// small batches. An *epoch* is one forward and backward pass of all training examples, the *batch size* the number of
// examples in one pass, an *iteration* one pass of one batch. This is the notebook's parameters cell: `graphtrainer
// notebook run --set epochs=1` overrides it.

// %% tags=["parameters"]
// Hyper-parameters
var epochs = 10;             // Total number of training epochs
var batch_size = 100;        // Training batch size
var display_freq = 100;      // Frequency of displaying the training results
var learning_rate = 0.001;   // The optimization initial learning rate
var h1 = 200;                // number of nodes in the 1st hidden layer

// %%
// Overrides: `dotnet run notebooks/fc-adam.cs -- --epochs 1` for the file-based app, GRAPHTRAINER_PARAM_NAME=VALUE in the environment of the
// kernel (`graphtrainer notebook run --set NAME=VALUE`, CI); none of them set keeps the values above.
epochs = NotebookParameters.Get(nameof(epochs), epochs);
batch_size = NotebookParameters.Get(nameof(batch_size), batch_size);
learning_rate = NotebookParameters.Get(nameof(learning_rate), learning_rate);

// %% [markdown]
// With these definitions each epoch consists of 55,000 / 100 = 550 iterations.
//
// ## 3. Helper functions for creating the network
//
// ### 3.1. Helper functions for creating new variables
//
// The weights **W** and biases **b** of the model are variables of the proper size and initialization:

// %%
// weight and bias wrappers
RefVariable weight_variable(string name, TensorShape shape)
{
    // Create a weight variable with appropriate initialization
    // :param name: weight name
    // :param shape: weight shape
    // :return: initialized weight variable
    var initer = tf.truncated_normal_initializer(stddev: 0.01f);
    return tf.get_variable("W_" + name, dtype: tf.float32, shape: shape, initializer: initer);
}

RefVariable bias_variable(string name, TensorShape shape)
{
    // Create a bias variable with appropriate initialization
    // :param name: bias variable name
    // :param shape: bias variable shape
    // :return: initialized bias variable
    var initial = tf.constant(0.0, shape: shape, dtype: tf.float32);
    return tf.get_variable("b_" + name, dtype: tf.float32, initializer: initial);
}

// %% [markdown]
// ### 3.2. Helper function for creating a fully-connected layer
//
// A fully-connected (dense) layer computes *activation*(**W** × **x** + **b**):

// %%
Tensor fc_layer(Tensor x, int num_units, string name, bool use_relu = true)
{
    // Create a fully-connected layer
    // :param x: input from previous layer
    // :param num_units: number of hidden units in the fully-connected layer
    // :param name: layer name
    // :param use_relu: boolean to add ReLU non-linearity (or not)
    // :return: The output array
    var in_dim = x.get_shape()[1];
    var W = weight_variable(name, shape: new[] { in_dim, num_units });
    var b = bias_variable(name, new[] { num_units });
    var layer = tf.matmul(x, W);
    layer += b;
    if (use_relu)
        layer = tf.nn.relu(layer);
    return layer;
}

// %% [markdown]
// ## 4. Create the network graph
//
// ### 4.1. Placeholders for the inputs (x) and corresponding labels (y)
//
// Placeholders let us feed the images and labels into the graph. `None` means the tensor may hold any number of images.
// (`tf.reset_default_graph()` first, so re-running from here rebuilds the graph instead of adding to it.)

// %%
tf.reset_default_graph();
// Create the graph for the linear model
// Placeholders for inputs (x) and outputs(y)
var x = tf.placeholder(tf.float32, shape: (None, img_size_flat), name: "X");
var y = tf.placeholder(tf.float32, shape: (None, n_classes), name: "Y");
display(x);

// %% [markdown]
// ### 4.2. Create the network layers
//
// We stack two fully-connected layers. The last has no activation (`use_relu: false`) because
// `tf.nn.softmax_cross_entropy_with_logits` computes the loss from the logits.

// %%
// Create a fully-connected layer with h1 nodes as hidden layer
var fc1 = fc_layer(x, h1, "FC1", use_relu: true);
// Create a fully-connected layer with n_classes nodes as output layer
var output_logits = fc_layer(fc1, n_classes, "OUT", use_relu: false);
display(tf.trainable_variables());

// %% [markdown]
// ### 4.3. Define the loss function, optimizer, accuracy, and predicted class

// %%
// Define the loss function, optimizer, and accuracy
var loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels: y, logits: output_logits), name: "loss");
var optimizer = tf.train.AdamOptimizer(learning_rate: learning_rate, name: "Adamop").minimize(loss);
var correct_prediction = tf.equal(tf.argmax(output_logits, 1), tf.argmax(y, 1), name: "correct_pred");
var accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32), name: "accuracy");

// Network predictions
var cls_prediction = tf.argmax(output_logits, axis: 1, name: "predictions");

// %% [markdown]
// ### 4.4. Initialize all variables

// %%
// Create the op for initializing all variables
var init = tf.global_variables_initializer();

// %% [markdown]
// ## 5. Train
//
// We create a session and run the graph in it. An `InteractiveSession` stays the default session for the other cells.
// (Added here: the batch losses and the validation accuracies are also collected for the curves below.)

// %%
// Create an interactive session (to keep the session in the other cells)
var sess = tf.InteractiveSession();
// Initialize all variables
sess.run(init);
// Number of training iterations in each epoch
var num_tr_iter = (int)(len(y_train) / batch_size);
var loss_curve = new List<double>(); var validation_curve = new List<double>(); // (notebook addition) for the plots
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
            loss_curve.Add((float)loss_batch); // (notebook addition)

            print("iter {0:3d}:\t Loss={1:.2f},\tTraining Accuracy={2:.01%}".format(iteration, loss_batch, acc_batch));
        }
    }

    // Run validation after every epoch
    var feed_dict_valid = new FeedDict { [x] = x_valid[":1000"], [y] = y_valid[":1000"] };
    var (loss_valid, acc_valid) = sess.run((loss, accuracy), feed_dict: feed_dict_valid);
    validation_curve.Add((float)acc_valid); // (notebook addition)
    print("");
    print("Epoch: {0}, validation loss: {1:.2f}, validation accuracy: {2:.01%}".format(epoch + 1, loss_valid, acc_valid));
    print("");
}

// %% [markdown]
// The batch loss every `display_freq` iterations, and the validation accuracy after each epoch:

// %%
display(new LineChart("Training loss", $"iteration / {display_freq}", "loss").Add("batch loss", loss_curve));
display(new LineChart("Validation accuracy", "epoch", "accuracy").Add("validation", validation_curve.Select((a, i) => (double)(i + 1)), validation_curve));

// %% [markdown]
// ## 6. Test
//
// ### 6.1. Accuracy
//
// The session is still open (and still the default one), so this cell evaluates the trained network directly.

// %%
// Test the network after training
// Accuracy
var (x_test, y_test) = load_data(mode: "test");
var feed_dict_test = new FeedDict { [x] = x_test[":1000"], [y] = y_test[":1000"] };
var (loss_test, acc_test) = sess.run((loss, accuracy), feed_dict: feed_dict_test);
print("");
print("Test loss: {0:.2f}, test accuracy: {1:.01%}".format(loss_test, acc_test));
print("");

// %% [markdown]
// ### 6.2. Plot some results
//
// Looking at inputs and results tells more than the accuracy: even at a decent accuracy all samples could fall in one
// class, and the plots show which examples the model fails on. `plot_images` shows a 3×3 grid of images titled with the
// true (and predicted) classes; `plot_example_errors` the first nine misclassified ones. (matplotlib's figure becomes a
// `DigitGrid`, displayed as a PNG in the notebook and as character art in a terminal.)

// %%
void plot_images(NDArray images, NDArray cls_true, NDArray cls_pred = null, string title = null)
{
    // Create figure with 3x3 sub-plots.
    // :param images: array of images to be plotted, (9, img_h*img_w)
    // :param cls_true: corresponding true labels (9,)
    // :param cls_pred: corresponding true labels (9,)
    var axes = new List<DigitImage>(); // fig, axes = plt.subplots(3, 3, figsize=(9, 9))
    foreach (var i in range(9))
    {
        // Show true and predicted classes.
        string ax_title;
        if (cls_pred is null)
            ax_title = "True: {0}".format(cls_true[i]);
        else
            ax_title = "True: {0}, Pred: {1}".format(cls_true[i], cls_pred[i]);
        // Plot image.
        axes.Add(DigitImage.FromArray(images[i].reshape(28, 28), ax_title));
    }
    var fig = new DigitGrid(axes, columns: 3) { Scale = 4 };
    if (!string.IsNullOrEmpty(title))
        fig.Title = title;
    display(fig); // plt.show(block=False)
}

void plot_example_errors(NDArray images, NDArray cls_true, NDArray cls_pred, string title = null)
{
    // Function for plotting examples of images that have been mis-classified
    // :param images: array of all images, (#imgs, img_h*img_w)
    // :param cls_true: corresponding true labels, (#imgs,)
    // :param cls_pred: corresponding predicted labels, (#imgs,)
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

// %% [markdown]
// #### Visualize correct and misclassified examples

// %%
// Plot some of the correct and misclassified examples
var cls_pred = sess.run(cls_prediction, feed_dict: feed_dict_test);
var cls_true = np.argmax(y_test[":1000"], axis: 1);
plot_images(x_test, cls_true, cls_pred, title: "Correct Examples");
plot_example_errors(x_test[":1000"], cls_true, cls_pred, title: "Misclassified Examples");

// %% [markdown]
// After we finish, we close the session to free the memory. We could also have used
// `using (var sess = tf.Session()) { ... }`, as in the other tutorials.

// %%
sess.close();
