using System.Globalization;

namespace GraphTrainer.Gpu.Tests.Check;

/// <summary>Training checks run one at a time: tutorials swap the console and the default graph.</summary>
[CollectionDefinition(nameof(GpuTrainingCheck), DisableParallelization = true)]
public sealed class GpuTrainingCheck;

/// <summary>
/// Issue 14's GPU proof: the seed-000 MLP (notebooks/mlp-gradient-descent.cs) and the CNN (notebooks/deep-mnist.cs), their
/// own code, trained on GPU:0 to their accuracies; then epochs of the same graphs timed in a fresh session, printed in
/// the format scripts/gpu_epoch_torch.py uses for PyTorch. Off unless <c>GRAPHTRAINER_CHECK</c> is <c>full</c> (a real
/// GPU, scripts/gpu-check.sh) or <c>tiny</c> (the emulated dry run); see <see cref="CheckSettings"/>.
/// </summary>
[Trait("Category", "GpuCheck")]
[Collection(nameof(GpuTrainingCheck))]
public class GpuTrainingCheckTests
{
    private static readonly CheckSettings Settings = CheckSettings.FromEnvironment();

    [Fact]
    public void Seed000_mlp_trains_on_the_gpu_to_its_accuracy_and_an_epoch_is_timed()
    {
        Assert.SkipUnless(Settings.Enabled, $"set {CheckSettings.ModeVariable}=full (a GPU) or tiny (emulated dry run)");
        using var data = Settings.TinyData is var (train, test) ? new TinyMnist(train, test) : null;
        var parameters = new Dictionary<string, string>();
        if (Settings.MlpTutorialSteps is int steps) parameters["epochs"] = steps.ToString(CultureInfo.InvariantCulture);
        var run = TutorialRun.Start("mlp-gradient-descent", parameters);
        var timing = EpochTimer.Run("mlp", run.Graph, "GradientDescent", batch: 100, Settings.StepsPerEpoch, Settings.TimedEpochs, Settings.EvalRows);
        Report("mlp", "mlp-gradient-descent", parameters, run, timing);
        Verify(run.PrintedAccuracy(), Settings.MlpMinAccuracy, timing);
    }

    [Fact]
    public void Deep_mnist_cnn_trains_on_the_gpu_to_its_accuracy_and_an_epoch_is_timed()
    {
        Assert.SkipWhen(Settings.CnnSkipReason != null, Settings.CnnSkipReason ?? "");
        using var data = Settings.TinyData is var (train, test) ? new TinyMnist(train, test) : null;
        var parameters = new Dictionary<string, string> { ["steps"] = Settings.CnnTutorialSteps.ToString(CultureInfo.InvariantCulture) };
        var run = TutorialRun.Start("deep-mnist", parameters);
        var timing = EpochTimer.Run("cnn", run.Graph, "Adam", batch: 50, Settings.StepsPerEpoch, Settings.TimedEpochs, Settings.EvalRows,
            new Dictionary<string, float> { ["dropout/Placeholder:0"] = 0.5f });
        Report("cnn", "deep-mnist", parameters, run, timing);
        Verify(run.PrintedAccuracy(), Settings.CnnMinAccuracy, timing);
    }

    // Every figure is printed before anything is asserted, so a failing check still reports what it measured.
    private static void Report(string model, string tutorial, Dictionary<string, string> parameters, TutorialRun run, EpochTiming timing)
    {
        string device = DeviceName();
        string args = string.Join(" ", parameters.Select(p => $"--{p.Key} {p.Value}"));
        foreach (var line in run.AccuracyLines()) Console.WriteLine($"tutorial | {model} | {line}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tutorial | {model} | {tutorial} {args} on {device}: test accuracy {run.PrintedAccuracy():0.0000} (minimum {MinAccuracy(model):0.00}), {run.Seconds:0.0} s in all"));
        Console.WriteLine(timing.PlacementLine(device));
        Console.WriteLine(timing.Line(device));
    }

    private static double MinAccuracy(string model) => model == "mlp" ? Settings.MlpMinAccuracy : Settings.CnnMinAccuracy;

    private static void Verify(double accuracy, double minimum, EpochTiming timing)
    {
        Assert.True(accuracy >= minimum, $"the tutorial reached test accuracy {accuracy:0.0000}, below its minimum {minimum:0.00}");
        Assert.All(timing.EpochSeconds, s => Assert.True(s > 0));
        Assert.InRange(timing.TestAccuracy, 0.0, 1.0);
        // On a real GPU every op of the training step must run there (kernels for all of them): a step that silently
        // falls back to the CPU would make the timing meaningless. The emulated dry run only reports it.
        bool allowCpu = !EmulatedGpu.IsCuda || Environment.GetEnvironmentVariable(CheckSettings.AllowCpuOpsVariable) == "1";
        if (!allowCpu)
            Assert.True(timing.OnHost.Count == 0, timing.PlacementLine(DeviceName()) + $" (set {CheckSettings.AllowCpuOpsVariable}=1 to accept)");
    }

    private static string DeviceName() => EmulatedGpu.IsCuda ? $"GPU:0 {EmulatedGpu.Device.Accelerator.Name}" : "GPU:0 emulated (ILGPU CPU accelerator)";
}
