using System.Globalization;
using System.Text.RegularExpressions;
using GraphTrainer.Data;
using NumSharp;
using Xunit.Abstractions;
using static GraphTrainer.Binding;

namespace GraphTrainer.Tests.Ports;

/// <summary>
/// nlintz/TensorFlow-Tutorials <c>06_autoencoder.py</c>: a denoising auto-encoder with tied weights (784-500-784,
/// sigmoid, uniform ±4·√(6/(784+500)) initialization), inputs corrupted by a Bernoulli(0.7) keep mask, summed squared
/// error, gradient descent (0.02) over slices of 128 for 100 epochs, printing "epoch test-cost" after each; then 100
/// test reconstructions and inputs drawn as image grids (<c>pred_vis.png</c>, <c>in_vis.png</c>) and "Done".
/// <paramref name="epochs"/> and <paramref name="train_examples"/> shorten it; the figures go to <paramref name="plot_dir"/>.
/// </summary>
public static class NlintzDenoisingAutoencoderPort
{
    private static TutorialOutput Out = new(TextWriter.Null);
    private static void print(params object[] values) => Out.print(values);

    // Visualizing reconstructions: matplotlib's GridSpec of imshow cells becomes a DigitGridFigure written as a PNG.
    /// <summary>Draws each row of <paramref name="images"/> as a 28×28 cell of a near-square grid, saved as save_name_vis.png.</summary>
    public static string vis(NDArray images, string save_name)
    {
        var dim = (int)images.shape[0];
        var n_image_rows = (int)Math.Ceiling(Math.Sqrt(dim)); // Python: int(np.ceil(np.sqrt(dim)))
        var n_image_cols = (int)Math.Ceiling(dim * 1.0 / n_image_rows); // Python: int(np.ceil(dim * 1.0/n_image_rows))
        var fig = new DigitGridFigure(n_image_rows, n_image_cols); // GAP (not ours): matplotlib GridSpec/subplot/imshow/ticks
        foreach (var count in range(dim))
            fig.Add(images[count].reshape(28, 28), "");
        return fig.SavePng(save_name + "_vis.png");
    }

    /// <summary>The script; returns what it printed and the figures written.</summary>
    public static (string printed, List<string> files) Run(string plot_dir, int epochs = 100, int train_examples = 55000)
    {
        Out = new TutorialOutput(TextWriter.Null);
        tf.reset_default_graph();
        var files = new List<string>();

        var mnist_width = 28;
        var n_visible = mnist_width * mnist_width;
        var n_hidden = 500;
        var corruption_level = 0.3;

        // input images
        var X = tf.placeholder("float", new[] { None, n_visible }, name: "X");

        // the corruption mask
        var mask = tf.placeholder("float", new[] { None, n_visible }, name: "mask");

        // encoder weights and biases
        var W_init_max = 4 * np.sqrt(6.0 / (n_visible + n_hidden));
        var W_init = tf.random_uniform(shape: new[] { n_visible, n_hidden },
                                       minval: -(float)W_init_max,
                                       maxval: (float)W_init_max);

        var W = tf.Variable(W_init, name: "W");
        var b = tf.Variable(tf.zeros(new[] { n_hidden }), name: "b");

        var W_prime = tf.transpose(W); // the decoder reuses the encoder's weights, transposed
        var b_prime = tf.Variable(tf.zeros(new[] { n_visible }), name: "b_prime");

        Tensor model(Tensor X, Tensor mask, Tensor W, Tensor b, Tensor W_prime, Tensor b_prime)
        {
            var tilde_X = mask * X; // the corrupted input

            var Y = tf.nn.sigmoid(tf.matmul(tilde_X, W) + b); // code
            var Z = tf.nn.sigmoid(tf.matmul(Y, W_prime) + b_prime); // reconstruction
            return Z;
        }

        // the model
        var Z = model(X, mask, W, b, W_prime, b_prime);

        // cost
        var cost = tf.reduce_sum(tf.pow(X - Z, 2)); // summed squared error
        var train_op = tf.train.GradientDescentOptimizer(0.02).minimize(cost); // the optimizer
        var predict_op = Z;
        // MNIST
        var mnist = input_data.read_data_sets("MNIST_data/", one_hot: true);
        var (trX, trY, teX, teY) = (mnist.train.images, mnist.train.labels, mnist.test.images, mnist.test.labels);
        trX = trX[$":{train_examples}"]; // shortening for CI: the first train_examples images only (not in the original)

        // Run the graph in a session
        using (var sess = tf.Session())
        {
            // variables must be initialized first
            tf.global_variables_initializer().run();

            foreach (var i in range(epochs))
            {
                foreach (var (start, end) in zip(range(0, len(trX), 128), range(128, len(trX) + 1, 128)))
                {
                    var input_ = trX[$"{start}:{end}"];
                    var mask_np = np.random.binomial(1, 1 - corruption_level, input_.shape);
                    sess.run(train_op, feed_dict: new() { [X] = input_, [mask] = mask_np });
                }

                var mask_te = np.random.binomial(1, 1 - corruption_level, teX.shape); // Python reuses the name mask_np
                print(i, sess.run(cost, feed_dict: new() { [X] = teX, [mask] = mask_te }));
            }
            // reconstructions of 100 test images
            var mask_100 = np.random.binomial(1, 1 - corruption_level, teX[":100"].shape); // Python reuses the name mask_np
            var predicted_imgs = sess.run(predict_op, feed_dict: new() { [X] = teX[":100"], [mask] = mask_100 });
            var input_imgs = teX[":100"];
            // draw them
            files.Add(vis(predicted_imgs, Path.Combine(plot_dir, "pred")));
            files.Add(vis(input_imgs, Path.Combine(plot_dir, "in")));
            print("Done");
        }
        return (Out.Printed, files);
    }
}

/// <summary>06_autoencoder.py shortened to 1 of its 100 epochs over the first 12,800 training images (100 steps).</summary>
[Collection("DefaultGraph")]
public class NlintzDenoisingAutoencoderPortTests(ITestOutputHelper output)
{
    [Fact]
    public void One_short_epoch_reconstructs_corrupted_test_digits_better_than_the_mean_image()
    {
        string dir = Path.Combine(Path.GetTempPath(), "gt-ports-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (printed, files) = NlintzDenoisingAutoencoderPort.Run(dir, epochs: 1, train_examples: 12800);
            output.WriteLine(printed);
            var lines = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
            Assert.Equal(2, lines.Length);
            var m = Regex.Match(lines[0], @"^0 (\d+(\.\d+)?)$");
            Assert.True(m.Success, lines[0]);
            Assert.Equal("Done", lines[1]);
            // The cost is the squared error summed over the 10,000 test images. Predicting every image as MNIST's mean
            // image costs the pixel variance, ~52 per image; a sigmoid output layer at initialization costs far more.
            // A denoising auto-encoder that has learned anything does better than the mean image from corrupted input.
            double perImage = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) / 10000;
            Assert.InRange(perImage, 1.0, 45.0);
            Assert.Equal(new[] { "pred_vis.png", "in_vis.png" }, files.Select(Path.GetFileName));
            Assert.All(files, f => Assert.True(new FileInfo(f).Length > 1000, f));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
