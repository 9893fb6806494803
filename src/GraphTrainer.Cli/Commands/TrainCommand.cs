using GraphTrainer.Cli.Output;
using GraphTrainer.Cli.Parsing;
using GraphTrainer.Cli.Training;

namespace GraphTrainer.Cli.Commands;

/// <summary>
/// <c>graphtrainer train</c>: trains an MNIST classifier with progress per epoch, checkpoints, TensorBoard logs,
/// plots and a summary ending in <c>Test accuracy: NN.NN%</c>.
/// </summary>
public sealed class TrainCommand : CommandBase
{
    /// <inheritdoc />
    public override string Name => "train";

    /// <inheritdoc />
    public override string Summary => "Train an MNIST classifier (checkpoints, TensorBoard logs, plots).";

    /// <inheritdoc />
    protected override string Synopsis => "train [options]";

    /// <inheritdoc />
    protected override IReadOnlyList<OptionSpec> Options => TrainOptions.Specs;

    /// <inheritdoc />
    protected override string HelpFooter =>
        """
        Defaults train an MLP 784-300-10 (ReLU) with Adam (lr 0.001), batch 100, 5 epochs: about 98% test accuracy.

        Examples:
          graphtrainer train
          graphtrainer train --model softmax --optimizer sgd --lr 0.5 --epochs 10
          graphtrainer train --hidden 256,128 --optimizer rmsprop --output data/runs/deep
          graphtrainer train --resume --output data/runs/deep --epochs 10
        """;

    /// <inheritdoc />
    protected override int Execute(ParsedArgs args, CliContext context)
    {
        var options = TrainOptions.Parse(args);
        var console = context.CreateConsole();
        ITrainingReporter reporter = options.Quiet || options.Json ? new SilentReporter()
            : context.Interactive ? new LiveReporter(console)
            : new PlainReporter(context.Out);

        var result = TrainRunner.Run(options, reporter, options.Quiet || options.Json ? null : context.Out);

        if (options.Json)
            JsonOutput.Write(context.Out, JsonOutput.Describe(result));
        else if (options.Quiet)
            context.Out.WriteLine(TrainReport.FinalLine(result.Test.Accuracy));
        else
            TrainReport.Write(console, context.Out, result);
        return ExitCodes.Success;
    }
}
