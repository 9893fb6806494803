using GraphTrainer.Cli.Output;
using GraphTrainer.Cli.Training;

namespace GraphTrainer.Cli.Commands;

/// <summary>
/// <c>graphtrainer train</c>: trains an image classifier with a model summary, Keras-style progress, checkpoints,
/// TensorBoard logs, plots and a summary ending in <c>Test accuracy: NN.NN%</c>.
/// </summary>
public sealed class TrainCommand : CliCommand<TrainSettings>
{
    /// <inheritdoc />
    protected override int Run(TrainSettings settings, CliContext context)
    {
        var options = TrainOptions.From(settings);
        var console = context.CreateConsole();
        bool silent = options.Quiet || options.Json;
        ITrainingReporter reporter = silent ? new SilentReporter()
            : context.Interactive ? new LiveReporter(console)
            : new PlainReporter(context.Out);

        // Notes (a damaged state file worked around, a resume that starts afresh) go to stderr in --json/--quiet
        // mode so stdout stays machine-readable.
        var result = TrainRunner.Run(options, reporter, silent ? context.Error : context.Out, context.Cancellation);

        if (result.Interrupted)
        {
            context.Error.WriteLine(Format.Invariant(
                $"interrupted: saved {result.Checkpoint} at step {result.GlobalStep:N0}; resume with: graphtrainer train --resume --output \"{result.OutputDir}\""));
            return ExitCodes.Interrupted;
        }
        if (options.Json)
            JsonOutput.Write(context.Out, JsonOutput.Describe(result));
        else if (options.Quiet)
            context.Out.WriteLine(TrainReport.FinalLine(result.Test.Accuracy));
        else
            TrainReport.Write(console, context.Out, result);
        return ExitCodes.Success;
    }
}
