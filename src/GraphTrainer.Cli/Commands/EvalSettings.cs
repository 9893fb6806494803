using System.ComponentModel;
using Spectre.Console.Cli;

namespace GraphTrainer.Cli.Commands;

/// <summary>The options of <c>graphtrainer eval</c>.</summary>
public sealed class EvalSettings : CommandSettings
{
    /// <summary>--checkpoint.</summary>
    [CommandOption("-c|--checkpoint <PATH>")]
    [Description("Run directory (its latest checkpoint) or a checkpoint prefix (DIR/model.ckpt-550). Required.")]
    public string Checkpoint { get; set; }

    /// <summary>--data.</summary>
    [CommandOption("--data <DIR>")]
    [Description("Directory with the idx files (default: the run's, else data/MNIST_data).")]
    public string Data { get; set; }

    /// <summary>--quiet.</summary>
    [CommandOption("-q|--quiet")]
    [Description("Print only the final 'Test accuracy: ...' line.")]
    public bool Quiet { get; set; }

    /// <summary>--json.</summary>
    [CommandOption("--json")]
    [Description("Print one JSON object instead of text.")]
    public bool Json { get; set; }
}
