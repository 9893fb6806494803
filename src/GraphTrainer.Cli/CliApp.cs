using GraphTrainer.Cli.Commands;

namespace GraphTrainer.Cli;

/// <summary>
/// The <c>graphtrainer</c> entry point: picks the subcommand by its first argument from a table of
/// <see cref="ICommand"/>s. New commands (e.g. <c>bench</c>) are one class under <c>Commands/</c> plus one line
/// in <see cref="DefaultCommands"/>.
/// </summary>
public sealed class CliApp
{
    private readonly IReadOnlyList<ICommand> _commands;

    /// <summary>Creates the app over a command table.</summary>
    /// <param name="commands">The subcommands; names must be unique.</param>
    public CliApp(IEnumerable<ICommand> commands)
    {
        _commands = commands.ToList();
        var duplicate = _commands.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null)
            throw new ArgumentException($"Two commands are named '{duplicate.Key}'.", nameof(commands));
    }

    /// <summary>The built-in commands, in help order.</summary>
    public static IReadOnlyList<ICommand> DefaultCommands() => new ICommand[]
    {
        new TrainCommand(),
        new EvalCommand(),
        new PredictCommand(),
        new NotebookCliCommand(),
        new BenchCliCommand(),
    };

    /// <summary>The app with <see cref="DefaultCommands"/>.</summary>
    public static CliApp CreateDefault() => new(DefaultCommands());

    /// <summary>The registered commands.</summary>
    public IReadOnlyList<ICommand> Commands => _commands;

    /// <summary>Runs the command named by <c>args[0]</c>.</summary>
    /// <param name="args">The process arguments.</param>
    /// <param name="context">Where to write.</param>
    /// <returns>The exit code.</returns>
    public int Run(string[] args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            context.Out.Write(Help());
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Success;
        }
        var command = _commands.FirstOrDefault(c => c.Name == args[0]);
        if (command == null)
        {
            context.Error.WriteLine($"error: unknown command '{args[0]}'; expected one of: {string.Join(", ", _commands.Select(c => c.Name))}");
            return ExitCodes.Usage;
        }
        return command.Run(args[1..], context);
    }

    /// <summary>The top-level help text.</summary>
    public string Help()
    {
        int width = _commands.Max(c => c.Name.Length) + 3;
        var lines = _commands.Select(c => "  " + c.Name.PadRight(width) + c.Summary);
        return "Usage: graphtrainer COMMAND [options]\n\nCommands:\n" + string.Join("\n", lines) +
               "\n\nRun 'graphtrainer COMMAND --help' for a command's options.\n";
    }
}
