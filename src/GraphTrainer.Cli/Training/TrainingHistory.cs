using System.Text.Json;

namespace GraphTrainer.Cli.Training;

/// <summary>Metrics of one finished epoch.</summary>
public sealed record EpochMetrics
{
    /// <summary>1-based epoch number.</summary>
    public int Epoch { get; init; }
    /// <summary>Global step at the end of the epoch.</summary>
    public long Step { get; init; }
    /// <summary>Mean training-batch loss over the epoch.</summary>
    public double TrainLoss { get; init; }
    /// <summary>Mean training-batch accuracy over the epoch (measured before each step's update).</summary>
    public double TrainAccuracy { get; init; }
    /// <summary>Loss on the validation split after the epoch.</summary>
    public double ValidationLoss { get; init; }
    /// <summary>Accuracy on the validation split after the epoch.</summary>
    public double ValidationAccuracy { get; init; }
    /// <summary>Seconds spent in training steps (validation excluded).</summary>
    public double Seconds { get; init; }
    /// <summary>Training examples per second during the epoch.</summary>
    public double ExamplesPerSecond { get; init; }
}

/// <summary>A point of the fine-grained loss curve: mean batch loss over the steps since the previous point.</summary>
/// <param name="Step">Global step.</param>
/// <param name="Loss">Mean loss.</param>
/// <param name="Accuracy">Mean batch accuracy.</param>
public sealed record StepMetrics(long Step, double Loss, double Accuracy);

/// <summary>
/// Everything measured during a run, saved as <c>history.json</c> in the run directory after every epoch so a
/// resumed run's plots cover the whole run, not just the last session.
/// </summary>
public sealed class TrainingHistory
{
    /// <summary>File name inside a run directory.</summary>
    public const string FileName = "history.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Per-epoch metrics, in order.</summary>
    public List<EpochMetrics> Epochs { get; set; } = new();

    /// <summary>Loss curve points, in step order.</summary>
    public List<StepMetrics> Steps { get; set; } = new();

    /// <summary>Drops entries after <paramref name="epoch"/> / <paramref name="step"/> (history written after the restored checkpoint).</summary>
    public void TruncateTo(int epoch, long step)
    {
        Epochs.RemoveAll(e => e.Epoch > epoch);
        Steps.RemoveAll(s => s.Step > step);
    }

    /// <summary>Writes <c>history.json</c> into <paramref name="directory"/>.</summary>
    public void Save(string directory)
    {
        string path = Path.Combine(directory, FileName);
        // Write then rename: a kill mid-write leaves the previous history whole (and a *.tmp-* file the next save removes).
        string temp = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temp, JsonSerializer.Serialize(this, Json));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads <c>history.json</c> from <paramref name="directory"/>; an empty history when there is none.</summary>
    /// <exception cref="CliException">The file exists but is not valid JSON.</exception>
    public static TrainingHistory Load(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            return new TrainingHistory();
        try
        {
            return JsonSerializer.Deserialize<TrainingHistory>(File.ReadAllText(path), Json) ?? new TrainingHistory();
        }
        catch (JsonException ex)
        {
            throw new CliException($"{path} is not valid: {ex.Message}", ex);
        }
    }
}
