using GraphTrainer.Cli.Model;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace GraphTrainer.Cli.Training;

/// <summary>
/// A Spectre.Console progress bar per epoch, live in a terminal, with Keras's figures beside it: step counter,
/// ETA, ms/step, running loss and accuracy, and the latest val_loss. A finished epoch's line stays on screen with
/// its validation loss and accuracy.
/// </summary>
public sealed class LiveReporter : ITrainingReporter
{
    private const string Progress = "progress";
    private readonly IAnsiConsole _console;
    // Finished epochs' lines by task id; the render thread reads them.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> _finished = new();
    private ProgressContext _context;
    private ProgressTask _task;

    /// <summary>Creates a reporter drawing on <paramref name="console"/>.</summary>
    public LiveReporter(IAnsiConsole console) => _console = console ?? throw new ArgumentNullException(nameof(console));

    /// <inheritdoc />
    public void Started(string description, IReadOnlyList<LayerSummary> layers)
    {
        foreach (string line in ModelSummary.Lines(layers))
            _console.WriteLine(line);
        _console.MarkupLine("[bold]" + Markup.Escape(description) + "[/]");
    }

    /// <inheritdoc />
    public void Run(Action training)
    {
        _console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn { Width = 20 }, new MetricsColumn(_finished))
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
        _task.State.Update<StepProgress>(Progress, _ => new StepProgress(0, steps, 0, 0, 0, 0, null));
    }

    /// <inheritdoc />
    public void StepsCompleted(StepProgress p)
    {
        _task.State.Update<StepProgress>(Progress, _ => p);
        _task.Value = p.Step;
    }

    /// <inheritdoc />
    public void EpochCompleted(EpochMetrics m, int totalEpochs, int steps)
    {
        _finished[_task.Id] = ProgressLine.EpochEnd(m, steps);
        _task.Value = _task.MaxValue;
        _task.StopTask();
    }

    /// <summary>The Keras line for the running epoch, or the finished epoch's summary.</summary>
    private sealed class MetricsColumn(System.Collections.Concurrent.ConcurrentDictionary<int, string> finished) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(finished.TryGetValue(task.Id, out string line) ? line : ProgressLine.Live(task.State.Get<StepProgress>(Progress), barWidth: 0));
    }
}
