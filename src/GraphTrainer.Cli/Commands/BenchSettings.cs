using System.ComponentModel;
using Spectre.Console.Cli;

namespace GraphTrainer.Cli.Commands;

/// <summary>The options of <c>graphtrainer bench</c>.</summary>
public sealed class BenchSettings : CommandSettings
{
    /// <summary>--runs.</summary>
    [CommandOption("--runs <N>")]
    [Description("Timed runs per metric; the median is printed (default 3; GEMM rates use at least 5).")]
    public string Runs { get; set; }

    /// <summary>--only.</summary>
    [CommandOption("--device <DEVICE>")]
    [Description("cpu | gpu: time the workloads on that device only (default: the CPU, then the GPU when one is present; GPU lines are prefixed gpu_).")]
    public string Device { get; set; }

    /// <summary>--only.</summary>
    [CommandOption("--only <PART>")]
    [Description("Run one part: mlp | gemm | overhead | cnn (default all).")]
    public string Only { get; set; }
}
