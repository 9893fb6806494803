using GraphTrainer.Cli.Model;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace GraphTrainer.Cli;

/// <summary>
/// Spectre's help with a footer: the models <c>train --model</c> accepts (from <see cref="ModelCatalog"/>, so a new
/// model appears without touching the help) and the exit codes every command shares.
/// </summary>
public sealed class CliHelpProvider : HelpProvider
{
    /// <summary>Creates the provider.</summary>
    public CliHelpProvider(ICommandAppSettings settings) : base(settings) { }

    /// <inheritdoc />
    public override IEnumerable<IRenderable> GetFooter(ICommandModel model, ICommandInfo command)
    {
        var text = new System.Text.StringBuilder("\n");
        if (command?.Name == "train")
        {
            text.Append("[yellow]MODELS:[/]\n");
            int width = ModelCatalog.Names.Max(n => n.Length) + 4;
            foreach (var architecture in ModelCatalog.All)
                text.Append("    ").Append(Markup.Escape(architecture.Name.PadRight(width) + architecture.Summary)).Append('\n');
            text.Append('\n');
        }
        text.Append("[yellow]EXIT CODES:[/]\n    ").Append(Markup.Escape(
            $"{ExitCodes.Success} success, {ExitCodes.Failure} failure (data, files, checkpoint, diverged training), " +
            $"{ExitCodes.Usage} usage error, {ExitCodes.InternalError} internal error, {ExitCodes.Interrupted} interrupted by Ctrl+C")).Append('\n');
        return new IRenderable[] { new Markup(text.ToString()) };
    }
}
