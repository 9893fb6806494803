using System.Globalization;
using System.Text;

namespace GraphTrainer.Notebooks;

/// <summary>
/// The terminal forms of images and charts (their <c>text/plain</c>), so <c>display(x)</c> in a file-based app or a
/// console still shows something useful: digits as character art, curves as sparklines with their range.
/// </summary>
internal static class TextArt
{
    /// <summary>Characters from blank to full ink.</summary>
    private const string Ramp = " .:-=+*#%@";

    /// <summary>Sparkline levels, lowest to highest.</summary>
    private const string Bars = "▁▂▃▄▅▆▇█";

    /// <summary>Most digits drawn side by side in one band of text (4 × 28 columns fit a 120-column terminal).</summary>
    public const int MaxTextColumns = 4;

    /// <summary>Most digits drawn as text; the rest are counted.</summary>
    public const int MaxTextImages = 16;

    /// <summary>Longest sparkline; longer series are resampled to it.</summary>
    public const int SparklineWidth = 48;

    /// <summary>
    /// Draws images as character art, <see cref="MaxTextColumns"/> per band, each above its title. Each text row covers
    /// two pixel rows, so a 28×28 digit is 28 characters wide and 14 lines tall and keeps its proportions.
    /// </summary>
    public static string Digits(IReadOnlyList<DigitImage> images, int columns)
    {
        var shown = images.Take(MaxTextImages).ToList();
        int perBand = Math.Clamp(columns, 1, MaxTextColumns);
        var text = new StringBuilder();
        for (int start = 0; start < shown.Count; start += perBand)
        {
            var band = shown.Skip(start).Take(perBand).ToList();
            int side = band[0].Side;
            if (band.Any(i => i.Title != null))
                text.Append('\n').Append(string.Join(" ", band.Select(i => Fit(i.Title ?? "", side))).TrimEnd());
            for (int row = 0; row < side; row += 2)
                text.Append('\n').Append(string.Join(" ", band.Select(i => Row(i, row))).TrimEnd());
        }
        if (images.Count > shown.Count)
            text.Append('\n').Append(string.Format(CultureInfo.InvariantCulture, "... {0} more", images.Count - shown.Count));
        return text.ToString();
    }

    /// <summary>
    /// One line per series: <c>loss  ▇▅▃▂▂▁  2.31 → 0.153 (min 0.149, max 2.31, 120 points)</c>.
    /// </summary>
    public static string Sparklines(IReadOnlyList<(string Name, IReadOnlyList<(double X, double Y)> Points)> series)
    {
        int nameWidth = series.Select(s => (s.Name ?? "").Length).DefaultIfEmpty(0).Max();
        var lines = series.Select((s, n) =>
        {
            var ys = s.Points.Select(p => p.Y).Where(double.IsFinite).ToList();
            string name = (s.Name ?? $"series {n + 1}").PadRight(Math.Max(nameWidth, 8));
            if (ys.Count == 0)
                return $"{name}  (no finite points)";
            double min = ys.Min(), max = ys.Max();
            return string.Format(CultureInfo.InvariantCulture, "{0}  {1}  {2:G4} → {3:G4} (min {4:G4}, max {5:G4}, {6} points)",
                name, Sparkline(ys, min, max), ys[0], ys[^1], min, max, ys.Count);
        });
        return string.Join("\n", lines);
    }

    private static string Sparkline(List<double> ys, double min, double max)
    {
        int width = Math.Min(ys.Count, SparklineWidth);
        var text = new StringBuilder(width);
        for (int i = 0; i < width; i++)
        {
            // Average the points that fall into this column, so long series keep their shape.
            int from = i * ys.Count / width, to = Math.Max(from + 1, (i + 1) * ys.Count / width);
            double y = ys.GetRange(from, to - from).Average();
            int level = max > min ? (int)Math.Round((y - min) / (max - min) * (Bars.Length - 1)) : Bars.Length / 2;
            text.Append(Bars[Math.Clamp(level, 0, Bars.Length - 1)]);
        }
        return text.ToString();
    }

    private static string Row(DigitImage image, int row)
    {
        var pixels = image.Pixels;
        float max = pixels.Count == 0 ? 0 : pixels.Max();
        float norm = max > 1f ? 255f : 1f;
        var line = new char[image.Side];
        for (int x = 0; x < image.Side; x++)
        {
            float top = pixels[row * image.Side + x];
            float bottom = row + 1 < image.Side ? pixels[(row + 1) * image.Side + x] : 0f;
            float v = Math.Clamp((top + bottom) / 2f / norm, 0f, 1f);
            line[x] = Ramp[(int)Math.Round(v * (Ramp.Length - 1))];
        }
        return new string(line);
    }

    private static string Fit(string title, int width) =>
        title.Length <= width ? title.PadRight(width) : title[..(width - 1)] + "…";
}
