using GraphTrainer.Cli.Training;
using GraphTrainer.Notebooks;
using NumSharp;
using ScottPlot;

namespace GraphTrainer.Cli.Plots;

/// <summary>Paths of the PNGs written at the end of training.</summary>
/// <param name="Loss">Loss curves.</param>
/// <param name="Accuracy">Accuracy curves.</param>
/// <param name="Misclassified">Grid of misclassified test digits, or null when every test digit was right.</param>
public sealed record PlotFiles(string Loss, string Accuracy, string Misclassified);

/// <summary>
/// The end-of-training figures: loss and accuracy curves (ScottPlot) over the whole run, including epochs of
/// earlier sessions of a resumed run, and a grid of misclassified test images.
/// </summary>
public static class TrainingPlots
{
    private const int Width = 800, Height = 500;

    /// <summary>Most misclassified digits shown (five rows of ten).</summary>
    public const int MaxMisclassified = 50;

    /// <summary>Writes the three PNGs into <paramref name="directory"/>.</summary>
    /// <param name="directory">The run directory.</param>
    /// <param name="history">The run's metrics.</param>
    /// <param name="stepsPerEpoch">Converts steps to epochs on the x axis.</param>
    /// <param name="testImages">Test images [N, height*width].</param>
    /// <param name="testLabels">True class per test image.</param>
    /// <param name="predictions">Predicted class per test image.</param>
    /// <param name="config">The run: image size and class names for the captions.</param>
    public static PlotFiles Write(string directory, TrainingHistory history, int stepsPerEpoch,
        NDArray testImages, int[] testLabels, long[] predictions, Model.RunConfig config)
    {
        string loss = Path.Combine(directory, "loss.png");
        string accuracy = Path.Combine(directory, "accuracy.png");
        LossPlot(history, stepsPerEpoch).SavePng(loss, Width, Height);
        AccuracyPlot(history, stepsPerEpoch).SavePng(accuracy, Width, Height);
        string grid = WriteMisclassified(directory, testImages, testLabels, predictions, config);
        return new PlotFiles(loss, accuracy, grid);
    }

    private static Plot LossPlot(TrainingHistory history, int stepsPerEpoch)
    {
        var plot = new Plot();
        AddLine(plot, history.Steps.Select(s => (s.Step / (double)stepsPerEpoch, s.Loss)), "train (batches)", 0);
        AddLine(plot, history.Epochs.Select(e => ((double)e.Epoch, e.TrainLoss)), "train (epoch mean)", 7);
        AddLine(plot, history.Epochs.Select(e => ((double)e.Epoch, e.ValidationLoss)), "validation", 7);
        plot.Title("Cross-entropy loss");
        plot.XLabel("epoch");
        plot.YLabel("loss");
        plot.Axes.SetLimitsY(0, AxisTop(history.Steps.Select(s => s.Loss).Concat(history.Epochs.Select(e => e.ValidationLoss))));
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static Plot AccuracyPlot(TrainingHistory history, int stepsPerEpoch)
    {
        var plot = new Plot();
        AddLine(plot, history.Steps.Select(s => (s.Step / (double)stepsPerEpoch, 100 * s.Accuracy)), "train (batches)", 0);
        AddLine(plot, history.Epochs.Select(e => ((double)e.Epoch, 100 * e.TrainAccuracy)), "train (epoch mean)", 7);
        AddLine(plot, history.Epochs.Select(e => ((double)e.Epoch, 100 * e.ValidationAccuracy)), "validation", 7);
        plot.Title("Accuracy");
        plot.XLabel("epoch");
        plot.YLabel("accuracy (%)");
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    // The grid draws square images; a height×width image is centred on a black square of the larger side.
    private static float[] Square(ReadOnlySpan<float> image, int height, int width)
    {
        if (height == width)
            return image.ToArray();
        int side = Math.Max(height, width), top = (side - height) / 2, left = (side - width) / 2;
        var square = new float[side * side];
        for (int y = 0; y < height; y++)
            image.Slice(y * width, width).CopyTo(square.AsSpan((top + y) * side + left, width));
        return square;
    }

    private static void AddLine(Plot plot, IEnumerable<(double X, double Y)> points, string label, float markerSize)
    {
        var list = points.ToList();
        if (list.Count == 0)
            return;
        var line = plot.Add.Scatter(list.Select(p => p.X).ToArray(), list.Select(p => p.Y).ToArray());
        line.LegendText = label;
        line.LineWidth = 2;
        // A one-epoch run has a single point per epoch series: without a marker it would be invisible.
        line.MarkerSize = Math.Max(markerSize, list.Count == 1 ? 7 : 0);
    }

    // The first batches' loss (~2.3) would flatten the interesting part of the curve; cap the axis near the
    // 99th percentile instead, while always showing the whole validation curve.
    private static double AxisTop(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).OrderBy(v => v).ToList();
        if (sorted.Count == 0)
            return 1;
        return Math.Max(sorted[(int)(0.95 * (sorted.Count - 1))], 0.05) * 1.15;
    }

    private static string WriteMisclassified(string directory, NDArray images, int[] labels, long[] predictions, Model.RunConfig config)
    {
        var wrong = Enumerable.Range(0, labels.Length).Where(i => predictions[i] != labels[i]).Take(MaxMisclassified).ToList();
        string path = Path.Combine(directory, "misclassified.png");
        if (wrong.Count == 0)
        {
            // A stale grid from an earlier session of a resumed run would describe another model.
            File.Delete(path);
            return null;
        }
        var pixels = images.ToArray<float>();
        int size = (int)images.shape[1];
        var (height, width) = config.ImageSize;
        var digits = wrong.Select(i => new DigitImage(Square(pixels.AsSpan(i * size, size), height, width),
            $"#{i}: {config.ClassName(labels[i])}→{config.ClassName((int)predictions[i])}"));
        new DigitGrid(digits, columns: 10) { Scale = 3 }.SavePng(path);
        return path;
    }
}
