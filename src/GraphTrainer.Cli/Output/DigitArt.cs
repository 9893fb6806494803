using System.Globalization;
using System.Text;

namespace GraphTrainer.Cli.Output;

/// <summary>
/// A 28×28 digit as terminal art, two pixel rows per text line using half-block characters (▀ ▄ █) so the digit
/// keeps its proportions: 28 columns by 14 lines.
/// </summary>
public static class DigitArt
{
    // Pixels are in [0, 1]; MNIST strokes are mostly above 0.5 with soft anti-aliased edges below.
    private const float Ink = 0.35f;

    /// <summary>Plain text: each cell shows which of its two pixels are inked. Works in any terminal and log.</summary>
    /// <param name="pixels">side×side intensities in [0, 1], row by row.</param>
    public static IReadOnlyList<string> Plain(ReadOnlySpan<float> pixels)
    {
        int side = Side(pixels);
        var lines = new List<string> { "┌" + new string('─', side) + "┐" };
        for (int y = 0; y < side; y += 2)
        {
            var line = new StringBuilder("│");
            for (int x = 0; x < side; x++)
            {
                bool top = pixels[y * side + x] > Ink;
                bool bottom = y + 1 < side && pixels[(y + 1) * side + x] > Ink;
                line.Append((top, bottom) switch { (true, true) => '█', (true, false) => '▀', (false, true) => '▄', _ => ' ' });
            }
            lines.Add(line.Append('│').ToString());
        }
        lines.Add("└" + new string('─', side) + "┘");
        return lines;
    }

    /// <summary>
    /// Spectre.Console markup with true grey levels: each cell is '▀' with the top pixel as foreground colour and the
    /// bottom pixel as background (white ink on black, like the MNIST images).
    /// </summary>
    /// <param name="pixels">side×side intensities in [0, 1], row by row.</param>
    public static IReadOnlyList<string> Markup(ReadOnlySpan<float> pixels)
    {
        int side = Side(pixels);
        var lines = new List<string>();
        for (int y = 0; y < side; y += 2)
        {
            var line = new StringBuilder();
            for (int x = 0; x < side; x++)
            {
                string top = Grey(pixels[y * side + x]);
                string bottom = Grey(y + 1 < side ? pixels[(y + 1) * side + x] : 0);
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

    private static int Side(ReadOnlySpan<float> pixels)
    {
        int side = (int)Math.Round(Math.Sqrt(pixels.Length));
        if (side * side != pixels.Length || side == 0)
            throw new ArgumentException($"Expected a square image, got {pixels.Length} pixels.", nameof(pixels));
        return side;
    }
}
