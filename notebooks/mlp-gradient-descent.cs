#:project ../src/GraphTrainer/GraphTrainer.csproj
#:project ../src/GraphTrainer.Notebooks/GraphTrainer.Notebooks.csproj
// Seed 000 (an MLP trained with gradient descent) as a file-based app and, converted, as mlp-gradient-descent.ipynb.
//   dotnet run notebooks/mlp-gradient-descent.cs                   the tutorial's 1000 steps
//   dotnet run notebooks/mlp-gradient-descent.cs -- --epochs 200   fewer steps (what CI runs)
// See notebooks/README.md for the cell format and how the notebook is generated from this file.

// %% [markdown]
// # A neural network for MNIST with gradient descent
//
// We'll build a neural network with GraphTrainer (TensorFlow 1.x's programming model in C#) and teach it to classify
// images of handwritten digits 0–9 from the MNIST dataset. This is the seed tutorial *mlp-gradient-descent* ported
// line for line; `dotnet run --project src/GraphTrainer.Tutorials -- mlp-gradient-descent` runs this same
// code as a program.
//
// **Before you start:** make the GraphTrainer packages available to
// the kernel (notebooks/README.md: `dotnet pack` into `artifacts/packages`, registered as a package source) so the
// first cell finds them, and put the four MNIST files in `data/MNIST_data/`. Cells that build the graph start with
// `tf.reset_default_graph()`: re-running a graph-building cell would otherwise add a second copy of its ops to the
// default graph (`W1_1`, `b1_1`, ...). If you re-run one, re-run from the cell that resets the graph.

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
// The tutorial's hyperparameters. `epochs` is the number of training steps (mini-batches of 100); CI runs fewer with
// `--set epochs=200` (`graphtrainer notebook run`) or `-- --epochs 200` (file-based app).

// %% tags=["parameters"]
var learning_rate = 0.5;
var epochs = 1000;
var batch_size = 100;

// %%
// Overrides: `dotnet run notebooks/mlp-gradient-descent.cs -- --epochs 200` for the file-based app, GRAPHTRAINER_PARAM_NAME=VALUE in the
// environment of the kernel (`graphtrainer notebook run --set NAME=VALUE`, CI); none set keeps the values above.
learning_rate = NotebookParameters.Get(nameof(learning_rate), learning_rate);
epochs = NotebookParameters.Get(nameof(epochs), epochs);
batch_size = NotebookParameters.Get(nameof(batch_size), batch_size);

// %% [markdown]
// ## Our dataset
//
// We download (here: read from `data/MNIST_data/`) the dataset and use one hot encoding, which means we convert
// classifications to a combination of 0's and 1's: the position of the 1 reflects which number it is, so
// `[0,0,0,1,0,0,0,0,0,0]` represents 3. `mnist` holds three parts: `mnist.train` (55,000 images),
// `mnist.test` (10,000) and `mnist.validation` (5,000, not used here).

// %%
// Download the mnist dataset and load it into our mnist variable, we'll use one hot encoding...
var mnist = input_data.read_data_sets("MNIST_data/", one_hot: true);

// %% [markdown]
// Let's take a look at our data: the first ten training images with their labels, and the one-hot labels themselves.

// %%
var first_images = mnist.train.images["0:10"];
var first_labels = np.argmax(mnist.train.labels["0:10"], 1);
display(DigitGrid.FromArray(first_images, first_labels.ToArray<long>().Select(l => l.ToString())));
display(mnist.train.labels["0:5"]);

// %% [markdown]
// ## Forward propagation
//
// GraphTrainer, like TensorFlow, works by having you define a computation graph for your data to flow through, then
// running it in a session. Placeholders are the gateways for data into the graph: one for the images (the input
// neurons) and one for the correct labels. `None` means any number of rows.

// %%
tf.reset_default_graph(); // re-running from here rebuilds the graph instead of adding a second copy
// We'll input this when we ask TF to run, that's why it's called a placeholder
// These will be our input into the NN
// None means we can input as many as we want, 748 is the flattened array of our 28x28 image.
var inputs = tf.placeholder(tf.float32, (None, 784)); // Our flattened array of a 28x28 image
var labels = tf.placeholder(tf.float32, (None, 10)); // Our label (one hot encoded)
display(inputs);

// %% [markdown]
// Next, we define and initialise our weights and biases: 784 input neurons (one per pixel), a hidden layer of 300,
// and an output of 10 neurons for the classes 0–9.

// %%
// Initialise our weights and bias for our input layer to our hidden layer...
// Our input layer has 784 neurons! That's one per pixel in our flattened array of our image.
var W1 = tf.Variable(tf.random_normal(new[] { 784, 300 }, stddev: 0.03f), name: "W1");
var b1 = tf.Variable(tf.zeros(300), name: "b1");
// And the weights connecting the hidden layer to the output layer...
// We pass our 784 input neurons to a hidden layer of 300 neurons, and then an output of 10 neurons (for our 0-9 classification)
var W2 = tf.Variable(tf.random_normal(new[] { 300, 10 }, stddev: 0.03f), name: "W2");
var b2 = tf.Variable(tf.zeros(10), name: "b2");
display(W1);

// %% [markdown]
// We pass the inputs through the first layer (multiply by the weights, add the bias), apply a ReLU activation, then
// the output layer, and a softmax turns the output into a prediction between 0 and 1 per class.

// %%
var hidden_out = tf.add(tf.matmul(inputs, W1), b1);
var hidden_out_activated = tf.nn.relu(hidden_out);
var output = tf.add(tf.matmul(hidden_out_activated, W2), b2);
var predictions = tf.nn.softmax(output);
display(predictions);

// %% [markdown]
// ## Backpropagation
//
// As the graph knows the forward pass, it knows how to do backprop: we only say which cost function to use (cross
// entropy) and how to minimise it (gradient descent with our learning rate).

// %%
var cross_entropy = tf.reduce_mean(-tf.reduce_sum(labels * tf.log(predictions), reduction_indices: new[] { 1 }));
var optimiser = tf.train.GradientDescentOptimizer(learning_rate: learning_rate).minimize(cross_entropy);

// %% [markdown]
// ## Training
//
// We initialise the variables and define how to measure whether a prediction was correct. Then we run the session:
// `epochs` mini-batches of 100 training images, and finally the accuracy on the 10,000 unseen test images.

// %%
var init = tf.global_variables_initializer();
// Define an accuracy assessment operation
var correct_prediction = tf.equal(tf.argmax(labels, 1), tf.argmax(predictions, 1));
var accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32));

// %%
NDArray test_predictions; // (notebook addition) kept for the plots below
using (var sess = tf.Session())
{
    sess.run(init);
    for (int epoch = 0; epoch < epochs; epoch++)
    {
        var (batch_xs, batch_ys) = mnist.train.next_batch(batch_size);
        sess.run(optimiser, feed_dict: new() { [inputs] = batch_xs, [labels] = batch_ys });
    }
    print(sess.run(accuracy, feed_dict: new() { [inputs] = mnist.test.images, [labels] = mnist.test.labels }));
    test_predictions = sess.run(tf.argmax(predictions, 1), feed_dict: new() { [inputs] = mnist.test.images });
}

// %% [markdown]
// About 0.97 after the tutorial's 1,000 steps. Which digits did the network get wrong? The first misclassified test
// images, titled with the true label and the prediction:

// %%
var test_true = np.argmax(mnist.test.labels, 1);
var wrong = Enumerable.Range(0, (int)test_true.size)
    .Where(i => (long)test_true[i] != (long)test_predictions[i]).Take(9).ToArray();
print($"{wrong.Length} of the first misclassified test images:");
display(new DigitGrid(wrong.Select(i => DigitImage.FromArray(mnist.test.images[i],
    $"True: {(long)test_true[i]}, Pred: {(long)test_predictions[i]}")), columns: 3) { Scale = 4 });

// %% [markdown]
// Not bad for a first network. Try tuning it: the hyperparameters, the activation functions or the optimiser. The best
// algorithms get over 99% on this task.
