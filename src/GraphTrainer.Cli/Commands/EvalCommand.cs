using GraphTrainer.Cli.Output;
using GraphTrainer.Cli.Parsing;
using GraphTrainer.Cli.Runs;
using GraphTrainer.Cli.Training;
using Spectre.Console;

namespace GraphTrainer.Cli.Commands;

/// <summary><c>graphtrainer eval --checkpoint DIR</c>: accuracy and loss of a saved model on the dataset's splits.</summary>
public sealed class EvalCommand : CliCommand<EvalSettings>
{
    /// <inheritdoc />
    protected override int Run(EvalSettings args, CliContext context)
    {
        string checkpoint = OptionValues.Text("--checkpoint", args.Checkpoint) ?? throw new UsageException("eval needs --checkpoint PATH");
        bool json = args.Json, quiet = args.Quiet;
        if (json && quiet)
            throw new UsageException("--quiet and --json cannot be combined");

        using var run = RestoredRun.Load(checkpoint, context.Error.WriteLine);
        var data = RunData.Load(run.Model.Config, OptionValues.Text("--data", args.Data));
        var splits = new (string Name, Evaluation Result)[]
        {
            ("train", Evaluator.Evaluate(run.Session, run.Model, data.Train)),
            ("validation", Evaluator.Evaluate(run.Session, run.Model, data.Validation)),
            ("test", Evaluator.Evaluate(run.Session, run.Model, data.Test)),
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
