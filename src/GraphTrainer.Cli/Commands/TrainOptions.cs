using GraphTrainer.Cli.Model;
using GraphTrainer.Cli.Parsing;

namespace GraphTrainer.Cli.Commands;

/// <summary>The options of <c>graphtrainer train</c>, parsed and validated.</summary>
public sealed class TrainOptions
{
    /// <summary>Default epochs: 5 epochs of the default MLP reach ~98% test accuracy.</summary>
    public const int DefaultEpochs = 5;

    /// <summary>The option table (also the source of the help text).</summary>
    public static readonly IReadOnlyList<OptionSpec> Specs = new[]
    {
        OptionSpec.Value("--model", "NAME", $"Model: {string.Join(" | ", ModelKinds.All)} (default mlp)."),
        OptionSpec.Value("--hidden", "SIZES", "Hidden layer sizes of the mlp, e.g. 300 or 256,128 (default 300)."),
        OptionSpec.Value("--optimizer", "NAME", $"Optimizer: {string.Join(" | ", Optimizers.All)} (default adam)."),
        OptionSpec.Value("--lr", "RATE", "Learning rate (default per optimizer: adam/rmsprop 0.001, sgd 0.5, momentum 0.05, adagrad 0.1).", "--learning-rate"),
        OptionSpec.Value("--epochs", "N", $"Epochs to train to, counting epochs already done when resuming (default {DefaultEpochs})."),
        OptionSpec.Value("--batch-size", "N", "Examples per step (default 100).", "--batch"),
        OptionSpec.Value("--seed", "N", "Random seed for weights and shuffling (default 42)."),
        OptionSpec.Value("--data", "DIR", "Directory with the four MNIST .gz files (default data/MNIST_data)."),
        OptionSpec.Value("--output", "DIR", "Run directory for checkpoints, run.json, TensorBoard logs and plots (default a new data/runs/run-<time>).", "-o"),
        OptionSpec.Flag("--resume", "Continue the run in --output (default: the newest run under data/runs) from its latest checkpoint."),
        OptionSpec.Value("--keep", "N", "Checkpoints to keep (tf.train.Saver max_to_keep; default 5)."),
        OptionSpec.Value("--log-every", "N", "Steps between TensorBoard loss/accuracy points (default 50)."),
        OptionSpec.Flag("--quiet", "Print only the final 'Test accuracy: ...' line.", "-q"),
        OptionSpec.Flag("--json", "Print one JSON object with the results instead of text."),
    };

    /// <summary>Model name, or null to keep the resumed run's.</summary>
    public string Model { get; private init; }
    /// <summary>Hidden sizes, or null for the default (or the resumed run's).</summary>
    public int[] Hidden { get; private init; }
    /// <summary>Optimizer, or null to keep the resumed run's.</summary>
    public string Optimizer { get; private init; }
    /// <summary>Learning rate, or null for the optimizer's default (or the resumed run's).</summary>
    public double? LearningRate { get; private init; }
    /// <summary>Target epochs, or null for the default (or the resumed run's).</summary>
    public int? Epochs { get; private init; }
    /// <summary>Batch size, or null for the default (or the resumed run's).</summary>
    public int? BatchSize { get; private init; }
    /// <summary>Seed, or null for the default (or the resumed run's).</summary>
    public int? Seed { get; private init; }
    /// <summary>Explicit data directory, or null to search for data/MNIST_data.</summary>
    public string DataDir { get; private init; }
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

    /// <summary>Reads and validates the options.</summary>
    /// <exception cref="UsageException">A value is invalid or options conflict.</exception>
    public static TrainOptions Parse(ParsedArgs args)
    {
        var options = new TrainOptions
        {
            Model = args.Has("--model") ? args.GetChoice("--model", ModelKinds.All, null) : null,
            Hidden = args.GetPositiveIntList("--hidden"),
            Optimizer = args.Has("--optimizer") ? args.GetChoice("--optimizer", Optimizers.All, null) : null,
            LearningRate = args.GetPositiveDouble("--lr"),
            Epochs = args.Has("--epochs") ? args.GetPositiveInt("--epochs", 0) : null,
            BatchSize = args.Has("--batch-size") ? args.GetPositiveInt("--batch-size", 0) : null,
            Seed = args.Has("--seed") ? args.GetInt("--seed", 0, min: 0) : null,
            DataDir = args.GetString("--data"),
            OutputDir = args.GetString("--output"),
            Resume = args.Has("--resume"),
            Keep = args.GetPositiveInt("--keep", 5),
            LogEvery = args.GetPositiveInt("--log-every", 50),
            Quiet = args.Has("--quiet"),
            Json = args.Has("--json"),
        };
        if (options.Quiet && options.Json)
            throw new UsageException("--quiet and --json cannot be combined");
        if (options.Model == ModelKinds.Softmax && options.Hidden != null)
            throw new UsageException("--hidden applies to --model mlp only; the softmax model has no hidden layer");
        return options;
    }

    /// <summary>The configuration of a new run.</summary>
    public RunConfig NewRunConfig(string dataDir)
    {
        string model = Model ?? ModelKinds.Mlp;
        string optimizer = Optimizer ?? Optimizers.Adam;
        return new RunConfig
        {
            Model = model,
            Hidden = model == ModelKinds.Softmax ? Array.Empty<int>() : Hidden ?? new[] { 300 },
            Optimizer = optimizer,
            LearningRate = LearningRate ?? Optimizers.DefaultLearningRate(optimizer),
            BatchSize = BatchSize ?? 100,
            Epochs = Epochs ?? DefaultEpochs,
            Seed = Seed ?? 42,
            DataDir = dataDir,
        };
    }

    /// <summary>
    /// The configuration of a resumed run: the saved architecture, with the training settings the user changed.
    /// Changing the architecture would not match the checkpoint, so it is a usage error.
    /// </summary>
    public RunConfig ResumedRunConfig(RunConfig saved)
    {
        void Same<T>(string option, T given, T savedValue, Func<T, T, bool> equal)
        {
            if (given != null && !equal(given, savedValue))
                throw new UsageException($"{option} {Show(given)} differs from the resumed run's {Show(savedValue)}; a resumed run keeps its architecture");
        }
        Same("--model", Model, saved.Model, string.Equals);
        Same("--hidden", Hidden, saved.Hidden, (a, b) => a.SequenceEqual(b));
        Same("--optimizer", Optimizer, saved.Optimizer, string.Equals);
        return new RunConfig
        {
            Model = saved.Model,
            Hidden = saved.Hidden,
            Optimizer = saved.Optimizer,
            LearningRate = LearningRate ?? saved.LearningRate,
            BatchSize = BatchSize ?? saved.BatchSize,
            Epochs = Epochs ?? saved.Epochs,
            Seed = Seed ?? saved.Seed,
            DataDir = saved.DataDir,
            Inputs = saved.Inputs,
            Classes = saved.Classes,
        };
    }

    private static string Show(object value) => value is int[] sizes ? string.Join(",", sizes) : value?.ToString();
}
