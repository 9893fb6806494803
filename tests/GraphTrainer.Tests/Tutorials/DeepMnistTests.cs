using GraphTrainer.Tutorials;

namespace GraphTrainer.Tests.Tutorials;

/// <summary>
/// TensorFlow's Deep MNIST CNN on the real MNIST files, shortened to 1,000 of its 20,000 steps (~30 s on 2 cores). The
/// program is unseeded, as the original, so the threshold leaves room for the spread measured over repeated runs.
/// </summary>
[Collection("DefaultGraph")]
public class DeepMnistTests
{
    private const int Steps = 1000;

    [Fact]
    public void Deep_mnist_prints_training_accuracy_every_100_steps_and_learns()
    {
        var output = new StringWriter();
        var result = DeepMnist.Run(output, Steps);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

        // "step %d, training accuracy %g" for steps 0, 100, …, 900, then "test accuracy %g".
        var steps = lines.Where(l => l.StartsWith("step ")).ToArray();
        Assert.Equal(Enumerable.Range(0, Steps / 100).Select(i => $"step {i * 100}, "), steps.Select(l => l[..(l.IndexOf(',') + 2)]));
        var training = (IReadOnlyList<double>)result.Extra["training_accuracies"];
        Assert.Equal(Steps / 100, training.Count);
        // Training accuracy is measured on one batch of 50: it starts near chance (10 %) and, by the end, most batches are right.
        Assert.InRange(training[0], 0.0, 0.4);
        Assert.True(training.TakeLast(3).Average() >= 0.85, $"late training accuracies {string.Join(", ", training.TakeLast(3))}");

        Assert.StartsWith("test accuracy ", lines[^1]);
        Assert.Equal(result.TestAccuracy, double.Parse(lines[^1]["test accuracy ".Length..], System.Globalization.CultureInfo.InvariantCulture), 4);
        // Five unseeded 1,000-step runs here gave 0.9584–0.9657 (mean 0.963, sd 0.003); 0.94 is 8 sd below, while a broken
        // convolution, pooling or dropout stays far below (a 784-10 softmax model reaches ~0.92).
        Assert.True(result.TestAccuracy >= 0.94, $"test accuracy {result.TestAccuracy:P2} after {Steps} steps");
    }
}
