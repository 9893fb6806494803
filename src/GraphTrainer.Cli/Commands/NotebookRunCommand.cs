using GraphTrainer.Cli.Parsing;
using GraphTrainer.Notebooks;

namespace GraphTrainer.Cli.Commands;

/// <summary>
/// <c>graphtrainer notebook run FILE [--output OUT] [--set k=v]...</c>: parsed here like every other command,
/// then handed to GraphTrainer.Notebooks through its one stable entry point, <see cref="NotebookCommand.Run"/>,
/// as a canonical argument list (with the engine assembly referenced so cells can use <c>tf</c>). How notebooks are
/// executed stays the notebook package's business.
/// </summary>
public sealed class NotebookRunCommand : CliCommand<NotebookRunSettings>
{
    /// <summary>Paths of the assemblies every notebook cell references: the engine (GraphTrainer.dll).</summary>
    public static IReadOnlyList<string> EngineReferences => new[] { typeof(tf).Assembly.Location };

    /// <summary>The argument list handed to <see cref="NotebookCommand.Run"/> for <paramref name="settings"/>.</summary>
    /// <exception cref="UsageException">A <c>--set</c> value is not <c>name=value</c>.</exception>
    public static string[] Handover(NotebookRunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var args = new List<string> { "run", OptionValues.Text("FILE", settings.File) ?? throw new UsageException("notebook run needs FILE") };
        if (OptionValues.Text("--output", settings.Output) is { } output)
            args.AddRange(new[] { "--output", output });
        foreach (string assignment in settings.Set ?? Array.Empty<string>())
        {
            if (assignment.IndexOf('=') <= 0)
                throw new UsageException($"option --set expects NAME=VALUE, got '{assignment}'");
            args.AddRange(new[] { "--set", assignment });
        }
        if (OptionValues.PositiveDouble("--timeout", settings.Timeout) is { } timeout)
            args.AddRange(new[] { "--timeout", timeout.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        foreach (string reference in (settings.References ?? Array.Empty<string>()).Concat(EngineReferences))
            args.AddRange(new[] { "--reference", reference });
        return args.ToArray();
    }

    /// <inheritdoc />
    protected override int Run(NotebookRunSettings settings, CliContext context) =>
        NotebookCommand.Run(Handover(settings), context.Out, context.Error);
}
