using GraphTrainer.Cli.Output;
using GraphTrainer.Cli.Parsing;
using GraphTrainer.Cli.Runs;
using GraphTrainer.Cli.Training;
using NumSharp;
using Spectre.Console;

namespace GraphTrainer.Cli.Commands;

/// <summary>
/// <c>graphtrainer predict --checkpoint DIR --image N</c>: shows test image N as terminal art with the model's
/// predicted label, its probability and the true label.
/// </summary>
public sealed class PredictCommand : CommandBase
{
    private static readonly IReadOnlyList<OptionSpec> Specs = new[]
    {
        OptionSpec.Value("--checkpoint", "PATH", "Run directory (its latest checkpoint) or a checkpoint prefix. Required.", "-c"),
        OptionSpec.Value("--image", "N", "Index of the MNIST test image, 0..9999. Required.", "-i"),
        OptionSpec.Value("--data", "DIR", "Directory with the four MNIST .gz files (default: the run's, else data/MNIST_data)."),
        OptionSpec.Flag("--json", "Print one JSON object instead of text."),
    };

    /// <inheritdoc />
    public override string Name => "predict";

    /// <inheritdoc />
    public override string Summary => "Classify one MNIST test image with a checkpoint and draw it in the terminal.";

    /// <inheritdoc />
    protected override string Synopsis => "predict --checkpoint PATH --image N [options]";

    /// <inheritdoc />
    protected override IReadOnlyList<OptionSpec> Options => Specs;

    /// <inheritdoc />
    protected override int Execute(ParsedArgs args, CliContext context)
    {
        string checkpoint = args.GetString("--checkpoint") ?? throw new UsageException("predict needs --checkpoint PATH");
        if (!args.Has("--image"))
            throw new UsageException("predict needs --image N (index of a test image)");
        int index = args.GetInt("--image", 0, min: 0);
        bool json = args.Has("--json");

        using var run = RestoredRun.Load(checkpoint);
        var data = MnistLoader.Load(args.GetString("--data") ?? run.Model.Config.DataDir, run.Model.Config.Seed);
        int count = data.test.num_examples;
        if (index >= count)
            throw new UsageException($"option --image must be below {count} (the test set size), got {index}");

        var images = data.test.images;
        int size = (int)images.shape[1];
        var pixels = images.ToArray<float>().AsSpan(index * size, size).ToArray();
        int label = Evaluator.LabelIndices(data.test.labels)[index];
        var image = np.array(pixels).reshape(1, size);
        var probabilities = run.Session.run(run.Model.Probabilities, new FeedDict { [run.Model.Images] = image }).ToArray<float>();
        int predicted = Array.IndexOf(probabilities, probabilities.Max());

        if (json)
        {
            JsonOutput.Write(context.Out, new
            {
                command = "predict",
                checkpoint = run.Checkpoint,
                image = index,
                label,
                predicted,
                correct = predicted == label,
                probabilities,
            });
            return ExitCodes.Success;
        }

        var console = context.CreateConsole();
        context.Out.WriteLine($"Test image {index}:");
        if (context.Interactive)
            foreach (string line in DigitArt.Markup(pixels))
                console.MarkupLine(line);
        else
            foreach (string line in DigitArt.Plain(pixels))
                context.Out.WriteLine(line);

        var chart = new BarChart().Width(Math.Min(60, context.Width)).Label("Class probabilities");
        for (int c = 0; c < probabilities.Length; c++)
            chart.AddItem(c.ToString(System.Globalization.CultureInfo.InvariantCulture), Math.Round(probabilities[c] * 100, 2),
                c == predicted ? Color.Green : Color.Grey);
        console.Write(chart);

        context.Out.WriteLine($"True label: {label}");
        context.Out.WriteLine(Format.Invariant($"Predicted label: {predicted} ({Format.Percent(probabilities[predicted])}, {(predicted == label ? "correct" : "wrong")})"));
        return ExitCodes.Success;
    }
}
