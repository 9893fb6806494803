namespace GraphTrainer.Notebooks;

/// <summary>
/// A line chart of one or more (x, y) series with a title and axis labels, rendered to PNG by ScottPlot —
/// for loss and accuracy curves. Build it fluently: <c>new LineChart("Loss", "step", "loss").Add("train", xs, ys)</c>.
/// </summary>
public sealed class LineChart
{
    private readonly List<Series> _series = new();

    /// <summary>Creates an empty chart.</summary>
    /// <param name="title">Title above the plot; may be null.</param>
    /// <param name="xLabel">X axis label; may be null.</param>
    /// <param name="yLabel">Y axis label; may be null.</param>
    public LineChart(string title = null, string xLabel = null, string yLabel = null)
    {
        Title = title;
        XLabel = xLabel;
        YLabel = yLabel;
    }

    /// <summary>Title above the plot.</summary>
    public string Title { get; set; }

    /// <summary>X axis label.</summary>
    public string XLabel { get; set; }

    /// <summary>Y axis label.</summary>
    public string YLabel { get; set; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; set; } = 640;

    /// <summary>Image height in pixels.</summary>
    public int Height { get; set; } = 400;

    /// <summary>The series added so far, as (name, points).</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<(double X, double Y)> Points)> SeriesList =>
        _series.Select(s => (s.Name, (IReadOnlyList<(double, double)>)s.Points)).ToList();

    /// <summary>Adds a series of (x, y) points.</summary>
    /// <param name="name">Legend text; may be null.</param>
    /// <param name="points">The points, drawn in order.</param>
    public LineChart Add(string name, IEnumerable<(double X, double Y)> points)
    {
        _series.Add(new Series(name, (points ?? throw new ArgumentNullException(nameof(points))).ToList()));
        return this;
    }

    /// <summary>Adds a series from parallel x and y sequences.</summary>
    /// <param name="name">Legend text; may be null.</param>
    /// <param name="xs">X values.</param>
    /// <param name="ys">Y values, as many as <paramref name="xs"/>.</param>
    /// <exception cref="ArgumentException">The sequences differ in length.</exception>
    public LineChart Add(string name, IEnumerable<double> xs, IEnumerable<double> ys)
    {
        var x = xs.ToList();
        var y = ys.ToList();
        if (x.Count != y.Count)
            throw new ArgumentException($"Series '{name}' has {x.Count} x values but {y.Count} y values.", nameof(ys));
        return Add(name, x.Zip(y));
    }

    /// <summary>Adds a series whose x values are 0, 1, 2, ...</summary>
    /// <param name="name">Legend text; may be null.</param>
    /// <param name="ys">Y values.</param>
    public LineChart Add(string name, IEnumerable<double> ys) =>
        Add(name, ys.Select((y, i) => ((double)i, y)));

    /// <summary>Renders the chart to PNG (<see cref="Width"/> × <see cref="Height"/>).</summary>
    public byte[] ToPng()
    {
        var plot = new ScottPlot.Plot();
        foreach (var series in _series)
        {
            var line = plot.Add.ScatterLine(series.Points.Select(p => p.X).ToArray(), series.Points.Select(p => p.Y).ToArray());
            if (series.Name != null)
                line.LegendText = series.Name;
        }
        if (Title != null)
            plot.Title(Title);
        if (XLabel != null)
            plot.XLabel(XLabel);
        if (YLabel != null)
            plot.YLabel(YLabel);
        if (_series.Any(s => s.Name != null))
            plot.ShowLegend();
        return plot.GetImageBytes(Width, Height, ScottPlot.ImageFormat.Png);
    }

    /// <summary>Writes <see cref="ToPng"/> to <paramref name="path"/>.</summary>
    /// <param name="path">Destination file.</param>
    public void SavePng(string path) => File.WriteAllBytes(path, ToPng());

    /// <summary>The PNG, with a description and one sparkline per series (first → last value, range) as its text form.</summary>
    public DisplayOutput ToDisplayOutput() =>
        DisplayOutput.FromPng(ToPng(), $"LineChart{(Title == null ? "" : $" '{Title}'")}: {_series.Count} series"
            + (_series.Count == 0 ? "" : "\n" + TextArt.Sparklines(SeriesList)));

    private sealed record Series(string Name, List<(double X, double Y)> Points);
}
