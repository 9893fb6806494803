namespace GraphTrainer.Gpu.Tests.Check;

/// <summary>
/// How far the training checks (<c>Category=GpuCheck</c>) go, from the environment variable <c>GRAPHTRAINER_CHECK</c>:
/// unset or <c>off</c> skips them (CI's <c>dotnet test</c>); <c>full</c> trains to the tutorials' accuracies and times
/// whole MNIST epochs (scripts/gpu-check.sh on an NVIDIA GPU); <c>tiny</c> runs the same code at a size the emulated GPU
/// finishes in about a minute (scripts/gpu-check.sh --emulated, a dry run).
/// </summary>
/// <param name="Mode"><c>off</c>, <c>tiny</c> or <c>full</c>.</param>
/// <param name="MlpTutorialSteps">Training steps of the seed-000 tutorial run (its <c>epochs</c> parameter); null keeps the tutorial's 1,000.</param>
/// <param name="MlpMinAccuracy">Test accuracy the seed-000 tutorial run must reach.</param>
/// <param name="CnnTutorialSteps">Training steps of the deep-mnist tutorial run (its <c>steps</c> parameter).</param>
/// <param name="CnnMinAccuracy">Test accuracy the deep-mnist tutorial run must reach.</param>
/// <param name="StepsPerEpoch">Steps of a timed epoch; null for a whole epoch (55,000 training images / batch).</param>
/// <param name="TimedEpochs">Epochs timed after one warm-up epoch (the median is reported).</param>
/// <param name="EvalRows">Test images the timed session's accuracy is measured on; null for all of the test set.</param>
/// <param name="TinyData">Training and test rows of a cut-down MNIST (<see cref="TinyMnist"/>) to run on; null for MNIST itself.</param>
public sealed record CheckSettings(string Mode, int? MlpTutorialSteps, double MlpMinAccuracy, int CnnTutorialSteps, double CnnMinAccuracy,
    int? StepsPerEpoch, int TimedEpochs, int? EvalRows, (int Train, int Test)? TinyData = null)
{
    /// <summary>The environment variable that turns the checks on: <c>full</c> or <c>tiny</c>.</summary>
    public const string ModeVariable = "GRAPHTRAINER_CHECK";

    /// <summary>Overrides <see cref="TimedEpochs"/>.</summary>
    public const string TimedEpochsVariable = "GRAPHTRAINER_CHECK_TIMED_EPOCHS";

    /// <summary>Set to 1 to accept ops of a training step left on the CPU on a real GPU (reported either way).</summary>
    public const string AllowCpuOpsVariable = "GRAPHTRAINER_CHECK_ALLOW_CPU_OPS";

    /// <summary>Set to 1 to run the CNN check in the tiny (emulated) mode too.</summary>
    public const string TinyCnnVariable = "GRAPHTRAINER_CHECK_TINY_CNN";

    /// <summary>True when the checks run at all.</summary>
    public bool Enabled => Mode != "off";

    /// <summary>Why the CNN check does not run with these settings, or null when it does.</summary>
    public string CnnSkipReason =>
        !Enabled ? $"set {ModeVariable}=full (a GPU) or tiny (emulated dry run)"
        : Mode == "tiny" && Environment.GetEnvironmentVariable(TinyCnnVariable) != "1"
            ? $"the CNN takes minutes per step on the emulated GPU; set {TinyCnnVariable}=1 to run it anyway"
            : null;

    /// <summary>The settings the process's environment asks for.</summary>
    public static CheckSettings FromEnvironment() => For(Environment.GetEnvironmentVariable(ModeVariable), Environment.GetEnvironmentVariable(TimedEpochsVariable));

    /// <summary>The settings for a <c>GRAPHTRAINER_CHECK</c> value and an optional timed-epoch count.</summary>
    /// <exception cref="InvalidOperationException">An unknown mode or a timed-epoch count that is not a positive integer.</exception>
    public static CheckSettings For(string mode, string timedEpochs = null)
    {
        var settings = mode?.Trim().ToLowerInvariant() switch
        {
            null or "" or "off" => new CheckSettings("off", null, 0, 0, 0, null, 0, null),
            // The tutorial's own 1,000 steps ("about 0.97"); deep-mnist at CI's 1,000 steps, whose CI minimum is 0.94.
            "full" => new CheckSettings("full", null, 0.95, 1000, 0.94, null, 3, null),
            // The emulated GPU runs about a microsecond per element (an MLP step of batch 100 takes seconds there): a few
            // steps on 500 training images (5,500 less the 5,000 read_data_sets keeps for validation) and 100 test images
            // prove the code path, and 8 steps at rate 0.5 move the MLP off chance (0.1; 5 steps gave 0.26 to 0.58 here). The CNN is ten
            // times the MLP's work per step: the dry run skips it unless GRAPHTRAINER_CHECK_TINY_CNN=1.
            "tiny" => new CheckSettings("tiny", 8, 0.2, 1, 0, 2, 1, null, (5_500, 100)),
            _ => throw new InvalidOperationException($"{ModeVariable}={mode}: expected off, tiny or full."),
        };
        if (timedEpochs == null) return settings;
        return int.TryParse(timedEpochs, out int n) && n > 0
            ? settings with { TimedEpochs = n }
            : throw new InvalidOperationException($"{TimedEpochsVariable}={timedEpochs}: expected a positive integer.");
    }
}
