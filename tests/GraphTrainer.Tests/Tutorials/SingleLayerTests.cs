using GraphTrainer.Tutorials;

namespace GraphTrainer.Tests.Tutorials;

/// <summary>Seed 002 on the real MNIST files (full 1,000 steps, a few seconds); fails with the data-missing message if they are absent.</summary>
[Collection("DefaultGraph")]
public class SingleLayerTests
{
    [Fact]
    public void Seed_002_prints_a_falling_cost_for_every_step_and_reports_its_test_accuracy()
    {
        var output = new StringWriter();
        var result = SingleLayer.Run(output);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // One "Cost:  c" line per step, as Python's print("Cost: ", c) writes it.
        Assert.Equal(SingleLayer.Steps, result.Costs.Count);
        Assert.Equal(SingleLayer.Steps, lines.Count(l => l.StartsWith("Cost:  ")));

        // Standard-normal weights start the cross-entropy high (the seed: ~8–13) and 1,000 steps of
        // GradientDescent(0.01) bring it down to a few units (the seed: ~3–5). Averages over windows, since
        // single batches are noisy.
        double first = result.Costs.Take(20).Average(), last = result.Costs.TakeLast(100).Average();
        Assert.InRange(first, 7, 25);
        Assert.InRange(last, 1.5, 6);
        Assert.True(last < first / 2, $"cost fell only from {first:F2} to {last:F2}");

        // The seed stops before measuring accuracy; the port adds it (on all 10,000 test images).
        Assert.StartsWith("Test accuracy: ", lines[^1].Trim());
        Assert.InRange(result.TestAccuracy, 0.3, 1.0);
    }
}
