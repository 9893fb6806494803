namespace GraphTrainer.Cli.Training;

/// <summary>Running figures of the epoch in progress, for a progress display.</summary>
/// <param name="Step">Steps done in this epoch.</param>
/// <param name="Steps">Steps in the epoch.</param>
/// <param name="Loss">Mean batch loss so far in the epoch.</param>
/// <param name="Accuracy">Mean batch accuracy so far in the epoch.</param>
/// <param name="ExamplesPerSecond">Training throughput so far in the epoch.</param>
public readonly record struct StepProgress(int Step, int Steps, double Loss, double Accuracy, double ExamplesPerSecond);

/// <summary>
/// Shows training progress. The loop calls <see cref="Run"/> once with its body (a live display must own the
/// console while the body runs) and the other members from inside it.
/// </summary>
public interface ITrainingReporter
{
    /// <summary>Training is about to start (data loaded, graph built, variables initialized or restored).</summary>
    /// <param name="description">One line: model, optimizer, epochs, run directory.</param>
    void Started(string description);

    /// <summary>Runs <paramref name="training"/> with the display active.</summary>
    void Run(Action training);

    /// <summary>An epoch starts.</summary>
    /// <param name="epoch">1-based epoch number.</param>
    /// <param name="totalEpochs">The epoch the run ends at.</param>
    /// <param name="steps">Steps in the epoch.</param>
    void EpochStarted(int epoch, int totalEpochs, int steps);

    /// <summary>Steps finished; called every few steps, not necessarily each.</summary>
    void StepsCompleted(StepProgress progress);

    /// <summary>An epoch ended, validation included.</summary>
    void EpochCompleted(EpochMetrics metrics, int totalEpochs);
}

/// <summary>Shows nothing (<c>--quiet</c>, <c>--json</c>).</summary>
public sealed class SilentReporter : ITrainingReporter
{
    /// <inheritdoc />
    public void Started(string description) { }
    /// <inheritdoc />
    public void Run(Action training) => training();
    /// <inheritdoc />
    public void EpochStarted(int epoch, int totalEpochs, int steps) { }
    /// <inheritdoc />
    public void StepsCompleted(StepProgress progress) { }
    /// <inheritdoc />
    public void EpochCompleted(EpochMetrics metrics, int totalEpochs) { }
}

/// <summary>One line per finished epoch: for logs, CI and redirected output, where a live bar would be noise.</summary>
public sealed class PlainReporter : ITrainingReporter
{
    private readonly TextWriter _out;

    /// <summary>Creates a reporter writing to <paramref name="output"/>.</summary>
    public PlainReporter(TextWriter output) => _out = output ?? throw new ArgumentNullException(nameof(output));

    /// <inheritdoc />
    public void Started(string description)
    {
        _out.WriteLine(description);
        _out.Flush();
    }

    /// <inheritdoc />
    public void Run(Action training) => training();
    /// <inheritdoc />
    public void EpochStarted(int epoch, int totalEpochs, int steps) { }
    /// <inheritdoc />
    public void StepsCompleted(StepProgress progress) { }

    /// <inheritdoc />
    public void EpochCompleted(EpochMetrics m, int totalEpochs)
    {
        _out.WriteLine(Format.Invariant(
            $"Epoch {m.Epoch}/{totalEpochs}  loss {m.TrainLoss:F4}  acc {Format.Percent(m.TrainAccuracy)}  val_loss {m.ValidationLoss:F4}  val_acc {Format.Percent(m.ValidationAccuracy)}  {m.ExamplesPerSecond:N0} ex/s  {m.Seconds:F1} s"));
        _out.Flush();
    }
}
