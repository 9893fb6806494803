using GraphTrainer.Cli.Output;
using GraphTrainer.Cli.Parsing;
using GraphTrainer.Cli.Runs;
using GraphTrainer.Cli.Training;
using NumSharp;
using Spectre.Console;

namespace GraphTrainer.Cli.Commands;

/// <summary>
/// <c>graphtrainer predict --checkpoint DIR --image N</c>: shows test image N as terminal art with the model's
/// predicted class, its probability and the true class, by name when the run has class names.
/// </summary>
public sealed class PredictCommand : CliCommand<PredictSettings>
{
    /// <inheritdoc />
    protected override int Run(PredictSettings args, CliContext context)
    {
        string checkpoint = OptionValues.Text("--checkpoint", args.Checkpoint) ?? throw new UsageException("predict needs --checkpoint PATH");
        int index = OptionValues.Int("--image", args.Image, min: 0) ?? throw new UsageException("predict needs --image N (index of a test image)");

        using var run = RestoredRun.Load(checkpoint, context.Error.WriteLine);
        var config = run.Model.Config;
        var data = RunData.Load(config, OptionValues.Text("--data", args.Data));
        int count = data.Test.Count;
        if (index >= count)
            throw new UsageException($"option --image must be below {count} (the test set size), got {index}");

        int size = data.Inputs;
        var pixels = data.Test.Images.ToArray<float>().AsSpan(index * size, size).ToArray();
        int label = Evaluator.LabelIndices(data.Test.Labels)[index];
        var image = np.array(pixels).reshape(1, size);
        var probabilities = run.Session.run(run.Model.Probabilities, new FeedDict { [run.Model.Images] = image }).ToArray<float>();
        int predicted = Array.IndexOf(probabilities, probabilities.Max());

        if (args.Json)
        {
            JsonOutput.Write(context.Out, new
            {
                command = "predict",
                checkpoint = run.Checkpoint,
                image = index,
                label,
                labelName = config.ClassName(label),
                predicted,
                predictedName = config.ClassName(predicted),
                correct = predicted == label,
                probabilities,
            });
            return ExitCodes.Success;
        }

        var console = context.CreateConsole();
        context.Out.WriteLine($"Test image {index}:");
        if (context.Interactive)
            foreach (string line in DigitArt.Markup(pixels, data.Width))
                console.MarkupLine(line);
        else
            foreach (string line in DigitArt.Plain(pixels, data.Width))
                context.Out.WriteLine(line);

        var chart = new BarChart().Width(Math.Min(60, context.Width)).Label("Class probabilities");
        for (int c = 0; c < probabilities.Length; c++)
            chart.AddItem(Markup.Escape(config.ClassName(c)), Math.Round(probabilities[c] * 100, 2), c == predicted ? Color.Green : Color.Grey);
        console.Write(chart);

        context.Out.WriteLine($"True label: {config.ClassName(label)}");
        context.Out.WriteLine(Format.Invariant($"Predicted label: {config.ClassName(predicted)} ({Format.Percent(probabilities[predicted])}, {(predicted == label ? "correct" : "wrong")})"));
        return ExitCodes.Success;
    }
}
