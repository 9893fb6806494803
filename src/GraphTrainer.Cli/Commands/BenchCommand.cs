using GraphTrainer.Cli.Bench;

namespace GraphTrainer.Cli.Commands;

/// <summary><c>graphtrainer bench</c>: speed figures in the peer script's line format (see <see cref="BenchRunner"/>).</summary>
public sealed class BenchCommand : CliCommand<BenchSettings>
{
    /// <inheritdoc />
    protected override int Run(BenchSettings settings, CliContext context)
    {
        int runs = OptionValues.PositiveInt("--runs", settings.Runs) ?? 3;
        string only = OptionValues.Choice("--only", settings.Only, BenchRunner.Parts);
        string device = DeviceChoice.Resolve(settings.Device);
        return BenchRunner.Run(runs, only, device, context.Out, context.Error);
    }
}
