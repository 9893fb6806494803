using NumSharp;
using static GraphTrainer.Binding;
using static GraphTrainer.Data.datasets;
using static GraphTrainer.Data.model_selection;
using static GraphTrainer.Data.preprocessing;

namespace GraphTrainer.Tutorials;

/// <summary>
/// Seed 001, ported line for line: "MNIST original" (70,000 raw 0–255 images) split 80/20 with random_state 1,
/// a 784-100-100-60-10 network built from <c>tf.get_variable</c> with Xavier weights (seed 1), ReLU hidden layers
/// and a sigmoid output, squared-difference cost, Adam 0.005 for 20 epochs of batches of 1000; then
/// <c>predict</c> on one test image and on the whole test set.
/// <para>Two fixes, each marked FIX. The seed's <c>initialize_parameters</c> stops one layer early as printed, which
/// TensorFlow rejects at graph-build time in <c>calculate_cost</c>. And the seed's data and learning rate cannot give
/// its printed result: with raw 0–255 pixels and Adam(0.005) every sigmoid output reaches exactly 0 within two steps
/// and training stops at chance, in TensorFlow's arithmetic as in ours (notebooks/PORTING.md, seed 001). By default
/// the port therefore scales the pixels to [0, 1] and uses Adam's default rate 0.001, which reproduces the seed's
/// reported accuracy; <c>as_printed: true</c> (CLI <c>--as-printed</c>) runs the seed's own data and rate.</para>
/// </summary>
public static class LayeredAdam
{
    /// <summary>The seed's number of epochs.</summary>
    public const int Epochs = 20;

    /// <summary>The seed's learning rate (the default of its <c>train_parameters</c>); used with <c>as_printed</c>.</summary>
    public const double SeedLearningRate = 0.005;

    /// <summary>The rate the port trains with by default: TensorFlow's default for AdamOptimizer.</summary>
    public const double PortLearningRate = 0.001;

    // The seed prints from several functions; Run points this at its output.
    private static TutorialOutput Out = new(TextWriter.Null);
    private static void print(params object[] values) => Out.print(values);

    /// <summary>Runs the seed's script: load and split the data, train, predict. Returns the printed figures.</summary>
    /// <param name="stdout">Where the script prints.</param>
    /// <param name="epochs">Training epochs (the seed's 20 by default).</param>
    /// <param name="as_printed">Train on the seed's raw pixels at its rate 0.005 (which collapses) instead of the fix.</param>
    public static TutorialResult Run(TextWriter stdout, int epochs = Epochs, bool as_printed = false)
    {
        Out = new TutorialOutput(stdout);
        print(as_printed
            ? "# As printed: raw 0-255 pixels, Adam 0.005 (the seed's settings; training collapses, see PORTING.md)"
            : "# Port fix: pixels scaled to [0, 1], Adam 0.001 (the seed's raw pixels and 0.005 collapse; run with --as-printed)");

        // Load the mnist data
        var data = fetch_mldata("MNIST original");
        // Prepare the data for machine learning
        var X = data.data;
        // FIX (the second change): the seed feeds raw 0–255 pixels to Adam(0.005). One Adam step moves every weight
        // by about the learning rate, so first-layer pre-activations jump by up to 0.005 × Σpixels ≈ 127 and every
        // sigmoid output lands at exactly 0, where SigmoidGrad is exactly 0. Scaled pixels and rate 0.001 train.
        var learning_rate = as_printed ? SeedLearningRate : PortLearningRate;
        if (!as_printed)
            X = X / 255f;
        var y = data.target.reshape(len(X), 1);
        var encoder = new OneHotEncoder();
        encoder.fit(y);
        y = encoder.transform(y).toarray();
        // Divide X and y into a train- and a test set
        var (X_train, X_test, y_train, y_test) = train_test_split(X, y, test_size: 0.2, random_state: 1);

        var layout = new Dictionary<string, int> { ["l0"] = len(X_train[0]), ["l1"] = 100, ["l2"] = 100, ["l3"] = 60, ["l4"] = len(y_train[0]) };

        var parameters = train_parameters(X_train, y_train, X_test, y_test, layout, learning_rate: learning_rate, epochs: epochs);

        var y_predict = predict(X_test[2], parameters)[0];
        var y_actual = list(y_test[2]).index(1);
        print("Predicted label: " + str(y_predict) + "\nActual label: " + str(y_actual));

        var all_predictions = predict(X_test, parameters);
        print(repr(all_predictions));

        return new TutorialResult
        {
            Costs = Out.Figures(@"^Cost after epoch \d+: (\S+)$"),
            TestAccuracy = Out.Figures(@"^Accuracy on the test set: (\S+) %$").Single() / 100,
            Extra = new Dictionary<string, object>
            {
                ["train_accuracy"] = Out.Figures(@"^Accuracy on the training set: (\S+) %$").Single() / 100,
                ["predicted_label"] = Convert.ToInt64(y_predict.GetAtIndex(0)),
                ["actual_label"] = y_actual,
                ["predictions"] = all_predictions,
                ["test_labels"] = np.argmax(y_test, axis: 1),
                ["train_labels"] = np.argmax(y_train, axis: 1),
            },
        };
    }

    /// <summary>Initializes W (current × previous, Xavier) and b (current × 1, zeros) for every layer of <paramref name="layout"/>.</summary>
    public static Dictionary<string, Tensor> initialize_parameters(Dictionary<string, int> layout)
    {
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
            // FIX (the one change to the seed's logic): the seed tests `i == len(layout) - 1`, which stops after
            // W3 (100→60), so the output layer has 60 units while y has 10 and TensorFlow fails in calculate_cost
            // ("Dimensions must be equal, but are 60 and 10 for 'SquaredDifference' ..."). Breaking at
            // len(layout) creates W4 (60→10), the layer the seed's own layout and printed results describe.
            if (i == len(layout))
                break;
        }
        return parameters;
    }

    /// <summary>ReLU hidden layers and a sigmoid output: returns the activation of the output layer.</summary>
    public static Tensor forward_propagation(Tensor X, Dictionary<string, Tensor> parameters)
    {
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

    /// <summary>Mean squared difference between the output activations and the labels.</summary>
    public static Tensor calculate_cost(Tensor A_output, Tensor y, Dictionary<string, Tensor> parameters)
    {
        // We will comepare the calculated labels to the actual ones
        var calculated_labels = tf.transpose(A_output);
        var actual_labels = tf.transpose(y);
        // Determine the cost as
        var cost = tf.reduce_mean(tf.squared_difference(calculated_labels, actual_labels));
        return cost;
    }

    /// <summary>Builds the graph, trains with Adam, prints per-epoch costs and accuracies, and returns the trained parameters.</summary>
    public static Dictionary<string, NDArray> train_parameters(NDArray X_train, NDArray y_train, NDArray X_test, NDArray y_test,
        Dictionary<string, int> layout, double learning_rate = SeedLearningRate, int epochs = 20, int batch_size = 1000)
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

    /// <summary>Predicted label(s) for one image (784 values) or a batch of images, as an int64 array.</summary>
    public static NDArray predict(NDArray X_predict, Dictionary<string, NDArray> parameters)
    {
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
}
