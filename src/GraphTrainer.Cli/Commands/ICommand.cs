namespace GraphTrainer.Cli.Commands;

/// <summary>
/// A <c>graphtrainer</c> subcommand. To add one (e.g. <c>bench</c>), write a class implementing this interface
/// under <c>Commands/</c> and add an instance to <see cref="CliApp.DefaultCommands"/>.
/// </summary>
public interface ICommand
{
    /// <summary>The word that selects the command: <c>train</c>.</summary>
    string Name { get; }

    /// <summary>One line for the top-level help.</summary>
    string Summary { get; }

    /// <summary>Runs the command; never throws for user errors.</summary>
    /// <param name="args">The arguments after the command name.</param>
    /// <param name="context">Where to write.</param>
    /// <returns>An exit code from <see cref="ExitCodes"/>.</returns>
    int Run(string[] args, CliContext context);
}
