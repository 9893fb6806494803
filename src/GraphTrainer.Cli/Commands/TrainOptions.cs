using GraphTrainer.Cli.Data;
using GraphTrainer.Cli.Model;
using GraphTrainer.Cli.Parsing;

namespace GraphTrainer.Cli.Commands;

/// <summary>The options of <c>graphtrainer train</c>, validated.</summary>
public sealed class TrainOptions
{
    /// <summary>Default epochs of models without their own (<see cref="TrainingDefaults.Standard"/>).</summary>
    public const int DefaultEpochs = TrainingDefaults.StandardEpochs;

    /// <summary>Default examples per step (fewer when the training split is smaller).</summary>
    public const int DefaultBatchSize = 100;

    /// <summary>Model name, or null to keep the resumed run's.</summary>
    public string Model { get; private init; }
    /// <summary>Hidden sizes, or null for the default (or the resumed run's).</summary>
    public int[] Hidden { get; private init; }
    /// <summary>Optimizer, or null to keep the resumed run's.</summary>
    public string Optimizer { get; private init; }
    /// <summary>Learning rate, or null for the optimizer's default (or the resumed run's).</summary>
    public double? LearningRate { get; private init; }
    /// <summary>Target epochs, or null for the model's default (or the resumed run's).</summary>
    public int? Epochs { get; private init; }
    /// <summary>Per-epoch learning-rate factor in (0, 1], or null for the model's default (or the resumed run's).</summary>
    public double? LearningRateDecay { get; private init; }
    /// <summary>Batch size, or null for the default (or the resumed run's).</summary>
    public int? BatchSize { get; private init; }
    /// <summary>Seed, or null for the default (or the resumed run's).</summary>
    public int? Seed { get; private init; }
    /// <summary>Explicit data directory, or null to search for data/MNIST_data.</summary>
    public string DataDir { get; private init; }
    /// <summary>The <c>--class-names</c> value, or null.</summary>
    public string ClassNames { get; private init; }
    /// <summary>Explicit run directory, or null.</summary>
    public string OutputDir { get; private init; }
    /// <summary>Continue an existing run.</summary>
    public bool Resume { get; private init; }
    /// <summary>Checkpoints to keep.</summary>
    public int Keep { get; private init; }
    /// <summary>Steps between logged loss points.</summary>
    public int LogEvery { get; private init; }
    /// <summary>Print only the final line.</summary>
    public bool Quiet { get; private init; }
    /// <summary>Print JSON.</summary>
    public bool Json { get; private init; }
    /// <summary>The device type the session is restricted to (<c>CPU</c>/<c>GPU</c>), or null for the placer's default.</summary>
    public string Device { get; private init; }

    /// <summary>Validates the parsed settings.</summary>
    /// <exception cref="UsageException">A value is invalid or options conflict.</exception>
    public static TrainOptions From(TrainSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var options = new TrainOptions
        {
            Model = OptionValues.Choice("--model", s.Model, ModelCatalog.Names),
            Hidden = OptionValues.PositiveIntList("--hidden", s.Hidden),
            Optimizer = OptionValues.Choice("--optimizer", s.Optimizer, Optimizers.All),
            LearningRate = OptionValues.PositiveDouble("--lr", s.LearningRate),
            Epochs = OptionValues.PositiveInt("--epochs", s.Epochs),
            LearningRateDecay = OptionValues.PositiveDouble("--lr-decay", s.LearningRateDecay),
            BatchSize = OptionValues.PositiveInt("--batch-size", s.BatchSize),
            Seed = OptionValues.Int("--seed", s.Seed, min: 0),
            DataDir = OptionValues.Text("--data", s.Data),
            ClassNames = OptionValues.Text("--class-names", s.ClassNames),
            OutputDir = OptionValues.Text("--output", s.Output),
            Resume = s.Resume,
            Keep = OptionValues.PositiveInt("--keep", s.Keep) ?? 5,
            LogEvery = OptionValues.PositiveInt("--log-every", s.LogEvery) ?? 50,
            Quiet = s.Quiet,
            Json = s.Json,
            Device = DeviceChoice.Resolve(s.Device),
        };
        if (options.LearningRateDecay > 1)
            throw new UsageException($"option --lr-decay must be at most 1 (1 keeps the learning rate constant), got {s.LearningRateDecay}");
        if (options.Quiet && options.Json)
            throw new UsageException("--quiet and --json cannot be combined");
        if (options.Model != null && options.Hidden != null && ModelCatalog.Find(options.Model).DefaultHidden == null)
            throw new UsageException($"--hidden applies to --model {string.Join("/", ModelCatalog.All.Where(a => a.DefaultHidden != null).Select(a => a.Name))} only; the {options.Model} model has no hidden layer");
        return options;
    }

    /// <summary>The configuration of a new run on <paramref name="data"/>: input size and classes come from the data.</summary>
    public RunConfig NewRunConfig(ImageData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var architecture = ModelCatalog.Find(Model ?? ModelCatalog.Default);
        string optimizer = Optimizer ?? Optimizers.Adam;
        int batchSize = BatchSize ?? Math.Min(DefaultBatchSize, data.Train.Count);
        var defaults = architecture.Defaults;
        var (decay, decaySteps) = Decay(LearningRateDecay ?? defaults.LearningRateDecay, null, data, batchSize);
        return new RunConfig
        {
            Model = architecture.Name,
            Hidden = architecture.DefaultHidden == null ? Array.Empty<int>() : Hidden ?? architecture.DefaultHidden,
            Optimizer = optimizer,
            LearningRate = LearningRate ?? Optimizers.DefaultLearningRate(optimizer),
            LearningRateDecay = decay,
            DecaySteps = decaySteps,
            // The default batch shrinks to fit a small dataset; an explicit one that does not fit is an error.
            BatchSize = batchSize,
            Epochs = Epochs ?? defaults.Epochs,
            Seed = Seed ?? 42,
            DataDir = DataDir == null ? null : Path.GetFullPath(DataDir),
            Inputs = data.Inputs,
            ImageHeight = data.Height,
            ImageWidth = data.Width,
            Classes = data.Classes,
            ClassNames = data.ClassNames,
        };
    }

    /// <summary>
    /// The configuration of a resumed run: the saved architecture, with the training settings the user changed.
    /// Changing the architecture would not match the checkpoint, so it is a usage error.
    /// </summary>
    /// <param name="saved">The resumed run's <c>run.json</c>.</param>
    /// <param name="data">The data it resumes on (sizes the decay period when <c>--lr-decay</c> starts a decay the run lacked).</param>
    public RunConfig ResumedRunConfig(RunConfig saved, ImageData data)
    {
        ArgumentNullException.ThrowIfNull(saved);
        ArgumentNullException.ThrowIfNull(data);
        void Same<T>(string option, T given, T savedValue, Func<T, T, bool> equal)
        {
            if (given != null && !equal(given, savedValue))
                throw new UsageException($"{option} {Show(given)} differs from the resumed run's {Show(savedValue)}; a resumed run keeps its architecture");
        }
        Same("--model", Model, saved.Model, string.Equals);
        Same("--hidden", Hidden, saved.Hidden, (a, b) => a.SequenceEqual(b));
        Same("--optimizer", Optimizer, saved.Optimizer, string.Equals);
        int batchSize = BatchSize ?? saved.BatchSize;
        var (decay, decaySteps) = LearningRateDecay is { } given
            ? Decay(given, saved.DecaySteps, data, batchSize)
            : (saved.LearningRateDecay, saved.DecaySteps);
        return new RunConfig
        {
            Model = saved.Model,
            Hidden = saved.Hidden,
            Optimizer = saved.Optimizer,
            LearningRate = LearningRate ?? saved.LearningRate,
            LearningRateDecay = decay,
            DecaySteps = decaySteps,
            BatchSize = batchSize,
            Epochs = Epochs ?? saved.Epochs,
            Seed = Seed ?? saved.Seed,
            DataDir = saved.DataDir,
            Inputs = saved.Inputs,
            ImageHeight = saved.ImageHeight,
            ImageWidth = saved.ImageWidth,
            Classes = saved.Classes,
            ClassNames = saved.ClassNames,
        };
    }

    // A factor of 1 is a constant rate (no schedule in the graph). The period is one epoch, in steps, when the decay
    // starts; an existing period is kept, so the rate stays a function of the checkpoint's global step.
    private static (double? Decay, int? Steps) Decay(double decay, int? savedSteps, ImageData data, int batchSize) =>
        decay < 1 ? (decay, savedSteps ?? Math.Max(1, data.Train.Count / batchSize)) : (null, null);

    private static string Show(object value) => value is int[] sizes ? string.Join(",", sizes) : value?.ToString();
}
