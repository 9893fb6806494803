using System.Buffers.Binary;
using GraphTrainer.Tutorials;
using SkiaSharp;

namespace GraphTrainer.Tests.Tutorials;

/// <summary>Seed 003 on the real MNIST files (full 10 epochs, ~30 s here) and the digit-grid figure it plots with.</summary>
[Collection("DefaultGraph")]
public class FcAdamTests : IDisposable
{
    private readonly string _plots = Path.Combine(Path.GetTempPath(), "gt-fc-adam-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_plots)) Directory.Delete(_plots, recursive: true);
    }

    /// <summary>Width and height from a PNG's IHDR chunk, after checking the signature; then a full decode.</summary>
    internal static (int Width, int Height) PngSize(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 33, $"{path} is too short to be a PNG");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        int width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        using var decoded = SKBitmap.Decode(bytes);
        Assert.NotNull(decoded);
        Assert.Equal((width, height), (decoded.Width, decoded.Height));
        return (width, height);
    }

    [Fact]
    public void Seed_003_reaches_97_percent_on_the_first_1000_test_images_and_writes_both_plots()
    {
        var output = new StringWriter();
        var result = FcAdam.Run(output, plot_dir: _plots);
        var lines = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        Assert.Contains(" Trainingset:\t\t55000", lines);
        Assert.Contains(" Validationset:\t5000", lines);
        Assert.Contains("x_train:\t(55000, 784)", lines);
        Assert.Contains("y_valid:\t(5000, 10)", lines);
        Assert.Equal(FcAdam.Epochs, lines.Count(l => l.StartsWith("Training epoch: ")));
        // 550 iterations per epoch, displayed every 100: iter 0, 100, ..., 500.
        Assert.Equal(6 * FcAdam.Epochs, result.Costs.Count);
        Assert.Contains(lines, l => l.StartsWith("iter   0:\t Loss="));
        Assert.True(result.Costs.TakeLast(6).Average() < result.Costs.Take(6).Average());

        var validation = (List<double>)result.Extra["validation_accuracies"];
        Assert.Equal(FcAdam.Epochs, validation.Count);
        Assert.True(validation[^1] >= 0.95, $"last validation accuracy {validation[^1]:P1}");

        Assert.True(result.TestAccuracy >= 0.97, $"test accuracy {result.TestAccuracy:P2} < 97 %");
        Assert.Equal(result.TestAccuracy, (double)result.Extra["printed_test_accuracy"], 3);

        Assert.Equal(2, result.Files.Count);
        Assert.EndsWith("fc-adam-correct-examples.png", result.Files[0]);
        Assert.EndsWith("fc-adam-misclassified-examples.png", result.Files[1]);
        foreach (var file in result.Files)
        {
            Assert.StartsWith(Path.GetFullPath(_plots), file);
            Assert.Equal((900, 900), PngSize(file));
            Assert.Contains("Saved figure: " + file, lines);
        }
    }

    [Fact]
    public void Digit_grid_figure_renders_a_titled_3x3_png()
    {
        var figure = new DigitGridFigure(3, 3) { Title = "Correct Examples", Width = 450, Height = 480 };
        var pixels = new float[784];
        for (int i = 0; i < 28; i++) pixels[i * 28 + i] = 1f;
        for (int n = 0; n < 9; n++) figure.Add(pixels, $"True: {n}, Pred: {n}");
        Assert.Throws<ArgumentException>(() => figure.Add(pixels, "tenth"));
        Assert.Throws<ArgumentException>(() => new DigitGridFigure(1, 1).Add(new float[10], "not square"));
        string path = figure.SavePng(Path.Combine(_plots, "grid.png"));
        Assert.Equal((450, 480), PngSize(path));
        Assert.Throws<InvalidOperationException>(() => new DigitGridFigure(3, 3).RenderPng());
    }
}
