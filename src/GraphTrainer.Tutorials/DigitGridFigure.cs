using NumSharp;
using ScottPlot;
using SkiaSharp;

namespace GraphTrainer.Tutorials;

/// <summary>
/// A figure of square grayscale digits in a grid with a title over each and an optional figure title — what
/// <c>fig, axes = plt.subplots(3, 3, figsize=(9, 9))</c> plus <c>ax.imshow(image, cmap='binary')</c>,
/// <c>ax.set_title(...)</c> and <c>plt.suptitle(...)</c> draw in matplotlib. Rendered headless to PNG with
/// ScottPlot (one plot per cell, in a <see cref="Multiplot"/>); 0 is white and the largest value black, as
/// matplotlib's "binary" colormap. Reusable by any caller that wants a digit grid on disk (tutorials, CLI).
/// </summary>
public sealed class DigitGridFigure
{
    private const int SuptitleBand = 50;
    private readonly List<(double[,] Pixels, string Title)> _cells = new();

    /// <summary>Creates an empty figure of <paramref name="rows"/> × <paramref name="columns"/> cells.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive row or column count.</exception>
    public DigitGridFigure(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        Rows = rows;
        Columns = columns;
    }

    /// <summary>Number of rows of cells.</summary>
    public int Rows { get; }
    /// <summary>Number of columns of cells.</summary>
    public int Columns { get; }
    /// <summary>The figure title drawn above the grid (matplotlib's suptitle); null for none.</summary>
    public string Title { get; set; }
    /// <summary>Width of the PNG in pixels (matplotlib's figsize=(9, 9) at 100 dpi is 900).</summary>
    public int Width { get; set; } = 900;
    /// <summary>Height of the PNG in pixels.</summary>
    public int Height { get; set; } = 900;
    /// <summary>Number of cells added so far.</summary>
    public int Count => _cells.Count;

    /// <summary>Adds the next cell (row by row): a flattened square image (e.g. 784 = 28×28 values) and its title.</summary>
    /// <exception cref="ArgumentException">The image is not square, or the grid is full.</exception>
    public void Add(ReadOnlySpan<float> pixels, string title)
    {
        int side = (int)Math.Round(Math.Sqrt(pixels.Length));
        if (side * side != pixels.Length || side == 0)
            throw new ArgumentException($"A digit image must be square; got {pixels.Length} values.", nameof(pixels));
        if (_cells.Count == Rows * Columns)
            throw new ArgumentException($"The {Rows}x{Columns} grid is full.", nameof(pixels));
        var grid = new double[side, side];
        for (int r = 0; r < side; r++)
            for (int c = 0; c < side; c++)
                grid[r, c] = pixels[r * side + c];
        _cells.Add((grid, title));
    }

    /// <summary>Adds a cell from an NDArray holding one image (shape (784,) or (28, 28), any numeric dtype).</summary>
    public void Add(NDArray image, string title) => Add(image.astype(NPTypeCode.Single).ToArray<float>(), title);

    /// <summary>Renders the figure as PNG bytes.</summary>
    /// <exception cref="InvalidOperationException">No cells were added.</exception>
    public byte[] RenderPng()
    {
        if (_cells.Count == 0) throw new InvalidOperationException("A digit grid figure needs at least one image.");
        var multiplot = new Multiplot();
        multiplot.AddPlots(Rows * Columns);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(Rows, Columns);
        for (int i = 0; i < Rows * Columns; i++)
        {
            var plot = multiplot.GetPlot(i);
            plot.Axes.Frameless();
            plot.HideGrid();
            if (i >= _cells.Count) continue;
            var (pixels, title) = _cells[i];
            var heatmap = plot.Add.Heatmap(pixels);
            heatmap.Colormap = new ScottPlot.Colormaps.GrayscaleReversed();
            // Row 0 of an image is its top row; matplotlib's imshow draws it at the top.
            plot.Axes.SetLimits(-0.5, pixels.GetLength(1) - 0.5, -0.5, pixels.GetLength(0) - 0.5);
            plot.Axes.SquareUnits();
            if (title != null) plot.Title(title, size: 16);
        }

        int top = string.IsNullOrEmpty(Title) ? 0 : SuptitleBand;
        // The grid is rendered on its own surface and pasted below the title band: ScottPlot paints the
        // whole canvas it is given.
        using var gridSurface = SKSurface.Create(new SKImageInfo(Width, Height - top));
        multiplot.Render(gridSurface);
        using var grid = gridSurface.Snapshot();

        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.DrawImage(grid, 0, top);
        if (top > 0)
        {
            using var font = new SKFont(SKTypeface.Default, 24);
            using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            canvas.DrawText(Title, Width / 2f, top * 0.7f, SKTextAlign.Center, font, paint);
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Renders to <paramref name="path"/> (creating its directory) and returns the full path.</summary>
    public string SavePng(string path)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, RenderPng());
        return full;
    }
}
