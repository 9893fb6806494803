using NumSharp;

namespace GraphTrainer.Notebooks;

/// <summary>
/// One square grayscale image given as a flat pixel vector — typically an MNIST digit (784 values, 28×28).
/// Pixels may be in [0, 1] or [0, 255] (detected from the maximum); ink is drawn dark on white.
/// </summary>
public sealed class DigitImage
{
    /// <summary>Creates an image from a flat row-major pixel vector whose length is a perfect square.</summary>
    /// <param name="pixels">Row-major pixels, for example 784 for 28×28.</param>
    /// <param name="title">Caption drawn above the image (for example the label or prediction); may be null.</param>
    /// <exception cref="ArgumentException">The length is not a perfect square.</exception>
    public DigitImage(IEnumerable<float> pixels, string title = null)
    {
        Pixels = (pixels ?? throw new ArgumentNullException(nameof(pixels))).ToArray();
        Side = (int)Math.Round(Math.Sqrt(Pixels.Count));
        if (Side == 0 || Side * Side != Pixels.Count)
            throw new ArgumentException($"A digit image needs a square number of pixels (784 for 28×28); got {Pixels.Count}.", nameof(pixels));
        Title = title;
    }

    /// <summary>Creates an image from an NDArray of shape (784), (28, 28) or any square equivalent.</summary>
    /// <param name="pixels">The pixels; any numeric dtype.</param>
    /// <param name="title">Caption drawn above the image; may be null.</param>
    public static DigitImage FromArray(NDArray pixels, string title = null)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        return new DigitImage(pixels.flatten().astype(NPTypeCode.Single).ToArray<float>(), title);
    }

    /// <summary>The pixels, row-major.</summary>
    public IReadOnlyList<float> Pixels { get; }

    /// <summary>Width and height in source pixels (28 for MNIST).</summary>
    public int Side { get; }

    /// <summary>Caption drawn above the image; null for none.</summary>
    public string Title { get; }

    /// <summary>Screen pixels per source pixel when rendered on its own.</summary>
    public int Scale { get; set; } = 4;

    /// <summary>Renders the image (with its title) to PNG.</summary>
    public byte[] ToPng() => DigitRenderer.RenderPng(new[] { this }, 1, Scale);

    /// <summary>Writes <see cref="ToPng"/> to <paramref name="path"/>.</summary>
    /// <param name="path">Destination file.</param>
    public void SavePng(string path) => File.WriteAllBytes(path, ToPng());

    /// <summary>The PNG, with a description and the digit drawn in characters as its text form (shown in terminals).</summary>
    public DisplayOutput ToDisplayOutput() =>
        DisplayOutput.FromPng(ToPng(), $"DigitImage {Side}x{Side}{(Title == null ? "" : $" '{Title}'")}" + TextArt.Digits(new[] { this }, 1));
}
