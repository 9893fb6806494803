using System.ComponentModel;
using Spectre.Console.Cli;

namespace GraphTrainer.Cli.Commands;

/// <summary>The options of <c>graphtrainer predict</c>.</summary>
public sealed class PredictSettings : CommandSettings
{
    /// <summary>--checkpoint.</summary>
    [CommandOption("-c|--checkpoint <PATH>")]
    [Description("Run directory (its latest checkpoint) or a checkpoint prefix. Required.")]
    public string Checkpoint { get; set; }

    /// <summary>--image.</summary>
    [CommandOption("-i|--image <N>")]
    [Description("Index of the test image, from 0. Required.")]
    public string Image { get; set; }

    /// <summary>--data.</summary>
    [CommandOption("--data <DIR>")]
    [Description("Directory with the idx files (default: the run's, else data/MNIST_data).")]
    public string Data { get; set; }

    /// <summary>--json.</summary>
    [CommandOption("--json")]
    [Description("Print one JSON object instead of text.")]
    public bool Json { get; set; }
}
