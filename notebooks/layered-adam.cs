#:project ../src/GraphTrainer/GraphTrainer.csproj
#:project ../src/GraphTrainer.Notebooks/GraphTrainer.Notebooks.csproj
// Seed 001 (a layered network built from functions, trained with Adam) as a file-based app and, converted, as
// layered-adam.ipynb.
//   dotnet run notebooks/layered-adam.cs                  the tutorial's 20 epochs
//   dotnet run notebooks/layered-adam.cs -- --epochs 3    three epochs (what CI runs)
// See notebooks/README.md for the cell format and how the notebook is generated from this file.

// %% [markdown]
// # Recognize handwritten digits with a neural network
//
// This guide creates a neural network that recognizes the handwritten digits of the MNIST dataset with GraphTrainer
// (TensorFlow 1.x's model in C#). We design the network as a series of functions:
//
// - `initialize_parameters` initializes the parameters to be trained,
// - `forward_propagation` computes the output of the network,
// - `calculate_cost` measures how far the output is from the labels,
// - `train_parameters` trains the parameters (backward propagation is done by the optimizer),
// - `predict` labels new images with the trained parameters.
//
// This is the seed tutorial *layered-adam* ported line for line (`dotnet run --project src/GraphTrainer.Tutorials -- layered-adam` runs the
// same code as a program). **Before you start:** make the GraphTrainer packages available to
// the kernel (notebooks/README.md: `dotnet pack` into `artifacts/packages`, registered as a package source) so the
// first cell finds them; MNIST is read from `data/MNIST_data/`. `train_parameters` starts by resetting the
// default graph, so it can be run again without duplicating the graph.

// %%
using GraphTrainer;
using GraphTrainer.Notebooks;
using NumSharp;
using static GraphTrainer.Binding;
using static GraphTrainer.Data.datasets;
using static GraphTrainer.Data.model_selection;
using static GraphTrainer.Data.preprocessing;
using static GraphTrainer.Notebooks.Display; // file-based app only

// %% [markdown]
// ## Parameters
//
// `epochs` is `train_parameters`' default number of passes over the training data (20 in the tutorial). CI runs 3 with
// `--set epochs=3` (`graphtrainer notebook run`) or `-- --epochs 3` (file-based app).

// %% tags=["parameters"]
var epochs = 20;

// %%
// Overrides: `dotnet run notebooks/layered-adam.cs -- --epochs 3` for the file-based app, GRAPHTRAINER_PARAM_NAME=VALUE in the environment of the
// kernel (`graphtrainer notebook run --set NAME=VALUE`, CI); none of them set keeps the values above.
epochs = NotebookParameters.Get(nameof(epochs), epochs);

// %% [markdown]
// ## The data
//
// The tutorial loads MNIST with scikit-learn's `fetch_mldata('MNIST original')`: 70,000 images of raw pixel values
// 0–255 and their digits. The labels are one-hot encoded and the data split into a training set (80%) and a test set
// (20%). (`GraphTrainer.Data` provides stand-ins for these scikit-learn functions, reading `data/MNIST_data/`.)

// %%
// Load the mnist data
var data = fetch_mldata("MNIST original");
// Prepare the data for machine learning
var X = data.data;
var y = data.target.reshape(len(X), 1);
var encoder = new OneHotEncoder();
encoder.fit(y);
y = encoder.transform(y).toarray();
// Divide X and y into a train- and a test set
var (X_train, X_test, y_train, y_test) = train_test_split(X, y, test_size: 0.2, random_state: 1);

// %% [markdown]
// (Added here) the first training images and their labels:

// %%
display(DigitGrid.FromArray(X_train[":10"], np.argmax(y_train[":10"], axis: 1).ToArray<long>().Select(l => l.ToString())));
print("X_train", X_train.shape, "X_test", X_test.shape);

// %% [markdown]
// ## Initialize parameters
//
// The layout of the network is a dictionary of layer sizes; feel free to try different layouts.

// %%
var layout = new Dictionary<string, int> { ["l0"] = len(X_train[0]), ["l1"] = 100, ["l2"] = 100, ["l3"] = 60, ["l4"] = len(y_train[0]) };

// %% [markdown]
// `initialize_parameters(layout)` loops over the layers and creates a weight matrix `W` and a bias vector `b` for each
// with `tf.get_variable`: `b` starts as zeros, but `W` must start random (Xavier), or no node would ever fire.

// %%
Dictionary<string, Tensor> initialize_parameters(Dictionary<string, int> layout)
{
    // Arguments: layout (dict) : Layer sizes of the neural network
    // Returns: parameters (dict) : Initialized parameters
    // Create parameters dictionary to store W and b and initialize counter i
    var parameters = new Dictionary<string, Tensor>();
    var i = 1;
    // Loop over all the hidden layers and the output
    // and save initialized values for W and b in parameters
    foreach (var _ in layout)
    {
        // Define layer conditions
        var W = "W" + str(i);
        var b = "b" + str(i);
        var current_layer_size = layout["l" + str(i)];
        var previous_layer_size = layout["l" + str(i - 1)];
        // Initialize parameters
        parameters[W] = tf.get_variable(W, new[] { current_layer_size, previous_layer_size }, initializer: tf.contrib.layers.xavier_initializer(seed: 1));
        parameters[b] = tf.get_variable(b, new[] { current_layer_size, 1 }, initializer: tf.zeros_initializer());
        // Move to next layer
        i += 1;
        // Stop before output layer (we don't need parameters for this layer)
        // FIX (the one change to the seed's logic, see notebooks/PORTING.md): the seed tests
        // `i == len(layout) - 1`, which stops after W3 (100→60), so the output layer would have 60 units while y has
        // 10 and building the cost fails. Breaking at len(layout) creates W4 (60→10), the layer the layout describes.
        if (i == len(layout))
            break;
    }
    return parameters;
}

// %% [markdown]
// ## Forward propagation
//
// `forward_propagation(X, parameters)` returns the activation of the output layer: ReLU for the hidden layers and a
// sigmoid for the output layer. You are free to play around with these.

// %%
Tensor forward_propagation(Tensor X, Dictionary<string, Tensor> parameters)
{
    // Arguments: X (float array) : Features (X_train); parameters (dict) : Parameters W and b
    // Returns: A_out (tf.Tensor) : The activation function of the output layer
    // Define a dictionary with the input (activation) layer
    // to add more activations as we iterate over the layers
    var temp_dict = new Dictionary<string, Tensor> { ["A0"] = X };
    // Determine the number of layers to iterate over
    var layer_count = (int)(len(parameters) / 2);
    foreach (var i in range(1, layer_count + 1))
    {
        // Define layer conditions
        var W = "W" + str(i);
        var b = "b" + str(i);
        var Z = "Z" + str(i);
        var A = "A" + str(i);
        var A_previous = "A" + str(i - 1);
        // Perform forward propagation
        temp_dict[Z] = tf.add(tf.matmul(tf.cast(temp_dict[A_previous], tf.float32), tf.transpose(parameters[W])), tf.transpose(parameters[b]));
        // Use a relu activation function for the hidden layers
        // and a sigmoid activation function for the output layer
        if (i == layer_count)
            temp_dict[A] = tf.nn.sigmoid(temp_dict[Z]);
        else
            temp_dict[A] = tf.nn.relu(temp_dict[Z]);
    }
    // Return only the activation of the output layer
    var A_output = temp_dict["A" + str(layer_count)];
    return A_output;
}

// %% [markdown]
// ## Calculate cost
//
// The cost tells the optimizer how much to correct the parameters in each iteration. Here it is the mean squared
// difference; `tf.nn.softmax_cross_entropy_with_logits` is another popular choice.

// %%
Tensor calculate_cost(Tensor A_output, Tensor y, Dictionary<string, Tensor> parameters)
{
    // Arguments: A_out (tf.Tensor) : Activation function of output layer; y (float array) : Labels
    // Returns: cost (tf.Tensor) : The activation function of the output layer
    // We will comepare the calculated labels to the actual ones
    var calculated_labels = tf.transpose(A_output);
    var actual_labels = tf.transpose(y);
    // Determine the cost as
    var cost = tf.reduce_mean(tf.squared_difference(calculated_labels, actual_labels));
    return cost;
}

// %% [markdown]
// ## Train parameters (backward propagation)
//
// We don't write the backward propagation ourselves: we define an optimizer (Adam) and run it. `train_parameters`
// puts everything together, prints the cost after each epoch and the accuracy on the training and test sets, and
// returns the trained parameters. (Added here: the epoch costs are also kept in `epoch_costs` for a plot.)

// %%
var epoch_costs = new List<double>(); // (notebook addition) the cost of each epoch, for the plot below

Dictionary<string, NDArray> train_parameters(NDArray X_train, NDArray y_train, NDArray X_test, NDArray y_test,
    Dictionary<string, int> layout, double learning_rate = 0.005, int epochs = 20, int batch_size = 1000)
{
    // Reset to default graph to avoid overwriting tf.variables
    ops.reset_default_graph();
    // Create placeholders of for tensors X and y
    var (m, features_count) = X_train.shape;
    var labels_count = y_train.shape[1];
    var X = tf.placeholder(tf.float32, (None, features_count), name: "X");
    var y = tf.placeholder(tf.float32, (None, labels_count), name: "y");
    // Initialize parameters
    var parameters = initialize_parameters(layout);
    // Do the forward propagation
    var A_output = forward_propagation(X, parameters);
    // Calculate the cost
    var cost = calculate_cost(A_output, y, parameters);
    // Define the tensorflow optimizer to do the back propagation
    var optimizer = tf.train.AdamOptimizer(learning_rate).minimize(cost);
    // Initialize all the variables
    var init = tf.global_variables_initializer();
    // Start the session to compute the tensorflow graph
    using (var sess = tf.Session())
    {
        // Run the global initializer
        sess.run(init);
        // Loop over all epochs while training the model
        foreach (var epoch in range(epochs))
        {
            var epoch_cost = 0.0;
            // Split the data into batches of size batch_size
            foreach (var batch in range((int)(m / batch_size)))
            {
                // Get a batch of X and y
                var X_batch = X_train[$"{batch * batch_size}:{(1 + batch) * batch_size}"];
                var y_batch = y_train[$"{batch * batch_size}:{(1 + batch) * batch_size}"];
                // Run the optimizer
                var (_, batch_cost) = sess.run((optimizer, cost), feed_dict: new() { [X] = X_batch, [y] = y_batch });
                epoch_cost += (double)batch_cost;
            }
            // Print the cost to check if it's decreasing
            print("Cost after epoch " + str(epoch + 1) + ": " + str(epoch_cost));
            epoch_costs.Add(epoch_cost); // (notebook addition)
        }
        print("Training complete!");
        // Check how many of the predictions were correct
        //check_predictions = tf.equal(tf.round(A_output), y)
        var check_predictions = tf.equal(tf.argmax(A_output, axis: 1), tf.argmax(y, axis: 1));
        // Check accuracy on train and test set
        var accuracy = tf.reduce_mean(tf.cast(check_predictions, tf.float32));
        var accuracy_train = accuracy.eval(new() { [X] = X_train, [y] = y_train });
        var accuracy_test = accuracy.eval(new() { [X] = X_test, [y] = y_test });
        print("Accuracy on the training set: " + str(accuracy_train * 100) + " %");
        print("Accuracy on the test set: " + str(accuracy_test * 100) + " %");
        // Save trained parameters
        return sess.run(parameters);
    }
}

// %% [markdown]
// Let's train. The tutorial reports about 97% on the test set after 20 epochs, but that figure cannot come from its code
// as printed: with raw 0–255 pixels and Adam(0.005) the first steps saturate every sigmoid output (class 1's at exactly 1,
// the others at exactly 0), where the sigmoid's gradient is exactly 0, so training stops — the cost stays at 9.95 per
// epoch and the network predicts 1 for every image (about 11%). TensorFlow 1.x, starting from the same seeded weights,
// does the same; `notebooks/PORTING.md` (seed 001) has the details. The last section shows a change that does train.

// %%
var parameters = train_parameters(X_train, y_train, X_test, y_test, layout, epochs: epochs);

// %%
display(new LineChart("Cost per epoch", "epoch", "cost").Add("train", epoch_costs.Select((c, i) => (double)(i + 1)), epoch_costs));

// %% [markdown]
// ## Predict
//
// `predict(X_predict, parameters)` labels new data with the trained parameters.

// %%
NDArray predict(NDArray X_predict, Dictionary<string, NDArray> parameters)
{
    // Arguments: X_predict (float array) : Data for which we want to predict a label; parameters (dict) : The trained model parameters
    // Returns: prediction (int array) : Predicted label(s)
    // Reshape X_predict if necessary
    X_predict = len(X_predict.shape) == 1 ? X_predict.reshape(1, len(X_predict)) : X_predict;
    // Create placeholder for X
    var features_count = len(X_predict.shape) == 1 ? X_predict.shape[0] : X_predict.shape[1];
    var X = tf.placeholder(tf.float32, (None, features_count), name: "X");
    // Do the forward propagation
    // (C# dictionaries are typed: the trained arrays become constant tensors here, as TensorFlow converts
    // numpy arrays passed to its ops.)
    var A_output = forward_propagation(X, parameters.ToDictionary(p => p.Key, p => (Tensor)p.Value));
    // Get the prediction
    var prediction = tf.argmax(A_output, axis: 1);
    // Evaluate the result
    using (tf.Session())
        return prediction.eval(new() { [X] = X_predict });
}

// %% [markdown]
// Let's see what we get for one test image:

// %%
var y_predict = predict(X_test[2], parameters)[0];
var y_actual = list(y_test[2]).index(1);
print("Predicted label: " + str(y_predict) + "\nActual label: " + str(y_actual));
display(DigitImage.FromArray(X_test[2], $"Predicted {str(y_predict)}, actual {str(y_actual)}"));

// %% [markdown]
// Now we predict all labels of `X_test` at once:

// %%
var all_predictions = predict(X_test, parameters);
print(repr(all_predictions));

// %% [markdown]
// (Added here) the first test images the network gets wrong:

// %%
var test_labels = np.argmax(y_test, axis: 1);
var wrong = Enumerable.Range(0, len(all_predictions))
    .Where(i => Convert.ToInt64(all_predictions.GetAtIndex(i)) != Convert.ToInt64(test_labels.GetAtIndex(i))).Take(9).ToList();
display(new DigitGrid(wrong.Select(i => DigitImage.FromArray(X_test[i],
    $"True: {test_labels.GetAtIndex(i)}, Pred: {all_predictions.GetAtIndex(i)}")), columns: 3) { Scale = 4, Title = "Misclassified Examples" });

// %% [markdown]
// ## Making it train (added here)
//
// Scaling the pixels to [0, 1] and lowering the learning rate to 0.001 keeps the sigmoid out of saturation; the same
// functions then learn (about 91% after 3 epochs, more with the tutorial's 20):

// %%
epoch_costs.Clear();
var scaled_parameters = train_parameters(X_train / 255f, y_train, X_test / 255f, y_test, layout, learning_rate: 0.001, epochs: epochs);
display(new LineChart("Cost per epoch, scaled pixels, learning rate 0.001", "epoch", "cost").Add("train", epoch_costs.Select((c, i) => (double)(i + 1)), epoch_costs));

// %% [markdown]
// That was our guide to a deep neural network for image classification: each of the main functions of a neural
// network written with GraphTrainer. You can improve it further by playing with the hyperparameters or adding
// regularization to the cost.
