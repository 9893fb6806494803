using GraphTrainer.Cli.Bench;

namespace GraphTrainer.Cli.Commands;

/// <summary><c>graphtrainer bench</c>: speed figures in the peer script's line format (see <see cref="BenchCommand"/>).</summary>
public sealed class BenchCliCommand : ICommand
{
    /// <inheritdoc/>
    public string Name => "bench";

    /// <inheritdoc/>
    public string Summary => "Measure training/eval speed, GEMM GFLOP/s, sess.run overhead and per-step allocation";

    /// <inheritdoc/>
    public int Run(string[] args, CliContext context) => BenchCommand.Run(args, context.Out, context.Error);
}
