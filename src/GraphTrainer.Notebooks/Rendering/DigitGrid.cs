using NumSharp;

namespace GraphTrainer.Notebooks;

/// <summary>
/// A grid of <see cref="DigitImage"/>s with their titles, rendered to one PNG — for showing a batch of MNIST
/// digits with labels or predictions. Layout: each cell is <c>Side×Scale</c> wide and as tall plus a title band
/// when any image has a title, with <see cref="Padding"/> pixels around and between cells.
/// </summary>
public sealed class DigitGrid
{
    /// <summary>Creates a grid.</summary>
    /// <param name="images">The images, placed row by row; all must have the same side.</param>
    /// <param name="columns">Images per row (fewer when there are fewer images).</param>
    /// <exception cref="ArgumentException">No images, mixed sizes, or a non-positive column count.</exception>
    public DigitGrid(IEnumerable<DigitImage> images, int columns = 10)
    {
        Images = (images ?? throw new ArgumentNullException(nameof(images))).ToList();
        if (Images.Count == 0)
            throw new ArgumentException("A digit grid needs at least one image.", nameof(images));
        if (Images.Any(i => i.Side != Images[0].Side))
            throw new ArgumentException("All images of a digit grid must have the same size.", nameof(images));
        if (columns <= 0)
            throw new ArgumentException("Columns must be positive.", nameof(columns));
        Columns = Math.Min(columns, Images.Count);
    }

    /// <summary>
    /// Creates a grid from the rows of an NDArray of shape (n, 784) or (n, 28, 28), with optional titles
    /// (for example <c>labels.Select(l =&gt; l.ToString())</c>).
    /// </summary>
    /// <param name="images">n images; any numeric dtype, values in [0, 1] or [0, 255].</param>
    /// <param name="titles">One title per image, or null.</param>
    /// <param name="columns">Images per row.</param>
    public static DigitGrid FromArray(NDArray images, IEnumerable<string> titles = null, int columns = 10)
    {
        ArgumentNullException.ThrowIfNull(images);
        int count = (int)images.shape[0];
        var titleList = titles?.ToList();
        if (titleList != null && titleList.Count != count)
            throw new ArgumentException($"Got {titleList.Count} titles for {count} images.", nameof(titles));
        var flat = images.reshape(count, -1).astype(NPTypeCode.Single);
        var list = Enumerable.Range(0, count)
            .Select(i => new DigitImage(flat[i].ToArray<float>(), titleList?[i]))
            .ToList();
        return new DigitGrid(list, columns);
    }

    /// <summary>The images, row by row.</summary>
    public IReadOnlyList<DigitImage> Images { get; }

    /// <summary>Images per row.</summary>
    public int Columns { get; }

    /// <summary>Number of rows.</summary>
    public int Rows => (Images.Count + Columns - 1) / Columns;

    /// <summary>Screen pixels per source pixel.</summary>
    public int Scale { get; set; } = 2;

    /// <summary>A title drawn above the whole grid (matplotlib's <c>suptitle</c>); null for none.</summary>
    public string Title { get; set; }

    /// <summary>Pixels around and between cells.</summary>
    public static int Padding => DigitRenderer.Padding;

    /// <summary>Width of the rendered PNG in pixels.</summary>
    public int PixelWidth => DigitRenderer.Size(Images, Columns, Scale, Title).Width;

    /// <summary>Height of the rendered PNG in pixels.</summary>
    public int PixelHeight => DigitRenderer.Size(Images, Columns, Scale, Title).Height;

    /// <summary>Renders the grid to PNG.</summary>
    public byte[] ToPng() => DigitRenderer.RenderPng(Images, Columns, Scale, Title);

    /// <summary>Writes <see cref="ToPng"/> to <paramref name="path"/>.</summary>
    /// <param name="path">Destination file.</param>
    public void SavePng(string path) => File.WriteAllBytes(path, ToPng());

    /// <summary>
    /// The PNG, with a description and the digits drawn in characters (up to 16, four per band) as its text form.
    /// </summary>
    public DisplayOutput ToDisplayOutput() =>
        DisplayOutput.FromPng(ToPng(), $"DigitGrid{(Title == null ? "" : $" '{Title}'")}: {Images.Count} images, {Rows}x{Columns}"
            + TextArt.Digits(Images, Columns));
}
