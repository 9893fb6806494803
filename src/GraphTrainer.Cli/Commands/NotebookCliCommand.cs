using GraphTrainer.Notebooks;

namespace GraphTrainer.Cli.Commands;

/// <summary>
/// <c>graphtrainer notebook run FILE.ipynb [...]</c>: hands the arguments to GraphTrainer.Notebooks'
/// <see cref="NotebookCommand"/>, adding the engine assembly as a reference so cells can use <c>tf</c>.
/// </summary>
public sealed class NotebookCliCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "notebook";

    /// <inheritdoc />
    public string Summary => "Run a C# notebook headless: notebook run FILE.ipynb [--output OUT] [--set k=v] [-r X.dll]";

    /// <summary>Paths of the assemblies every notebook cell references: the engine (GraphTrainer.dll).</summary>
    public static IReadOnlyList<string> EngineReferences => new[] { typeof(tf).Assembly.Location };

    /// <inheritdoc />
    public int Run(string[] args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        // Help and usage errors need no references; adding them would only clutter NotebookCommand's messages.
        bool wantsHelp = args.Length == 0 || args.Any(a => a is "--help" or "-h");
        var forwarded = wantsHelp
            ? args
            : args.Concat(EngineReferences.SelectMany(path => new[] { "-r", path })).ToArray();
        return NotebookCommand.Run(forwarded, context.Out, context.Error);
    }
}
