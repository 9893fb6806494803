using GraphTrainer.Cli.Parsing;

namespace GraphTrainer.Cli.Commands;

/// <summary>
/// Shared shape of the option-parsing commands: declare <see cref="Options"/>, implement <see cref="Execute"/>.
/// Parsing, <c>--help</c>, and turning user errors into one-line messages and exit codes happen here once.
/// </summary>
public abstract class CommandBase : ICommand
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract string Summary { get; }

    /// <summary>The synopsis after <c>graphtrainer</c>, e.g. <c>eval --checkpoint DIR [options]</c>.</summary>
    protected abstract string Synopsis { get; }

    /// <summary>The options the command accepts.</summary>
    protected abstract IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>Text after the options in the help (defaults, examples); may be empty.</summary>
    protected virtual string HelpFooter => "";

    /// <summary>How many positional arguments the command accepts.</summary>
    protected virtual int MaxPositionals => 0;

    /// <summary>The full help text.</summary>
    public string Help =>
        $"Usage: graphtrainer {Synopsis}\n\n{Summary}\n\nOptions:\n{OptionParser.FormatOptions(Options)}" +
        (HelpFooter.Length > 0 ? "\n" + HelpFooter.TrimEnd() + "\n" : "");

    /// <inheritdoc />
    public int Run(string[] args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var parsed = OptionParser.Parse(Name, args, Options, MaxPositionals);
            if (parsed.WantsHelp)
            {
                context.Out.Write(Help);
                return ExitCodes.Success;
            }
            return Execute(parsed, context);
        }
        catch (UsageException ex)
        {
            // One line, so scripts can show it as is; the options are one 'graphtrainer NAME --help' away.
            context.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (UserErrors.IsUserError(ex))
        {
            context.Error.WriteLine($"error: {UserErrors.Describe(ex)}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>Does the work after parsing. Throw <see cref="UsageException"/> or <see cref="CliException"/> for user errors.</summary>
    /// <param name="args">The parsed arguments.</param>
    /// <param name="context">Where to write.</param>
    /// <returns>An exit code.</returns>
    protected abstract int Execute(ParsedArgs args, CliContext context);
}
