using GraphTrainer.Cli;
using GraphTrainer.Cli.Commands;

namespace GraphTrainer.Tests.Cli;

/// <summary>
/// <c>--device cpu|gpu</c> of train and bench. This machine has no GPU (CI neither): asking for one is a usage error, and
/// the GPU path itself is proven by GraphTrainer.Gpu.Tests on the emulated device. In the collection of the placement
/// tests, whose fake GPU would otherwise be visible here while registered.
/// </summary>
[Collection("DefaultGraph")]
public class CliDeviceTests
{
    [Theory]
    [InlineData("train")]
    [InlineData("bench")]
    public void Unknown_device_is_a_usage_error_listing_the_choices(string command)
    {
        var r = CliRunner.Run(command, "--device", "tpu");
        CliRunner.AssertUserError(r, ExitCodes.Usage, "unknown value 'tpu' for --device; expected one of: cpu, gpu");
    }

    [Theory]
    [InlineData("train")]
    [InlineData("bench")]
    public void Gpu_without_a_gpu_is_a_usage_error_saying_what_is_needed(string command)
    {
        Assert.False(DeviceChoice.HasGpu, "this test expects a machine without a GPU");
        var r = CliRunner.Run(command, "--device", "gpu");
        CliRunner.AssertUserError(r, ExitCodes.Usage, "--device gpu: no GPU found");
        Assert.Contains("nvidia-smi", r.Error);
    }

    [Fact]
    public void Train_on_the_cpu_says_where_it_runs()
    {
        using var set = new SyntheticIdxSet();
        var r = CliRunner.Run("train", "--data", set.Dir, "--output", set.RunPath("cpu"), "--epochs", "1", "--batch-size", "20",
            "--hidden", "8", "--device", "cpu");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Device: CPU", r.Out);
    }
}
