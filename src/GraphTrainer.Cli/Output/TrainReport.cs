using GraphTrainer.Cli.Training;
using Spectre.Console;

namespace GraphTrainer.Cli.Output;

/// <summary>The human-readable end of <c>train</c>: a summary table, the output paths, and the final accuracy line.</summary>
public static class TrainReport
{
    /// <summary>The last line of every non-JSON run (an earlier issue fixes this exact form: <c>Test accuracy: 97.12%</c>).</summary>
    public static string FinalLine(double testAccuracy) => $"Test accuracy: {Format.Percent(testAccuracy)}";

    /// <summary>Writes the table and paths to <paramref name="console"/> and the final line to <paramref name="output"/>.</summary>
    public static void Write(IAnsiConsole console, TextWriter output, TrainResult r)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Training summary[/]");
        table.AddColumn("Metric");
        table.AddColumn(new TableColumn("Value").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));

        Row("Model", r.Config.Description);
        Row("Epochs", r.ResumedFrom == null ? $"{r.LastEpoch}" : $"{r.LastEpoch} (resumed after epoch {r.FirstEpoch - 1})");
        Row("Steps", Format.Invariant($"{r.GlobalStep:N0}"));
        Row("Train accuracy", Format.Percent(r.Train.Accuracy));
        Row("Validation accuracy", Format.Percent(r.Validation.Accuracy));
        Row("Test accuracy", Format.Percent(r.Test.Accuracy));
        Row("Test loss", Format.Invariant($"{r.Test.Loss:F4}"));
        Row("Training time", Format.Seconds(r.TrainSeconds) + Format.Invariant($" ({r.ExamplesPerSecond:N0} examples/s)"));
        Row("Wall time", Format.Seconds(r.WallSeconds));
        console.Write(table);

        // Paths go below the table, one per line, so they can be copied whole instead of wrapping in a cell.
        output.WriteLine($"Run directory:  {r.OutputDir}");
        output.WriteLine($"Checkpoint:     {r.Checkpoint}");
        output.WriteLine($"TensorBoard:    tensorboard --logdir {r.LogDir}");
        output.WriteLine($"Loss plot:      {r.Plots.Loss}");
        output.WriteLine($"Accuracy plot:  {r.Plots.Accuracy}");
        output.WriteLine($"Misclassified:  {r.Plots.Misclassified ?? "(none: every test image was classified correctly)"}");
        output.WriteLine(FinalLine(r.Test.Accuracy));
        output.Flush();
    }
}
