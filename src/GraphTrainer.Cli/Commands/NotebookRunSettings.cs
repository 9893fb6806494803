using System.ComponentModel;
using Spectre.Console.Cli;

namespace GraphTrainer.Cli.Commands;

/// <summary>The arguments of <c>graphtrainer notebook run</c>.</summary>
public sealed class NotebookRunSettings : CommandSettings
{
    /// <summary>The notebook.</summary>
    [CommandArgument(0, "<FILE>")]
    [Description("The notebook to run (.ipynb).")]
    public string File { get; set; }

    /// <summary>--output.</summary>
    [CommandOption("-o|--output <OUT>")]
    [Description("Where to write the executed notebook (default FILE.executed.ipynb beside FILE).")]
    public string Output { get; set; }

    /// <summary>--set, repeatable.</summary>
    [CommandOption("--set <NAME=VALUE>")]
    [Description("Override a parameter of the cell tagged 'parameters' (repeatable).")]
    public string[] Set { get; set; }

    /// <summary>--timeout.</summary>
    [CommandOption("--timeout <SECONDS>")]
    [Description("Fail a cell that runs longer than this.")]
    public string Timeout { get; set; }

    /// <summary>--reference, repeatable.</summary>
    [CommandOption("-r|--reference <DLL>")]
    [Description("Reference another assembly in every cell (repeatable); the engine is always referenced.")]
    public string[] References { get; set; }
}
