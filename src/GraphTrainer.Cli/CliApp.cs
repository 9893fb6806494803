using GraphTrainer.Cli.Commands;
using Spectre.Console.Cli;

namespace GraphTrainer.Cli;

/// <summary>
/// The <c>graphtrainer</c> entry point: one Spectre.Console.Cli command tree for every subcommand, so parsing,
/// <c>--help</c>, <c>help COMMAND</c>, <c>--version</c>, suggestions, error lines and exit codes behave the same
/// everywhere. A new command is a class deriving <see cref="CliCommand{TSettings}"/> with its settings class,
/// registered in <see cref="Configure"/> and listed in the settings table below.
/// </summary>
public sealed class CliApp
{
    // Each command's options class, in help order: the source of the command names for messages and suggestions.
    private static readonly (string Name, Type Settings)[] Settings =
    {
        ("train", typeof(TrainSettings)),
        ("eval", typeof(EvalSettings)),
        ("predict", typeof(PredictSettings)),
        ("notebook", typeof(NotebookRunSettings)),
        ("bench", typeof(BenchSettings)),
    };

    /// <summary>The command names, in help order.</summary>
    public static readonly IReadOnlyList<string> CommandNames = Settings.Select(s => s.Name).ToArray();

    /// <summary>The subcommands of <c>notebook</c>.</summary>
    public static readonly IReadOnlyList<string> NotebookCommandNames = new[] { "run" };

    /// <summary>The app with the built-in commands.</summary>
    public static CliApp CreateDefault() => new();

    /// <summary>Runs the command named by <c>args[0]</c>.</summary>
    /// <param name="args">The process arguments.</param>
    /// <param name="context">Where to write; its <see cref="CliContext.Cancellation"/> stops training early.</param>
    /// <returns>An exit code from <see cref="ExitCodes"/>.</returns>
    public int Run(string[] args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        // "help train" is "train --help"; a bare "help" is the top-level help.
        if (args.Length > 0 && args[0] == "help")
            args = args.Length == 1 ? new[] { "--help" } : args[1..].Append("--help").ToArray();
        var app = new CommandApp();
        app.Configure(config => Configure(config, context));
        try
        {
            OptionValueCheck.Check(args, SettingsType(args));
            int code = app.Run(args, context.Cancellation);
            // Spectre answers a bare "graphtrainer" (or "graphtrainer notebook") with the help text; a script that
            // forgot the command should fail with the usage code.
            return args.Length == 0 || (args.Length == 1 && args[0] == "notebook") ? ExitCodes.Usage : code;
        }
        catch (Exception ex)
        {
            return ErrorReport.Write(ex, args, context);
        }
    }

    /// <summary>The settings class of the command <paramref name="args"/> name, or null.</summary>
    public static Type SettingsType(IReadOnlyList<string> args) =>
        args.Count == 0 ? null : Settings.FirstOrDefault(s => s.Name == args[0]).Settings;

    private static void Configure(IConfigurator config, CliContext context)
    {
        config.SetApplicationName("graphtrainer");
        config.SetApplicationVersion(Version);
        config.ConfigureConsole(context.CreateConsole());
        config.PropagateExceptions();
        config.SetHelpProvider(new CliHelpProvider(config.Settings));
        config.UseStrictParsing();
        config.SetApplicationCulture(System.Globalization.CultureInfo.InvariantCulture);
        config.AddCommand<TrainCommand>("train").WithData(context)
            .WithDescription("Train an image classifier on MNIST or any idx dataset (checkpoints, TensorBoard logs, plots).")
            .WithExample("train")
            .WithExample("train", "--model", "softmax", "--optimizer", "sgd", "--lr", "0.5", "--epochs", "10")
            .WithExample("train", "--data", "data/fashion", "--class-names", "data/fashion/class-names.txt")
            .WithExample("train", "--resume", "--output", "data/runs/deep", "--epochs", "10");
        config.AddCommand<EvalCommand>("eval").WithData(context)
            .WithDescription("Evaluate a checkpoint on the train, validation and test splits.")
            .WithExample("eval", "--checkpoint", "data/runs/run-20261123-101500");
        config.AddCommand<PredictCommand>("predict").WithData(context)
            .WithDescription("Classify one test image with a checkpoint and draw it in the terminal.")
            .WithExample("predict", "--checkpoint", "data/runs/run-20261123-101500", "--image", "0");
        config.AddBranch("notebook", notebook =>
        {
            notebook.SetDescription("Run a C# notebook headless.");
            notebook.AddCommand<NotebookRunCommand>("run").WithData(context)
                .WithDescription("Run FILE.ipynb's code cells in order and write the executed notebook.")
                .WithExample("notebook", "run", "notebooks/fc-adam.ipynb", "--set", "epochs=1");
        });
        config.AddCommand<BenchCommand>("bench").WithData(context)
            .WithDescription("Measure training/eval speed, GEMM GFLOP/s, sess.run overhead and per-step allocation.")
            .WithExample("bench", "--only", "overhead");
    }

    /// <summary>The version <c>--version</c> prints: the assembly's informational version without the commit suffix.</summary>
    public static string Version
    {
        get
        {
            var assembly = typeof(CliApp).Assembly;
            string info = assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
                .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion;
            return info?.Split('+')[0] ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
        }
    }
}
