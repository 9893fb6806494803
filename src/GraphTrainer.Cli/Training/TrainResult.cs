using GraphTrainer.Cli.Model;
using GraphTrainer.Cli.Plots;

namespace GraphTrainer.Cli.Training;

/// <summary>Everything a finished <c>train</c> reports: the summary table, the JSON document and the tests read it.</summary>
public sealed record TrainResult
{
    /// <summary>The run's configuration.</summary>
    public RunConfig Config { get; init; }
    /// <summary>The run directory.</summary>
    public string OutputDir { get; init; }
    /// <summary>The checkpoint this session started from, or null for a fresh run.</summary>
    public string ResumedFrom { get; init; }
    /// <summary>First epoch trained in this session (1-based).</summary>
    public int FirstEpoch { get; init; }
    /// <summary>Last epoch trained (the run's epoch count now).</summary>
    public int LastEpoch { get; init; }
    /// <summary>Global step at the end.</summary>
    public long GlobalStep { get; init; }
    /// <summary>Final accuracy on the training split.</summary>
    public Evaluation Train { get; init; }
    /// <summary>Final accuracy on the validation split.</summary>
    public Evaluation Validation { get; init; }
    /// <summary>Final accuracy on the test split.</summary>
    public Evaluation Test { get; init; }
    /// <summary>Seconds from start to end of the command, data loading and plots included.</summary>
    public double WallSeconds { get; init; }
    /// <summary>Seconds spent in training steps in this session.</summary>
    public double TrainSeconds { get; init; }
    /// <summary>Training examples per second in this session.</summary>
    public double ExamplesPerSecond { get; init; }
    /// <summary>The newest checkpoint prefix.</summary>
    public string Checkpoint { get; init; }
    /// <summary>TensorBoard log directory.</summary>
    public string LogDir { get; init; }
    /// <summary>The PNGs written.</summary>
    public PlotFiles Plots { get; init; }
    /// <summary>True when Ctrl+C stopped training; <see cref="Checkpoint"/> is then the checkpoint saved at that step,
    /// and the evaluations and plots are null.</summary>
    public bool Interrupted { get; init; }
    /// <summary>Per-epoch metrics of the whole run (earlier sessions included).</summary>
    public IReadOnlyList<EpochMetrics> Epochs { get; init; }
}
