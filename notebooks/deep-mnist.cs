#:project ../src/GraphTrainer/GraphTrainer.csproj
#:project ../src/GraphTrainer.Notebooks/GraphTrainer.Notebooks.csproj
// TensorFlow's "Deep MNIST for Experts" (tensorflow/examples/tutorials/mnist/mnist_deep.py, r1.2) as a file-based app
// and, converted, as deep-mnist.ipynb.
//   dotnet run notebooks/deep-mnist.cs                     the program's 20,000 steps (~99.2 %)
//   dotnet run notebooks/deep-mnist.cs -- --steps 1000     1,000 steps (what CI runs, ~96 %)
// See notebooks/README.md for the cell format and how the notebook is generated from this file.

// %% [markdown]
// # Deep MNIST: a convolutional network
//
// The multilayer perceptrons of the other tutorials stop near 98 % on MNIST. TensorFlow's *Deep MNIST for Experts*
// builds a small convolutional network instead: two convolution + max-pooling layers learn local image features,
// a fully connected layer of 1,024 units combines them, dropout keeps it from over-fitting, and a softmax layer reads
// out the digit. Trained with Adam for 20,000 steps of 50 images it reaches about 99.2 % on the test set.
// This is `mnist_deep.py` ported line for line (`dotnet run --project src/GraphTrainer.Tutorials -- deep-mnist` runs
// this same code as a program).
//
// **Before you start:** make the GraphTrainer packages available to the kernel (notebooks/README.md: `dotnet pack`
// into `artifacts/packages`, registered as a package source) so the first cell finds them; MNIST is read from
// `data/MNIST_data/`. The *Building blocks* cell starts with `tf.reset_default_graph()`: re-run from there.

// %%
using GraphTrainer;
using GraphTrainer.Data;
using GraphTrainer.Notebooks;
using NumSharp;
using static GraphTrainer.Binding;
using static GraphTrainer.Notebooks.Display; // file-based app only

// %% [markdown]
// ## Parameters
//
// The program trains for 20,000 steps: over an hour on two CPU cores. CI runs 1,000 (`--set steps=1000` with
// `graphtrainer notebook run`, `-- --steps 1000` for the file-based app), which already reaches about 96 %.

// %% tags=["parameters"]
var steps = 20000;

// %%
// Overrides: `dotnet run notebooks/deep-mnist.cs -- --steps 1000` for the file-based app, GRAPHTRAINER_PARAM_NAME=VALUE in
// the environment of the kernel (`graphtrainer notebook run --set NAME=VALUE`, CI); none set keeps the value above.
steps = NotebookParameters.Get(nameof(steps), steps);

// %% [markdown]
// ## Building blocks
//
// `conv2d` convolves with stride 1 and `SAME` padding (zero-padded so the output has the input's size); `max_pool_2x2`
// keeps the largest of each 2×2 block, halving height and width. Weights start as small positive and negative values
// (a truncated normal with standard deviation 0.1) and biases slightly positive (0.1), so the ReLUs start active.

// %%
tf.reset_default_graph(); // re-running the cells below builds a fresh graph rather than a second copy

// conv2d returns a 2d convolution layer with full stride.
Tensor conv2d(Tensor x, Tensor W) => tf.nn.conv2d(x, W, strides: new[] { 1, 1, 1, 1 }, padding: "SAME");

// max_pool_2x2 downsamples a feature map by 2X.
Tensor max_pool_2x2(Tensor x) => tf.nn.max_pool(x, ksize: new[] { 1, 2, 2, 1 }, strides: new[] { 1, 2, 2, 1 }, padding: "SAME");

// weight_variable generates a weight variable of a given shape.
RefVariable weight_variable(int[] shape)
{
    var initial = tf.truncated_normal(shape, stddev: 0.1f);
    return tf.Variable(initial);
}

// bias_variable generates a bias variable of a given shape.
RefVariable bias_variable(int[] shape)
{
    var initial = tf.constant(0.1f, shape: shape);
    return tf.Variable(initial);
}

// %% [markdown]
// ## The network
//
// `deepnn` builds the graph: 28×28×1 images → 32 feature maps (5×5 filters) → pooled to 14×14 → 64 feature maps →
// pooled to 7×7 → 1,024 units → dropout → 10 logits. It returns the logits and the dropout's `keep_prob` placeholder
// (0.5 while training, 1.0 to evaluate).

// %%
// deepnn builds the graph for a deep net for classifying digits.
(Tensor, Tensor) deepnn(Tensor x)
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

    // Fully connected layer 1 -- after 2 round of downsampling, our 28x28 image is down to 7x7x64 feature maps --
    // maps this to 1024 features.
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

// %% [markdown]
// ## main
//
// Read the data (one-hot labels), build the model, the loss (mean softmax cross-entropy), Adam with learning rate
// 1e-4, and the accuracy. Every 100 steps the accuracy on the current batch is printed, measured with dropout off.

// %%
// Import data
var mnist = input_data.read_data_sets("MNIST_data", one_hot: true);

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

// %%
var training_accuracies = new List<double>();   // (notebook addition)
NDArray test_predictions;                       // (notebook addition)
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
            training_accuracies.Add((float)train_accuracy); // (notebook addition)
        }
        train_step.run(feed_dict: new() { [x] = batch.Item1, [y_] = batch.Item2, [keep_prob] = 0.5f });
    }

    print("test accuracy {0:g}".format(accuracy.eval(feed_dict: new() { [x] = mnist.test.images, [y_] = mnist.test.labels, [keep_prob] = 1.0f })));
    test_predictions = sess.run(tf.argmax(y_conv, 1), feed_dict: new() { [x] = mnist.test.images[":100"], [keep_prob] = 1.0f }); // (notebook addition)
}

// %% [markdown]
// ## Results
//
// The accuracy on each 100th training batch climbs quickly, then slowly: most of the last fraction of a percent takes
// most of the 20,000 steps.

// %%
display(new LineChart("Training accuracy (one batch of 50 every 100 steps)", "step", "accuracy")
    .Add("batch accuracy", training_accuracies.Select((a, i) => (double)(i * 100)), training_accuracies));

// %% [markdown]
// The network's mistakes among the first 100 test images:

// %%
var test_true = np.argmax(mnist.test.labels[":100"], axis: 1);
var mistakes = Enumerable.Range(0, 100).Where(i => (long)test_true[i] != (long)test_predictions[i]).Take(9).ToList();
print($"{Enumerable.Range(0, 100).Count(i => (long)test_true[i] != (long)test_predictions[i])} of the first 100 test images are misclassified.");
if (mistakes.Count > 0)
    display(new DigitGrid(mistakes.Select(i => DigitImage.FromArray(mnist.test.images[i], $"True: {(long)test_true[i]}, Pred: {(long)test_predictions[i]}")),
        columns: 3) { Scale = 4, Title = "Misclassified Examples" });
