using System.IO.Compression;

namespace GraphTrainer.Gpu.Tests.Check;

/// <summary>The GPU check's own plumbing: device selection, modes, the cut-down MNIST and reading a tutorial's output.</summary>
[Trait("Category", "Gpu")]
public class CheckHarnessTests
{
    [Theory]
    [InlineData(null, "emulated")]
    [InlineData("", "emulated")]
    [InlineData("emulated", "emulated")]
    [InlineData(" CUDA ", "cuda")]
    public void Test_device_variable_selects_the_emulated_device_or_cuda(string setting, string expected) =>
        Assert.Equal(expected, EmulatedGpu.Requested(setting));

    [Fact]
    public void Unknown_test_device_is_refused_naming_the_variable()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EmulatedGpu.Requested("gpu1"));
        Assert.Contains("GRAPHTRAINER_TEST_GPU=gpu1", error.Message);
    }

    [Fact]
    public void The_device_in_use_is_the_one_the_variable_asks_for() =>
        Assert.Equal(!EmulatedGpu.IsCuda, EmulatedGpu.Device.IsEmulated);

    [Fact]
    public void Check_modes_off_tiny_full()
    {
        Assert.False(CheckSettings.For(null).Enabled);
        Assert.False(CheckSettings.For("off").Enabled);
        var full = CheckSettings.For("full");
        Assert.True(full.Enabled);
        Assert.Null(full.StepsPerEpoch); // whole epochs
        Assert.Null(full.TinyData); // real MNIST
        Assert.Equal(0.95, full.MlpMinAccuracy);
        Assert.Equal(0.94, full.CnnMinAccuracy);
        Assert.Null(full.CnnSkipReason);
        var tiny = CheckSettings.For("Tiny", "4");
        Assert.Equal(4, tiny.TimedEpochs);
        Assert.NotNull(tiny.TinyData);
        Assert.Throws<InvalidOperationException>(() => CheckSettings.For("huge"));
        Assert.Throws<InvalidOperationException>(() => CheckSettings.For("full", "0"));
    }

    [Fact]
    public void Truncated_idx_file_keeps_its_header_with_the_new_row_count()
    {
        string dir = Directory.CreateTempSubdirectory("gt-idx").FullName;
        try
        {
            // An idx3 file of 3 images of 2x2 bytes: magic 0x00000803, dims 3, 2, 2.
            byte[] idx = { 0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
            string source = Path.Combine(dir, "in.gz"), target = Path.Combine(dir, "out.gz");
            using (var gz = new GZipStream(File.Create(source), CompressionLevel.Fastest)) gz.Write(idx);
            TinyMnist.Truncate(source, target, 2);
            using var read = new GZipStream(File.OpenRead(target), CompressionMode.Decompress);
            using var bytes = new MemoryStream();
            read.CopyTo(bytes);
            Assert.Equal(new byte[] { 0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4, 5, 6, 7, 8 }, bytes.ToArray());
            Assert.Throws<ArgumentOutOfRangeException>(() => TinyMnist.Truncate(source, target, 4));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Printed_accuracy_is_read_from_either_tutorial()
    {
        Assert.Equal(0.9712, new TutorialRun("Extracting MNIST_data/x.gz\n0.9712\n3 of the first ...\n", null, 0).PrintedAccuracy());
        Assert.Equal(0.96, new TutorialRun("step 0, training accuracy 0.1\n12\ntest accuracy 0.96\n", null, 0).PrintedAccuracy());
        Assert.Throws<InvalidOperationException>(() => new TutorialRun("no number here\n", null, 0).PrintedAccuracy());
    }

    [Fact]
    public void Epoch_line_has_the_format_the_pytorch_script_prints()
    {
        var timing = new EpochTiming("mlp", new[] { 3.0, 1.0, 2.0 }, 550, 100, 0.97124, 10000, 12, Array.Empty<Operation>());
        Assert.Equal(2.0, timing.Median);
        Assert.Equal("epoch | mlp | graphtrainer | GPU:0 X | median 2.000 s | 3 timed after 1 warm-up | 550 steps x batch 100 | test accuracy 0.9712 (10000 images)",
            timing.Line("GPU:0 X"));
    }
}
