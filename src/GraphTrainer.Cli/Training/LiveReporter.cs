using Spectre.Console;
using Spectre.Console.Rendering;

namespace GraphTrainer.Cli.Training;

/// <summary>
/// A Spectre.Console progress bar per epoch, live in a terminal: steps, running loss, accuracy and examples/s;
/// a finished epoch's bar stays on screen with its validation accuracy.
/// </summary>
public sealed class LiveReporter : ITrainingReporter
{
    private const string Loss = "loss", Accuracy = "acc", Throughput = "ex/s", Validation = "val";
    private readonly IAnsiConsole _console;
    private ProgressContext _context;
    private ProgressTask _task;

    /// <summary>Creates a reporter drawing on <paramref name="console"/>.</summary>
    public LiveReporter(IAnsiConsole console) => _console = console ?? throw new ArgumentNullException(nameof(console));

    /// <inheritdoc />
    public void Started(string description) => _console.MarkupLine("[bold]" + Markup.Escape(description) + "[/]");

    /// <inheritdoc />
    public void Run(Action training)
    {
        _console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            // Sized to fit an 80-column terminal: the bar and the metrics carry what a percentage and separate
            // time columns would.
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn { Width = 18 }, new MetricsColumn())
            .Start(context =>
            {
                _context = context;
                training();
            });
        _context = null;
    }

    /// <inheritdoc />
    public void EpochStarted(int epoch, int totalEpochs, int steps)
    {
        if (_context == null)
            throw new InvalidOperationException("EpochStarted must be called inside Run.");
        _task = _context.AddTask($"Epoch {epoch}/{totalEpochs}", maxValue: steps);
        // The metrics column reads these before the first steps are reported.
        foreach (string key in new[] { Loss, Accuracy, Throughput, Validation })
            _task.State.Update<double>(key, _ => 0);
    }

    /// <inheritdoc />
    public void StepsCompleted(StepProgress p)
    {
        _task.State.Update<double>(Loss, _ => p.Loss);
        _task.State.Update<double>(Accuracy, _ => p.Accuracy);
        _task.State.Update<double>(Throughput, _ => p.ExamplesPerSecond);
        _task.Value = p.Step;
    }

    /// <inheritdoc />
    public void EpochCompleted(EpochMetrics m, int totalEpochs)
    {
        _task.State.Update<double>(Loss, _ => m.TrainLoss);
        _task.State.Update<double>(Accuracy, _ => m.TrainAccuracy);
        _task.State.Update<double>(Throughput, _ => m.ExamplesPerSecond);
        _task.State.Update<double>(Validation, _ => m.ValidationAccuracy);
        _task.Value = _task.MaxValue;
        _task.StopTask();
    }

    /// <summary>loss, accuracy, examples per second, elapsed time, and validation accuracy once the epoch is done.</summary>
    private sealed class MetricsColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            double loss = task.State.Get<double>(Loss);
            double acc = task.State.Get<double>(Accuracy);
            double rate = task.State.Get<double>(Throughput);
            double val = task.State.Get<double>(Validation);
            double seconds = task.ElapsedTime?.TotalSeconds ?? 0;
            string text = Format.Invariant($"loss [yellow]{loss:F4}[/] acc [green]{Format.Percent(acc)}[/] {rate / 1000,5:F1}k ex/s {seconds,4:F1}s");
            if (val > 0)
                text += $" val [bold green]{Format.Percent(val)}[/]";
            return new Markup(text);
        }
    }
}
