using NumSharp;
using SkiaSharp;
using static GraphTrainer.Notebooks.Tests.TestNotebooks;

namespace GraphTrainer.Notebooks.Tests;

public class ImageTests
{
    private static readonly byte[] PngSignature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

    private static SKBitmap Decode(byte[] png)
    {
        Assert.Equal(PngSignature, png.Take(8));
        var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        return bitmap;
    }

    [Fact]
    public void Line_chart_renders_a_png_of_the_requested_size()
    {
        var chart = new LineChart("Loss", "step", "loss") { Width = 500, Height = 300 }
            .Add("train", Enumerable.Range(0, 50).Select(i => 1.0 / (i + 1)))
            .Add("test", new[] { 0.0, 10, 49 }, new[] { 1.0, 0.3, 0.1 });

        using var bitmap = Decode(chart.ToPng());

        Assert.Equal((500, 300), (bitmap.Width, bitmap.Height));
        Assert.Equal(2, chart.SeriesList.Count);
    }

    [Fact]
    public void Digit_grid_renders_titled_cells_at_the_documented_size()
    {
        var images = np.zeros(new Shape(5, 784), NPTypeCode.Single);
        for (int i = 0; i < 5; i++)
            images[i, 100 + i * 10] = 1f;
        var grid = DigitGrid.FromArray(images, new[] { "0", "1", "2", "3", "a long title" }, columns: 3);
        grid.Scale = 2;

        using var bitmap = Decode(grid.ToPng());

        // 3 columns of 56 px with 4 px padding; 2 rows of 56 px plus a 16 px title band.
        int expectedWidth = 3 * 56 + 4 * DigitGrid.Padding;
        int expectedHeight = 2 * (56 + 16) + 3 * DigitGrid.Padding;
        Assert.Equal((expectedWidth, expectedHeight), (bitmap.Width, bitmap.Height));
        Assert.Equal((grid.PixelWidth, grid.PixelHeight), (bitmap.Width, bitmap.Height));
        // The lit source pixel (row 3, column 16 of image 0) is drawn dark.
        var ink = bitmap.GetPixel(DigitGrid.Padding + 16 * 2, DigitGrid.Padding + 16 + 3 * 2);
        Assert.True(ink.Red < 50, $"expected dark ink, got {ink}");
    }

    [Fact]
    public void Single_digit_accepts_0_to_255_pixels_and_rejects_non_square_input()
    {
        var pixels = Enumerable.Range(0, 784).Select(i => (float)(i % 256)).ToArray();
        using var bitmap = Decode(new DigitImage(pixels).ToPng());
        Assert.Equal((28 * 4 + 2 * DigitGrid.Padding, 28 * 4 + 2 * DigitGrid.Padding), (bitmap.Width, bitmap.Height));
        Assert.Throws<ArgumentException>(() => new DigitImage(new float[783]));
    }
}
