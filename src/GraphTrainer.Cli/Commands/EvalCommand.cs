using GraphTrainer.Cli.Output;
using GraphTrainer.Cli.Parsing;
using GraphTrainer.Cli.Runs;
using GraphTrainer.Cli.Training;
using Spectre.Console;

namespace GraphTrainer.Cli.Commands;

/// <summary><c>graphtrainer eval --checkpoint DIR</c>: accuracy and loss of a saved model on the MNIST splits.</summary>
public sealed class EvalCommand : CommandBase
{
    private static readonly IReadOnlyList<OptionSpec> Specs = new[]
    {
        OptionSpec.Value("--checkpoint", "PATH", "Run directory (its latest checkpoint) or a checkpoint prefix (DIR/model.ckpt-550). Required.", "-c"),
        OptionSpec.Value("--data", "DIR", "Directory with the four MNIST .gz files (default: the run's, else data/MNIST_data)."),
        OptionSpec.Flag("--quiet", "Print only the final 'Test accuracy: ...' line.", "-q"),
        OptionSpec.Flag("--json", "Print one JSON object instead of text."),
    };

    /// <inheritdoc />
    public override string Name => "eval";

    /// <inheritdoc />
    public override string Summary => "Evaluate a checkpoint on the train, validation and test splits.";

    /// <inheritdoc />
    protected override string Synopsis => "eval --checkpoint PATH [options]";

    /// <inheritdoc />
    protected override IReadOnlyList<OptionSpec> Options => Specs;

    /// <inheritdoc />
    protected override int Execute(ParsedArgs args, CliContext context)
    {
        string checkpoint = args.GetString("--checkpoint") ?? throw new UsageException("eval needs --checkpoint PATH");
        bool json = args.Has("--json"), quiet = args.Has("--quiet");
        if (json && quiet)
            throw new UsageException("--quiet and --json cannot be combined");

        using var run = RestoredRun.Load(checkpoint);
        var data = MnistLoader.Load(args.GetString("--data") ?? run.Model.Config.DataDir, run.Model.Config.Seed);
        var splits = new (string Name, Evaluation Result)[]
        {
            ("train", Evaluator.Evaluate(run.Session, run.Model, data.train)),
            ("validation", Evaluator.Evaluate(run.Session, run.Model, data.validation)),
            ("test", Evaluator.Evaluate(run.Session, run.Model, data.test)),
        };
        var test = splits[^1].Result;

        if (json)
        {
            JsonOutput.Write(context.Out, new
            {
                command = "eval",
                checkpoint = run.Checkpoint,
                config = run.Model.Config,
                epoch = run.Epoch,
                globalStep = run.GlobalStep,
                splits = splits.ToDictionary(s => s.Name, s => new { accuracy = s.Result.Accuracy, loss = s.Result.Loss, examples = s.Result.Predictions.Length }),
                testAccuracy = test.Accuracy,
            });
            return ExitCodes.Success;
        }
        if (!quiet)
        {
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn("Split");
            table.AddColumn(new TableColumn("Examples").RightAligned());
            table.AddColumn(new TableColumn("Accuracy").RightAligned());
            table.AddColumn(new TableColumn("Loss").RightAligned());
            foreach (var (name, result) in splits)
                table.AddRow(name, Format.Invariant($"{result.Predictions.Length:N0}"), Format.Percent(result.Accuracy), Format.Invariant($"{result.Loss:F4}"));
            context.Out.WriteLine($"Model:      {run.Model.Config.Description}");
            context.Out.WriteLine(Format.Invariant($"Checkpoint: {run.Checkpoint} (epoch {run.Epoch}, step {run.GlobalStep:N0})"));
            context.CreateConsole().Write(table);
        }
        context.Out.WriteLine(TrainReport.FinalLine(test.Accuracy));
        return ExitCodes.Success;
    }
}
