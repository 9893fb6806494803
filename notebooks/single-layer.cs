#:project ../src/GraphTrainer/GraphTrainer.csproj
#:project ../src/GraphTrainer.Notebooks/GraphTrainer.Notebooks.csproj
// Seed 002 (a single-layer network in its own tf.Graph) as a file-based app and, converted, as single-layer.ipynb.
//   dotnet run notebooks/single-layer.cs                      the tutorial's 1000 steps
//   dotnet run notebooks/single-layer.cs -- --num_steps 300   fewer steps
// See notebooks/README.md for the cell format and how the notebook is generated from this file.

// %% [markdown]
// # Learn TensorFlow Now: a single-layer network
//
// We'll build a neural network that reads handwritten digits, starting with the basics of the graph-and-session model
// (TensorFlow 1.x's, here in C# with GraphTrainer). This is the seed tutorial *single-layer* ported line for line
// (`dotnet run --project src/GraphTrainer.Tutorials -- single-layer` runs this same code as a program).
//
// **Before you start:** make the GraphTrainer packages available to
// the kernel (notebooks/README.md: `dotnet pack` into `artifacts/packages`, registered as a package source) so the
// first cell finds them; MNIST is read from `data/MNIST_data/`. This tutorial builds its own `tf.Graph()` instead of using the
// default graph, so re-running the graph cell replaces the graph rather than adding to it.
//
// ## MNIST dataset
//
// MNIST has 70,000 images of handwritten digits: a training set on which our network learns and a test set against
// which we check how well we've done. Each image is 28×28 pixels (784 values), one channel (not RGB). The labels are
// one-hot encoded: `0` is `1 0 0 0 0 0 0 0 0 0`, `1` is `0 1 0 0 0 0 0 0 0 0`, ... `9` is `0 0 0 0 0 0 0 0 0 1`.

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
// The tutorial trains for `num_steps = 1000` steps (set inside its session block; here in the parameters cell). That
// takes a few seconds, so CI runs all of them; `--set num_steps=300` (`graphtrainer notebook run`) or `-- --num_steps 300`
// (file-based app) would run fewer.

// %% tags=["parameters"]
var num_steps = 1000;

// %%
// Overrides: `dotnet run notebooks/single-layer.cs -- --num_steps 300` for the file-based app, GRAPHTRAINER_PARAM_NAME=VALUE in the
// environment of the kernel (`graphtrainer notebook run --set NAME=VALUE`, CI); none set keeps the values above.
num_steps = NotebookParameters.Get(nameof(num_steps), num_steps);

// %%
var mnist = input_data.read_data_sets("MNIST_data", one_hot: true);

var train_images = mnist.train.images;
var train_labels = mnist.train.labels;

// %% [markdown]
// By default the images are arrays of 784 values. A sample of what they look like, with their labels:

// %%
display(DigitGrid.FromArray(train_images[":10"], np.argmax(train_labels[":10"], axis: 1).ToArray<long>().Select(l => l.ToString())));
display(train_labels[":3"]);

// %% [markdown]
// ## TensorFlow graphs
//
// Training a network takes two steps: create a computational graph, then run data through it so the network can learn
// or make predictions.
//
// ### Creating a computational graph
//
// Nothing in the next lines touches the MNIST data: we only create a graph to feed data to later.
//
// - The first two lines define a graph and make it the default for the operations that follow.
// - `tf.placeholder` creates the nodes we provide values for each time we run the network: `input` (batches of 100
//   images of 784 values) and `labels` (batches of 100 labels of 10 values).
// - `tf.Variable` creates `layer1_weights` (random) and `layer1_bias` (zeros), the values the network adjusts as it
//   sees more examples.
// - `tf.matmul` multiplies the input by the weights and `+` (shorthand for `tf.add`) adds the bias: the `logits`. The
//   output node with the highest value is the network's prediction.
// - `tf.nn.softmax_cross_entropy_with_logits` takes the softmax of the logits and the cross entropy with the labels;
//   the mean over the batch is our `cost`.
// - The `optimizer` updates the variables to minimize `cost`, with gradient descent and a learning rate of 0.01.
//
// (C# note: Python's `with` block does not scope the names assigned inside it, C#'s `using` block does; so the
// graph's nodes are declared before the block.)

// %%
Tensor input, labels, logits, cost;
Operation optimizer;
var graph = tf.Graph();
using (graph.as_default())
{
    input = tf.placeholder(tf.float32, shape: (100, 784));
    labels = tf.placeholder(tf.float32, shape: (100, 10));

    var layer1_weights = tf.Variable(tf.random_normal(new[] { 784, 10 }));
    var layer1_bias = tf.Variable(tf.zeros(new[] { 10 }));

    logits = tf.matmul(input, layer1_weights) + layer1_bias;
    cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits: logits, labels: labels));

    var learning_rate = 0.01;
    optimizer = tf.train.GradientDescentOptimizer(learning_rate).minimize(cost);
}
display(logits);
print($"The graph has {graph.get_operations().Length} operations; the default graph has {tf.get_default_graph().get_operations().Length}.");

// %% [markdown]
// ### Running our neural network
//
// We create a session for our `graph` and initialize the variables (random weights, zero biases). Then 1,000 training
// steps with a `batch_size` of 100: the first three lines of the loop select 100 images and labels, `feed_dict` maps
// the placeholders to them, and `session.run` evaluates `optimizer` and `cost`, storing the results in `o` and `c`.
//
// (Added here: the tutorial ends by asking "What is the accuracy of our trained network?" and "How can we see what its
// predictions actually were?", so the last lines of the block measure the test accuracy — 100 images at a time, as the
// placeholders hold exactly 100 — and keep the first 100 test predictions for the plot below. The costs are also
// collected for a curve.)

// %%
var costs = new List<double>();   // (notebook addition)
double test_accuracy;             // (notebook addition)
NDArray test_predictions;         // (notebook addition)
// TF1's `with tf.Session(graph=graph)` also makes `graph` the default graph; a C# Session does not, so enter it too.
using (graph.as_default())
using (var session = tf.Session(graph: graph))
{
    tf.global_variables_initializer().run();

    var batch_size = 100;
    foreach (var step in range(num_steps))
    {
        var offset = (step * batch_size) % (train_labels.shape[0] - batch_size);
        var batch_images = train_images[$"{offset}:{offset + batch_size}, :"];
        var batch_labels = train_labels[$"{offset}:{offset + batch_size}, :"];
        var feed_dict = new FeedDict { [input] = batch_images, [labels] = batch_labels };

        var (o, c) = session.run((optimizer, cost), feed_dict: feed_dict);
        print("Cost: ", c);
        costs.Add((float)c); // (notebook addition)
    }

    // Added to the seed: the test accuracy, 100 images at a time (the placeholders hold exactly 100).
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
    test_predictions = session.run(tf.argmax(logits, 1), feed_dict: new() { [input] = test_images[":100"] });
}

// %% [markdown]
// ## Results
//
// The cost goes down (it is noisy: each step sees a different batch):

// %%
display(new LineChart("Cost per training step", "step", "cost").Add("batch cost", costs));

// %% [markdown]
// And the network's mistakes among the first 100 test images:

// %%
var test_true = np.argmax(mnist.test.labels[":100"], axis: 1);
var mistakes = Enumerable.Range(0, 100).Where(i => (long)test_true[i] != (long)test_predictions[i]).Take(9).ToList();
print($"{Enumerable.Range(0, 100).Count(i => (long)test_true[i] != (long)test_predictions[i])} of the first 100 test images are misclassified.");
display(new DigitGrid(mistakes.Select(i => DigitImage.FromArray(mnist.test.images[i], $"True: {(long)test_true[i]}, Pred: {(long)test_predictions[i]}")),
    columns: 3) { Scale = 4, Title = "Misclassified Examples" });

// %% [markdown]
// Clearly the cost is going down, but questions remain: how do we know when to stop training? Was 1,000 steps enough?
// How can we improve our network? The following tutorials explore them.
