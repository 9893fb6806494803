namespace GraphTrainer.Tutorials;

/// <summary>The tutorial programs by command name, and the command-line entry that runs one.</summary>
public static class TutorialCatalog
{
    /// <summary>A tutorial: its name, the seed it ports, and how to run it with the command-line options.</summary>
    /// <param name="AsPrinted">Description of what <c>--as-printed</c> changes; null when the tutorial has no such variant.</param>
    public sealed record Entry(string Name, string Seed, string Description, Func<TextWriter, TutorialOptions, TutorialResult> Run, string AsPrinted = null);

    /// <summary>Command-line options: a step/epoch override and the seed's unfixed settings.</summary>
    public sealed record TutorialOptions(int? Epochs, bool AsPrinted);

    /// <summary>All tutorials.</summary>
    public static readonly Entry[] All =
    {
        new("mlp-gradient-descent", "000", "784-300-10 MLP, softmax + log cross-entropy, GradientDescent 0.5, 1000 steps of 100",
            (o, opt) => MlpGradientDescent.Run(o, opt.Epochs ?? MlpGradientDescent.Epochs)),
        new("layered-adam", "001", "784-100-100-60-10 get_variable/Xavier net on 'MNIST original' (80/20 split), squared difference, Adam, 20 epochs of 1000; pixels scaled, rate 0.001",
            (o, opt) => LayeredAdam.Run(o, opt.Epochs ?? LayeredAdam.Epochs, opt.AsPrinted),
            AsPrinted: "the seed's raw 0-255 pixels and Adam 0.005 (training collapses to chance)"),
        new("single-layer", "002", "tf.Graph() + as_default, fixed [100,784] placeholders, one softmax layer, GradientDescent 0.01, 1000 steps of 100",
            (o, opt) => SingleLayer.Run(o, opt.Epochs ?? SingleLayer.Steps)),
        new("fc-adam", "003", "784-200-10 fc_layer/get_variable net, Adam 0.001 in an InteractiveSession, 10 epochs of 100, 3x3 digit plots (PNG)",
            (o, opt) => FcAdam.Run(o, opt.Epochs ?? FcAdam.Epochs)),
        new("deep-mnist", "mnist_deep.py", "TensorFlow's Deep MNIST CNN: conv 5x5x32, pool, conv 5x5x64, pool, fc 1024, dropout 0.5, Adam 1e-4, 20,000 steps of 50 (--epochs: steps)",
            (o, opt) => DeepMnist.Run(o, opt.Epochs ?? DeepMnist.Steps)),
    };

    /// <summary>Parses <c>&lt;name&gt; [--epochs N] [--as-printed]</c> and runs the tutorial; returns the process exit code.</summary>
    public static int Main(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            stdout.WriteLine("usage: GraphTrainer.Tutorials <name> [--epochs N] [--as-printed]\n\ntutorials:");
            foreach (var e in All)
            {
                stdout.WriteLine($"  {e.Name,-22} (seed {e.Seed}) {e.Description}");
                if (e.AsPrinted != null) stdout.WriteLine($"  {"",-22} --as-printed: {e.AsPrinted}");
            }
            return args.Length == 0 ? 2 : 0;
        }
        var entry = All.FirstOrDefault(e => e.Name == args[0]);
        if (entry == null)
        {
            stderr.WriteLine($"error: unknown tutorial '{args[0]}'. Known: {string.Join(", ", All.Select(e => e.Name))}");
            return 2;
        }
        int? epochs = null;
        bool asPrinted = false;
        for (int i = 1; i < args.Length; i++)
        {
            if (args[i] == "--epochs" && i + 1 < args.Length && int.TryParse(args[i + 1], out int n) && n > 0) { epochs = n; i++; }
            else if (args[i] == "--as-printed" && entry.AsPrinted != null) asPrinted = true;
            else if (args[i] == "--as-printed") { stderr.WriteLine($"error: {entry.Name} has no --as-printed variant (it runs as the seed prints it)"); return 2; }
            else { stderr.WriteLine($"error: unexpected argument '{args[i]}' (expected --epochs N with N > 0, or --as-printed)"); return 2; }
        }
        entry.Run(stdout, new TutorialOptions(epochs, asPrinted));
        return 0;
    }
}

/// <summary>What a tutorial run measured, for the integration tests.</summary>
public sealed class TutorialResult
{
    /// <summary>Final test accuracy in [0, 1].</summary>
    public double TestAccuracy { get; init; }
    /// <summary>Costs printed during training, in order.</summary>
    public IReadOnlyList<double> Costs { get; init; } = Array.Empty<double>();
    /// <summary>Files the tutorial wrote (plots).</summary>
    public IReadOnlyList<string> Files { get; init; } = Array.Empty<string>();
    /// <summary>Extra named figures.</summary>
    public IReadOnlyDictionary<string, object> Extra { get; init; } = new Dictionary<string, object>();
}
