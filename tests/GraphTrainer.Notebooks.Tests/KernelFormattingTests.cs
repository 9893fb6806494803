using GraphTrainer;
using Microsoft.DotNet.Interactive.Formatting;
using NumSharp;

namespace GraphTrainer.Notebooks.Tests;

/// <summary>
/// What the package's kernel extension registers with .NET Interactive's formatting: the kernel's display and a cell's
/// last value then render our types as HTML tables and PNG images (the same Formatter the kernel uses, in-process).
/// </summary>
[Collection(EngineCollection.Name)]
public class KernelFormattingTests
{
    static KernelFormattingTests() => KernelFormatting.Register();

    [Fact]
    public void Tensors_operations_and_ndarrays_prefer_html_tables()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, (2, 2), name: "p");

        Assert.Equal(new[] { "text/html", "text/plain" }, Formatter.GetPreferredMimeTypesFor(x.GetType()));
        Assert.Contains("<table>", x.ToDisplayString("text/html"));
        Assert.Equal("Tensor 'p:0' op=Placeholder dtype=float32 shape=(2, 2)", x.ToDisplayString("text/plain"));
        Assert.StartsWith("Operation 'p' type=Placeholder", x.op.ToDisplayString("text/plain"));
        var array = np.ones(new Shape(3, 3));
        Assert.Contains("<table>", array.ToDisplayString("text/html"));
        Assert.StartsWith("NDArray float64 shape=(3, 3)", array.ToDisplayString("text/plain"));
    }

    [Fact]
    public void Charts_and_digit_grids_prefer_png_images()
    {
        var chart = new LineChart("acc").Add("train", new[] { 0.1, 0.5, 0.9 });
        var grid = new DigitGrid(Enumerable.Range(0, 4).Select(i => new DigitImage(new float[784], $"#{i}")), columns: 2);

        Assert.Equal(new[] { "image/png", "text/plain" }, Formatter.GetPreferredMimeTypesFor(typeof(LineChart)));
        Assert.Equal(new[] { "image/png", "text/plain" }, Formatter.GetPreferredMimeTypesFor(typeof(DigitGrid)));
        // Jupyter's image/png is the base64 of the PNG file: the signature 89 50 4E 47 encodes as "iVBORw0KGgo".
        byte[] png = Convert.FromBase64String(chart.ToDisplayString("image/png"));
        Assert.Equal(chart.ToPng(), png);
        Assert.StartsWith("iVBORw0KGgo", grid.ToDisplayString("image/png"));
        Assert.StartsWith("DigitGrid: 4 images, 2x2\n#0", grid.ToDisplayString("text/plain"));
        Assert.StartsWith("<img src=\"data:image/png;base64,iVBORw0KGgo", grid.ToDisplayString("text/html"));
    }
}
