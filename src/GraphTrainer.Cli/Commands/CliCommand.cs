using Spectre.Console.Cli;

namespace GraphTrainer.Cli.Commands;

/// <summary>
/// Base of every <c>graphtrainer</c> command: Spectre.Console.Cli parses the options into
/// <typeparamref name="TSettings"/>; the command gets the <see cref="CliContext"/> registered with it
/// (<c>WithData</c> in <see cref="CliApp"/>). Errors are thrown, never printed here: <see cref="ErrorReport"/>
/// reports them once for all commands.
/// </summary>
/// <typeparam name="TSettings">The command's options.</typeparam>
public abstract class CliCommand<TSettings> : Command<TSettings> where TSettings : CommandSettings
{
    /// <inheritdoc />
    public sealed override int Execute(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        var cli = context.Data as CliContext
                  ?? throw new InvalidOperationException($"The '{context.Name}' command was registered without its CliContext.");
        return Run(settings, cli);
    }

    /// <summary>Does the work. Throw <see cref="Parsing.UsageException"/> or <see cref="CliException"/> for user errors.</summary>
    /// <param name="settings">The parsed options.</param>
    /// <param name="context">Where to write, and the Ctrl+C token.</param>
    /// <returns>An exit code from <see cref="ExitCodes"/>.</returns>
    protected abstract int Run(TSettings settings, CliContext context);
}
