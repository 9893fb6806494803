using GraphTrainer.Cli.Model;

namespace GraphTrainer.Cli.Training;

/// <summary>
/// Shows training progress. The loop calls <see cref="Run"/> once with its body (a live display must own the
/// console while the body runs) and the other members from inside it.
/// </summary>
public interface ITrainingReporter
{
    /// <summary>Training is about to start (data loaded, graph built, variables initialized or restored).</summary>
    /// <param name="description">Lines: model, optimizer, epochs, run directory.</param>
    /// <param name="layers">The model summary rows.</param>
    void Started(string description, IReadOnlyList<LayerSummary> layers);

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
    void EpochCompleted(EpochMetrics metrics, int totalEpochs, int steps);
}

/// <summary>Shows nothing (<c>--quiet</c>, <c>--json</c>).</summary>
public sealed class SilentReporter : ITrainingReporter
{
    /// <inheritdoc />
    public void Started(string description, IReadOnlyList<LayerSummary> layers) { }
    /// <inheritdoc />
    public void Run(Action training) => training();
    /// <inheritdoc />
    public void EpochStarted(int epoch, int totalEpochs, int steps) { }
    /// <inheritdoc />
    public void StepsCompleted(StepProgress progress) { }
    /// <inheritdoc />
    public void EpochCompleted(EpochMetrics metrics, int totalEpochs, int steps) { }
}

/// <summary>
/// The model summary and one Keras-style line per finished epoch: for logs, CI and redirected output, where a
/// live bar would be noise.
/// </summary>
public sealed class PlainReporter : ITrainingReporter
{
    private readonly TextWriter _out;

    /// <summary>Creates a reporter writing to <paramref name="output"/>.</summary>
    public PlainReporter(TextWriter output) => _out = output ?? throw new ArgumentNullException(nameof(output));

    /// <inheritdoc />
    public void Started(string description, IReadOnlyList<LayerSummary> layers)
    {
        foreach (string line in ModelSummary.Lines(layers))
            _out.WriteLine(line);
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
    public void EpochCompleted(EpochMetrics m, int totalEpochs, int steps)
    {
        _out.WriteLine($"Epoch {m.Epoch}/{totalEpochs}  {ProgressLine.EpochEnd(m, steps)}");
        _out.Flush();
    }
}
