namespace GraphTrainer.Notebooks.Tests;

/// <summary>The terminal (text/plain) forms of digits and charts: what display(x) prints in a file-based app.</summary>
public class TextArtTests
{
    [Fact]
    public void A_digit_is_drawn_in_characters_two_pixel_rows_per_line_under_its_title()
    {
        // A vertical bar in columns 10..13 of a 28x28 image, full ink.
        var pixels = Enumerable.Range(0, 784).Select(i => i % 28 is >= 10 and < 14 ? 1f : 0f);

        string[] lines = new DigitImage(pixels, "one").ToDisplayOutput().PlainText.Split('\n');

        Assert.Equal("DigitImage 28x28 'one'", lines[0]);
        Assert.Equal("one", lines[1]);
        Assert.Equal(1 + 1 + 14, lines.Length);
        Assert.All(lines.Skip(2), l => Assert.Equal(new string(' ', 10) + "@@@@", l));
    }

    [Fact]
    public void Raw_byte_pixels_are_scaled_like_unit_pixels()
    {
        var unit = new DigitImage(Enumerable.Range(0, 784).Select(i => (i % 28) / 27f));
        var bytes = new DigitImage(Enumerable.Range(0, 784).Select(i => (i % 28) / 27f * 255f));

        Assert.Equal(unit.ToDisplayOutput().PlainText, bytes.ToDisplayOutput().PlainText);
    }

    [Fact]
    public void A_grid_draws_four_digits_per_band_and_counts_what_it_leaves_out()
    {
        var images = Enumerable.Range(0, 20).Select(i => new DigitImage(new float[784], $"True: {i % 10}, Pred: {(i + 1) % 10}"));

        string[] lines = new DigitGrid(images, columns: 10) { Title = "Errors" }.ToDisplayOutput().PlainText.Split('\n');

        Assert.Equal("DigitGrid 'Errors': 20 images, 2x10", lines[0]);
        // 16 images as text: 4 bands of a title line and 14 art lines, then the count of the rest.
        Assert.Equal(1 + 4 * 15 + 1, lines.Length);
        Assert.Equal("True: 0, Pred: 1             True: 1, Pred: 2             True: 2, Pred: 3             True: 3, Pred: 4", lines[1]);
        Assert.Equal("... 4 more", lines[^1]);
    }

    [Fact]
    public void A_chart_shows_one_sparkline_per_series_with_its_range()
    {
        var chart = new LineChart("Loss").Add("train", new[] { 4.0, 3, 2, 1 }).Add("valid", new[] { 2.0, 2 });

        string[] lines = chart.ToDisplayOutput().PlainText.Split('\n');

        Assert.Equal(new[]
        {
            "LineChart 'Loss': 2 series",
            "train     █▆▃▁  4 → 1 (min 1, max 4, 4 points)",
            "valid     ▅▅  2 → 2 (min 2, max 2, 2 points)",
        }, lines);
    }

    [Fact]
    public void Long_series_are_averaged_into_at_most_48_columns()
    {
        var ys = Enumerable.Range(0, 1000).Select(i => Math.Exp(-i / 200.0));

        string line = new LineChart().Add("loss", ys).ToDisplayOutput().PlainText.Split('\n')[1];

        string spark = line.Split("  ", StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.Equal(48, spark.Length);
        Assert.Equal('█', spark[0]);
        Assert.Equal('▁', spark[^1]);
    }
}
