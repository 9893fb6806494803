using System.Text.Json;
using System.Text.Json.Serialization;

namespace GraphTrainer.Cli.Model;

/// <summary>
/// What a run's graph is made of and how it is trained, saved as <c>run.json</c> next to the checkpoints so
/// <c>eval</c>, <c>predict</c> and <c>train --resume</c> rebuild the same graph (a checkpoint holds values, not
/// the architecture).
/// </summary>
public sealed class RunConfig
{
    /// <summary>The file name inside a run directory.</summary>
    public const string FileName = "run.json";

    /// <summary>Version of this file's layout; bumped on incompatible changes.</summary>
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Layout version (<see cref="CurrentFormat"/>).</summary>
    public int Format { get; set; } = CurrentFormat;

    /// <summary>A <see cref="ModelCatalog"/> name: <c>mlp</c>, <c>softmax</c>.</summary>
    public string Model { get; set; } = ModelCatalog.Default;

    /// <summary>Hidden layer sizes, input to output; empty for <c>softmax</c>.</summary>
    public int[] Hidden { get; set; } = { 300 };

    /// <summary>Optimizer name (see <see cref="Optimizers"/>).</summary>
    public string Optimizer { get; set; } = Optimizers.Adam;

    /// <summary>Learning rate.</summary>
    public double LearningRate { get; set; } = 0.001;

    /// <summary>
    /// Factor the learning rate is multiplied by every <see cref="DecaySteps"/> steps, applied smoothly
    /// (<c>tf.train.exponential_decay</c> on the global step, staircase false); null for a constant rate (and in runs
    /// written before decay existed).
    /// </summary>
    public double? LearningRateDecay { get; set; }

    /// <summary>
    /// Steps per decay period: one epoch of the run when it started. Kept when a resumed run changes its batch size,
    /// so the schedule stays a function of the global step saved in the checkpoint. Null without decay.
    /// </summary>
    public int? DecaySteps { get; set; }

    /// <summary>Examples per training step.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Total epochs the run aims for (a resumed run continues up to it).</summary>
    public int Epochs { get; set; } = 5;

    /// <summary>Graph-level random seed (weights init) and data shuffling seed.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Where the idx files were read from (informational; eval and predict may be given another).</summary>
    public string DataDir { get; set; }

    /// <summary>Input features per example: image rows × columns (784 for MNIST).</summary>
    public int Inputs { get; set; } = 784;

    /// <summary>Image rows, read from the training data (28 for MNIST); 0 in runs written before it was recorded
    /// (then the images are taken to be square).</summary>
    public int ImageHeight { get; set; }

    /// <summary>Image columns (28 for MNIST); see <see cref="ImageHeight"/>.</summary>
    public int ImageWidth { get; set; }

    /// <summary>Classes, read from the labels (10 for MNIST).</summary>
    public int Classes { get; set; } = 10;

    /// <summary>Names of the classes for plots and <c>predict</c>; null means the class numbers.</summary>
    public string[] ClassNames { get; set; }

    /// <summary>The architecture named by <see cref="Model"/>.</summary>
    [JsonIgnore]
    public IModelArchitecture Architecture => ModelCatalog.Find(Model);

    /// <summary>Image rows and columns: as recorded, else the square root of <see cref="Inputs"/>.</summary>
    [JsonIgnore]
    public (int Height, int Width) ImageSize
    {
        get
        {
            if (ImageHeight > 0 && ImageWidth > 0)
                return (ImageHeight, ImageWidth);
            int side = (int)Math.Round(Math.Sqrt(Inputs));
            return side * side == Inputs ? (side, side) : (1, Inputs);
        }
    }

    /// <summary>The name of class <paramref name="index"/>: its entry in <see cref="ClassNames"/>, else the number.</summary>
    public string ClassName(int index) =>
        ClassNames != null && index >= 0 && index < ClassNames.Length ? ClassNames[index] : index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A short description, e.g. <c>mlp 784-300-10 relu, adam lr 0.001</c>.</summary>
    [JsonIgnore]
    public string Description =>
        $"{Model} {Architecture?.Describe(this) ?? string.Join("-", LayerSizes)}, {Optimizer} lr {LearningRate:G4}{DecayDescription}, batch {BatchSize}";

    // " decaying x0.5 per 550 steps", or nothing for a constant rate.
    private string DecayDescription => LearningRateDecay is { } decay ? $" decaying x{decay:G4} per {DecaySteps} steps" : "";

    /// <summary>All layer widths including input and output: 784, 300, 10.</summary>
    [JsonIgnore]
    public IReadOnlyList<int> LayerSizes => Hidden.Prepend(Inputs).Append(Classes).ToArray();

    /// <summary>Checks the values are usable; throws a <see cref="CliException"/> naming <paramref name="source"/> otherwise.</summary>
    public void Validate(string source)
    {
        string problem =
            Format != CurrentFormat ? $"unsupported format {Format} (this version reads {CurrentFormat})" :
            Architecture == null ? $"unknown model '{Model}'" :
            !Optimizers.All.Contains(Optimizer) ? $"unknown optimizer '{Optimizer}'" :
            Hidden == null || Hidden.Any(h => h <= 0) ? "hidden sizes must be positive" :
            Architecture.Validate(this) is { } modelProblem ? modelProblem :
            ClassNames != null && ClassNames.Length != Classes ? $"{ClassNames.Length} class names for {Classes} classes" :
            !(LearningRate > 0) || !double.IsFinite(LearningRate) ? "learning rate must be positive" :
            LearningRateDecay is { } decay && !(decay > 0 && decay <= 1) ? "learning rate decay must be in (0, 1]" :
            LearningRateDecay != null && !(DecaySteps > 0) ? "a decaying learning rate needs positive decaySteps" :
            BatchSize <= 0 || Epochs <= 0 || Inputs <= 0 || Classes <= 0 ? "sizes and epochs must be positive" :
            null;
        if (problem != null)
            throw new CliException($"{source}: {problem}");
    }

    /// <summary>Writes <c>run.json</c> into <paramref name="directory"/>.</summary>
    public void Save(string directory)
    {
        string path = Path.Combine(directory, FileName);
        string temp = path + ".tmp-" + Environment.ProcessId;
        // Write then rename, so an interrupted save never leaves a half-written run.json beside good checkpoints.
        File.WriteAllText(temp, JsonSerializer.Serialize(this, Json) + "\n");
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads <c>run.json</c> from <paramref name="directory"/>.</summary>
    /// <exception cref="CliException">The file is missing, is not valid JSON, or holds invalid values.</exception>
    public static RunConfig Load(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            throw new CliException($"{path} not found: '{directory}' is not a graphtrainer run directory (train writes run.json next to its checkpoints)");
        RunConfig config;
        try
        {
            config = JsonSerializer.Deserialize<RunConfig>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new CliException($"{path} is not valid: {ex.Message}", ex);
        }
        if (config == null)
            throw new CliException($"{path} is empty");
        config.Validate(path);
        return config;
    }
}
