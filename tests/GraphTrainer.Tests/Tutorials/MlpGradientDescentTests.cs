using GraphTrainer.Tutorials;

namespace GraphTrainer.Tests.Tutorials;

/// <summary>Seed 000 on the real MNIST files (CI copies them into data/MNIST_data); fails with the data message if absent.</summary>
[Collection("DefaultGraph")]
public class MlpGradientDescentTests
{
    [Fact]
    public void Seed_000_reaches_96_5_percent_and_prints_the_accuracy_last()
    {
        var output = new StringWriter();
        var result = MlpGradientDescent.Run(output);
        Assert.True(result.TestAccuracy >= 0.965, $"test accuracy {result.TestAccuracy:F4} < 0.965");
        var lastLine = output.ToString().TrimEnd().Split('\n').Last().Trim();
        Assert.Equal(result.TestAccuracy, double.Parse(lastLine, System.Globalization.CultureInfo.InvariantCulture), 4);
    }
}
