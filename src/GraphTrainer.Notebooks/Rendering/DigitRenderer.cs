using SkiaSharp;

namespace GraphTrainer.Notebooks;

/// <summary>Draws square grayscale images in a grid with titles, using SkiaSharp (headless, no display needed).</summary>
internal static class DigitRenderer
{
    public const int Padding = 4;
    private const int TitleBand = 16;
    private const float TitleFontSize = 12f;

    /// <summary>Height of the band above the grid that holds the figure title (matplotlib's suptitle).</summary>
    private const int FigureTitleBand = 24;
    private const float FigureTitleFontSize = 16f;

    public static (int Width, int Height) Size(IReadOnlyList<DigitImage> images, int columns, int scale, string figureTitle = null)
    {
        int side = images[0].Side * scale;
        int cellHeight = side + (images.Any(i => i.Title != null) ? TitleBand : 0);
        int rows = (images.Count + columns - 1) / columns;
        int top = figureTitle == null ? 0 : FigureTitleBand;
        return (columns * side + (columns + 1) * Padding, top + rows * cellHeight + (rows + 1) * Padding);
    }

    public static byte[] RenderPng(IReadOnlyList<DigitImage> images, int columns, int scale, string figureTitle = null)
    {
        if (scale <= 0)
            throw new ArgumentException("Scale must be positive.", nameof(scale));
        var (width, height) = Size(images, columns, scale, figureTitle);
        int offset = figureTitle == null ? 0 : FigureTitleBand;
        bool titled = images.Any(i => i.Title != null);
        int side = images[0].Side * scale;
        int cellHeight = side + (titled ? TitleBand : 0);

        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var ink = new SKPaint { IsAntialias = false };
        using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var font = new SKFont(SKTypeface.FromFamilyName("sans-serif") ?? SKTypeface.Default, TitleFontSize);

        if (figureTitle != null)
        {
            using var titleFont = new SKFont(font.Typeface, FigureTitleFontSize);
            canvas.DrawText(Fit(figureTitle, titleFont, width - 2 * Padding), width / 2f, Padding + FigureTitleFontSize, SKTextAlign.Center, titleFont, text);
        }
        for (int n = 0; n < images.Count; n++)
        {
            int left = Padding + (n % columns) * (side + Padding);
            int top = offset + Padding + (n / columns) * (cellHeight + Padding);
            var image = images[n];
            if (image.Title != null)
            {
                string title = Fit(image.Title, font, side);
                canvas.DrawText(title, left + side / 2f, top + TitleFontSize, SKTextAlign.Center, font, text);
            }
            DrawPixels(canvas, ink, image, left, top + (titled ? TitleBand : 0), scale);
        }

        using var encoded = SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Png, 100);
        return encoded.ToArray();
    }

    private static void DrawPixels(SKCanvas canvas, SKPaint ink, DigitImage image, int left, int top, int scale)
    {
        var pixels = image.Pixels;
        // MNIST arrives either scaled to [0, 1] or as raw bytes; treat anything above 1 as the 0..255 form.
        float max = pixels.Count == 0 ? 0 : pixels.Max();
        float norm = max > 1f ? 255f : 1f;
        for (int y = 0; y < image.Side; y++)
        {
            for (int x = 0; x < image.Side; x++)
            {
                float v = Math.Clamp(pixels[y * image.Side + x] / norm, 0f, 1f);
                if (v <= 0f)
                    continue;
                byte shade = (byte)Math.Round(255 * (1 - v));
                ink.Color = new SKColor(shade, shade, shade);
                canvas.DrawRect(left + x * scale, top + y * scale, scale, scale, ink);
            }
        }
        // A thin frame shows where each image ends on white backgrounds.
        using var frame = new SKPaint { Color = new SKColor(200, 200, 200), Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        canvas.DrawRect(left - 0.5f, top - 0.5f, image.Side * scale + 1, image.Side * scale + 1, frame);
    }

    /// <summary>Shortens <paramref name="title"/> with an ellipsis until it fits <paramref name="width"/> pixels.</summary>
    private static string Fit(string title, SKFont font, int width)
    {
        if (font.MeasureText(title) <= width)
            return title;
        for (int length = title.Length - 1; length > 0; length--)
        {
            string candidate = title[..length] + "…";
            if (font.MeasureText(candidate) <= width)
                return candidate;
        }
        return "…";
    }
}
