using System.Globalization;
using System.Text;

namespace GraphTrainer.Cli.Output;

/// <summary>
/// A grey-scale image as terminal art, two pixel rows per text line using half-block characters (▀ ▄ █) so the
/// image keeps its proportions: a 28×28 MNIST digit is 28 columns by 14 lines.
/// </summary>
public static class DigitArt
{
    // Pixels are in [0, 1]; MNIST strokes are mostly above 0.5 with soft anti-aliased edges below.
    private const float Ink = 0.35f;

    /// <summary>Plain text: each cell shows which of its two pixels are inked. Works in any terminal and log.</summary>
    /// <param name="pixels">height×width intensities in [0, 1], row by row.</param>
    /// <param name="width">Pixels per row; 0 for a square image.</param>
    public static IReadOnlyList<string> Plain(ReadOnlySpan<float> pixels, int width = 0)
    {
        var (w, h) = Size(pixels, width);
        var lines = new List<string> { "┌" + new string('─', w) + "┐" };
        for (int y = 0; y < h; y += 2)
        {
            var line = new StringBuilder("│");
            for (int x = 0; x < w; x++)
            {
                bool top = pixels[y * w + x] > Ink;
                bool bottom = y + 1 < h && pixels[(y + 1) * w + x] > Ink;
                line.Append((top, bottom) switch { (true, true) => '█', (true, false) => '▀', (false, true) => '▄', _ => ' ' });
            }
            lines.Add(line.Append('│').ToString());
        }
        lines.Add("└" + new string('─', w) + "┘");
        return lines;
    }

    /// <summary>
    /// Spectre.Console markup with true grey levels: each cell is '▀' with the top pixel as foreground colour and the
    /// bottom pixel as background (white ink on black, like the MNIST images).
    /// </summary>
    /// <param name="pixels">height×width intensities in [0, 1], row by row.</param>
    /// <param name="width">Pixels per row; 0 for a square image.</param>
    public static IReadOnlyList<string> Markup(ReadOnlySpan<float> pixels, int width = 0)
    {
        var (w, h) = Size(pixels, width);
        var lines = new List<string>();
        for (int y = 0; y < h; y += 2)
        {
            var line = new StringBuilder();
            for (int x = 0; x < w; x++)
            {
                string top = Grey(pixels[y * w + x]);
                string bottom = Grey(y + 1 < h ? pixels[(y + 1) * w + x] : 0);
                line.Append(CultureInfo.InvariantCulture, $"[{top} on {bottom}]▀[/]");
            }
            lines.Add(line.ToString());
        }
        return lines;
    }

    private static string Grey(float value)
    {
        int level = (int)Math.Round(Math.Clamp(value, 0f, 1f) * 255);
        return $"#{level:X2}{level:X2}{level:X2}";
    }

    private static (int Width, int Height) Size(ReadOnlySpan<float> pixels, int width)
    {
        if (width <= 0)
        {
            width = (int)Math.Round(Math.Sqrt(pixels.Length));
            if (width * width != pixels.Length || width == 0)
                throw new ArgumentException($"Expected a square image, got {pixels.Length} pixels.", nameof(pixels));
        }
        if (pixels.Length == 0 || pixels.Length % width != 0)
            throw new ArgumentException($"{pixels.Length} pixels do not form rows of {width}.", nameof(pixels));
        return (width, pixels.Length / width);
    }
}
