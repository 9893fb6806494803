using GraphTrainer.Cli.Data;
using GraphTrainer.Cli.Model;
using GraphTrainer.Cli.Training;
using NumSharp;

namespace GraphTrainer.Tests.Cli;

/// <summary>The pieces of <c>train</c> with exact expectations: Keras-style progress text, model summary, batch pipeline, model catalog.</summary>
[Collection("DefaultGraph")]
public class CliTrainingPartsTests
{
    [Fact]
    public void The_live_line_has_counter_bar_eta_ms_per_step_loss_accuracy_and_val_loss()
    {
        // 110 of 550 steps in 0.22 s: 2.0 ms/step, 440 steps left = 0.88 s, shown rounded as 1s; 110/550 of 30 = 6 '='.
        var p = new StepProgress(110, 550, 0.25, 0.9, 0.22, 110, 0.1234);
        Assert.Equal("110/550 [======>.......................] - ETA: 1s - 2.0ms/step - loss: 0.2500 - acc: 90.00% - val_loss: 0.1234",
            ProgressLine.Live(p));
        // No val_loss before the first validation; the counter is padded to the width of the step count.
        Assert.Equal(" 10/550 - ETA: 0s - 0.0ms/step - loss: 1.0000 - acc: 0.00%", ProgressLine.Live(new StepProgress(10, 550, 1, 0, 0, 0, null), barWidth: 0));
        Assert.Equal("[==========]", ProgressLine.Bar(550, 550, 10));
        Assert.Equal("[>.........]", ProgressLine.Bar(0, 550, 10));
        Assert.Equal("7s", ProgressLine.Duration(7.4));
        Assert.Equal("1:05", ProgressLine.Duration(65));
        Assert.Equal("1:01:05", ProgressLine.Duration(3665));
        Assert.Equal("1.50s/step", ProgressLine.StepTime(1500));
    }

    [Fact]
    public void The_model_summary_counts_weights_and_biases_per_layer()
    {
        var model = ClassifierModel.Build(new RunConfig());
        var lines = ModelSummary.Lines(model.Layers);
        // Dense layers hold fan_in * fan_out weights plus fan_out biases: 784*300+300 and 300*10+10.
        Assert.Contains(lines, l => l.StartsWith("hidden1 (Dense, relu)", StringComparison.Ordinal) && l.Contains("(None, 300)") && l.EndsWith("235,500", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("softmax_linear (Dense)", StringComparison.Ordinal) && l.EndsWith("3,010", StringComparison.Ordinal));
        Assert.Equal("Total params: 238,510", lines[^1]);
    }

    [Fact]
    public void Every_catalog_model_builds_logits_of_the_class_count_and_a_summary_matching_its_variables()
    {
        Assert.Equal("mlp", ModelCatalog.Names[0]);
        Assert.Contains("softmax", ModelCatalog.Names);
        foreach (var architecture in ModelCatalog.All)
        {
            var config = new RunConfig { Model = architecture.Name, Hidden = architecture.DefaultHidden ?? Array.Empty<int>(), Inputs = 12 * 10, ImageHeight = 12, ImageWidth = 10, Classes = 7 };
            config.Validate("test");
            var model = ClassifierModel.Build(config);
            Assert.Equal(new[] { -1, 7 }, model.Logits.shape.dims);
            long variables = model.Parameters.Sum(p => p.shape.dims.Aggregate(1L, (n, d) => n * d));
            Assert.Equal(variables, model.ParameterCount);
            Assert.StartsWith($"{architecture.Name} ", config.Description);
        }
    }

    [Fact]
    public void Each_epoch_visits_a_permutation_and_a_restored_pipeline_continues_identically()
    {
        const int n = 10, inputs = 2;
        var images = new float[n * inputs];
        for (int i = 0; i < n; i++) images[i * inputs] = i;
        var split = new Split(new NDArray(images, new Shape(n, inputs)), new NDArray(new float[n * 2], new Shape(n, 2)));

        var pipeline = new BatchPipeline(split, seed: 5, batchSize: 3);
        Assert.Equal(3, pipeline.StepsPerEpoch);
        var epoch1 = Enumerable.Range(0, 3).SelectMany(_ => Rows(pipeline.Next().Images)).ToList();
        Assert.Equal(9, epoch1.Distinct().Count()); // 9 distinct examples; the tenth is the dropped remainder
        var state = pipeline.State;
        Assert.Equal(new long[] { 0, 9 }, state);

        // Four more batches: the whole second epoch (stream 1) and the first batch of the third (stream 2).
        var rest = Enumerable.Range(0, 4).SelectMany(_ => Rows(pipeline.Next().Images)).ToList();
        Assert.Equal(new long[] { 2, 3 }, pipeline.State);
        var restored = new BatchPipeline(split, seed: 5, batchSize: 3, state[0], state[1]);
        Assert.Equal(rest, Enumerable.Range(0, 4).SelectMany(_ => Rows(restored.Next().Images)).ToList());
        Assert.Equal(pipeline.State, restored.State);
        Assert.NotEqual(epoch1.Take(9), rest.Take(9)); // the second epoch is reshuffled
        Assert.NotEqual(BatchPipeline.StreamSeed(5, 0), BatchPipeline.StreamSeed(5, 1));
    }

    [Fact]
    public void In_a_terminal_train_shows_the_summary_and_keras_figures_in_the_live_lines()
    {
        using var set = new SyntheticIdxSet();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = GraphTrainer.Cli.CliApp.CreateDefault().Run(
            new[] { "train", "--data", set.Dir, "--output", set.RunPath("live"), "--epochs", "2", "--batch-size", "20", "--hidden", "16" },
            new GraphTrainer.Cli.CliContext(stdout, stderr, interactive: true, width: 160));
        string text = stdout.ToString();
        Assert.True(code == 0, text + stderr);
        Assert.Contains("Total params: 3,203", text); // 196*16+16 + 16*3+3
        Assert.Contains("Epoch 2/2", text);
        // The live display may wrap its lines to the terminal; the figures are there either way.
        Assert.Matches(@"11/11\s+\S+\s+\d+\.\dms/step\s+loss \d\.\d{4}", text);
        Assert.Matches(@"val_loss \d\.\d{4}\s+val_acc", text);
    }

    private static IEnumerable<float> Rows(NDArray batch)
    {
        var values = batch.ToArray<float>();
        return Enumerable.Range(0, values.Length / 2).Select(i => values[i * 2]);
    }
}
