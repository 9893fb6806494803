using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using GraphTrainer.Cli;
using GraphTrainer.Cli.Runs;
using GraphTrainer.IO;

namespace GraphTrainer.Tests.Cli;

/// <summary>
/// A real (short) train run and the commands that use its checkpoint. The CLI builds its model in its own graph,
/// but building still enters that graph's as_default scope, which is process-wide; hence the collection.
/// </summary>
[Collection("DefaultGraph")]
public class CliRunTests : IClassFixture<TrainedRunFixture>
{
    private static readonly Regex FinalLine = new(@"^Test accuracy: \d{1,3}\.\d\d%$");
    private readonly TrainedRunFixture _run;

    public CliRunTests(TrainedRunFixture run)
    {
        _run = run;
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());
    }

    private JsonElement Json => _run.Json.RootElement;

    [Fact]
    public void Json_output_parses_and_reports_one_epoch_of_the_default_mlp()
    {
        Assert.Equal("train", Json.GetProperty("command").GetString());
        Assert.Equal(1, Json.GetProperty("epochsCompleted").GetInt32());
        Assert.Equal(550, Json.GetProperty("globalStep").GetInt64());
        var config = Json.GetProperty("config");
        Assert.Equal("mlp", config.GetProperty("model").GetString());
        Assert.Equal(300, config.GetProperty("hidden")[0].GetInt32());
        Assert.Equal("adam", config.GetProperty("optimizer").GetString());
        // One epoch of Adam on the 784-300-10 MLP lands near 96%; 93% leaves room for seeds and kernels.
        Assert.InRange(Json.GetProperty("testAccuracy").GetDouble(), 0.93, 1.0);
        Assert.InRange(Json.GetProperty("validationAccuracy").GetDouble(), 0.93, 1.0);
        Assert.Single(Json.GetProperty("epochs").EnumerateArray());
        Assert.StartsWith("{", _run.Train.Out.TrimStart());
        Assert.Equal("", _run.Train.Error);
    }

    [Fact]
    public void The_run_directory_holds_config_checkpoint_event_files_graph_and_plots()
    {
        foreach (string name in new[] { "run.json", "history.json", "checkpoint", "graph.pbtxt", "loss.png", "accuracy.png", "misclassified.png" })
            Assert.True(File.Exists(Path.Combine(_run.RunDir, name)), $"{name} missing");
        Assert.Equal(Path.Combine(_run.RunDir, "model.ckpt-550"), tf.train.latest_checkpoint(_run.RunDir));
        Assert.Equal(Json.GetProperty("checkpoint").GetString(), tf.train.latest_checkpoint(_run.RunDir));
        foreach (string png in new[] { "loss.png", "accuracy.png", "misclassified.png" })
            Assert.Equal(0x89, File.ReadAllBytes(Path.Combine(_run.RunDir, png))[0]);

        var train = ReadEvents("train");
        Assert.Contains(train, e => e.GraphDef.Length > 0);
        var trainTags = train.Where(e => e.Summary != null).SelectMany(e => e.Summary.Value.Select(v => v.Tag)).ToHashSet();
        Assert.Contains("loss", trainTags);
        Assert.Contains("accuracy", trainTags);
        Assert.Contains(trainTags, t => t.EndsWith("hidden1/weights", StringComparison.Ordinal));
        Assert.Contains(train, e => e.Summary?.Value.Any(v => v.Histo != null) == true);
        // Steps 100..500 from --log-every 100, then the epoch's histograms at 550.
        Assert.Equal(new long[] { 100, 200, 300, 400, 500 },
            train.Where(e => e.Summary?.Value.Any(v => v.Tag == "loss") == true).Select(e => e.Step));

        var validation = ReadEvents("validation").Where(e => e.Summary != null).ToList();
        var accuracy = validation.SelectMany(e => e.Summary.Value).Single(v => v.Tag == "accuracy");
        Assert.Equal(Json.GetProperty("validationAccuracy").GetDouble(), accuracy.SimpleValue, 4);
    }

    [Fact]
    public void Eval_reproduces_the_test_accuracy_and_ends_with_the_accuracy_line()
    {
        var r = CliRunner.Run("eval", "--checkpoint", _run.RunDir);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Matches(FinalLine, r.LastLine);
        Assert.Equal(Percent(Json.GetProperty("testAccuracy").GetDouble()), r.LastLine);
        Assert.Contains("validation", r.Out);

        var json = CliRunner.Run("eval", "--checkpoint", Path.Combine(_run.RunDir, "model.ckpt-550"), "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Equal(Json.GetProperty("testAccuracy").GetDouble(), doc.RootElement.GetProperty("testAccuracy").GetDouble(), 6);
        Assert.Equal(1, doc.RootElement.GetProperty("epoch").GetInt32());
    }

    [Fact]
    public void Predict_draws_the_digit_and_names_the_label()
    {
        // Test image 0 is a 7 that every reasonably trained model gets right.
        var r = CliRunner.Run("predict", "--checkpoint", _run.RunDir, "--image", "0");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("True label: 7", r.Out);
        Assert.StartsWith("Predicted label: 7 (", r.LastLine);
        Assert.Contains("█", r.Out);

        var json = CliRunner.Run("predict", "--checkpoint", _run.RunDir, "--image", "0", "--json");
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Equal(7, doc.RootElement.GetProperty("predicted").GetInt32());
        Assert.Equal(10, doc.RootElement.GetProperty("probabilities").GetArrayLength());

        CliRunner.AssertUserError(CliRunner.Run("predict", "--checkpoint", _run.RunDir, "--image", "10000"),
            ExitCodes.Usage, "option --image must be below 10000");
    }

    [Fact]
    public void Resume_continues_from_the_latest_checkpoint_and_prints_the_summary()
    {
        string dir = _run.CopyRun("resumed");
        var r = CliRunner.Run("train", "--resume", "--output", dir, "--epochs", "2", "--log-every", "100");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Resuming mlp 784-300-10 relu", r.Out);
        Assert.DoesNotContain("Epoch 1/2", r.Out);
        Assert.Matches(@"Epoch 2/2  550/550  \S+  \d+\.\dms/step  loss \d\.\d{4}  acc \d+\.\d\d%  val_loss \d\.\d{4}  val_acc", r.Out);
        Assert.Contains("Validation accuracy", r.Out);
        Assert.Contains(Path.Combine(dir, "loss.png"), r.Out);
        Assert.Matches(FinalLine, r.LastLine);
        Assert.Equal(Path.Combine(dir, "model.ckpt-1100"), tf.train.latest_checkpoint(dir));

        // The history covers both sessions; resuming a finished run is refused with a hint.
        Assert.Equal(2, GraphTrainer.Cli.Training.TrainingHistory.Load(dir).Epochs.Count);
        CliRunner.AssertUserError(CliRunner.Run("train", "--resume", "--output", dir, "--quiet"),
            ExitCodes.Usage, "has already trained 2 of 2 epochs; pass --epochs N with N > 2");
    }

    [Fact]
    public void A_new_run_refuses_a_directory_that_holds_one_and_resume_refuses_another_architecture()
    {
        CliRunner.AssertUserError(CliRunner.Run("train", "--output", _run.RunDir), ExitCodes.Usage, "already holds a run; pass --resume");
        CliRunner.AssertUserError(CliRunner.Run("train", "--resume", "--output", _run.RunDir, "--hidden", "100"),
            ExitCodes.Usage, "--hidden 100 differs from the resumed run's 300");
    }

    [Fact]
    public void A_checkpoint_that_does_not_match_run_json_names_the_variable()
    {
        string dir = _run.CopyRun("mismatched");
        string config = Path.Combine(dir, "run.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("300", "100"));
        var r = CliRunner.Run("eval", "--checkpoint", dir);
        CliRunner.AssertUserError(r, ExitCodes.Failure, "Shape mismatch for hidden1/weights");
    }

    [Fact]
    public void A_corrupt_checkpoint_is_a_clear_error()
    {
        string dir = _run.CopyRun("corrupt");
        string file = CheckpointWriter.FilePathFor(Path.Combine(dir, "model.ckpt-550"));
        var bytes = File.ReadAllBytes(file);
        // Flip bytes in the middle of the data (the large weight matrix), past the header and index.
        for (int i = bytes.Length / 2; i < bytes.Length / 2 + 64; i++) bytes[i] ^= 0x5A;
        File.WriteAllBytes(file, bytes);
        var r = CliRunner.Run("eval", "--checkpoint", dir);
        CliRunner.AssertUserError(r, ExitCodes.Failure, "cannot restore");
        Assert.Contains("hidden1/weights", r.Error);
        Assert.Contains(RunDirectory.CheckpointName, r.Error);
    }

    private List<GraphTrainer.IO.Proto.Event> ReadEvents(string sub)
    {
        string file = Directory.GetFiles(Path.Combine(_run.RunDir, "logs", sub), "events.out.tfevents.*").Single();
        return EventFileReader.ReadEvents(file).ToList();
    }

    private static string Percent(double fraction) =>
        "Test accuracy: " + (fraction * 100).ToString("F2", CultureInfo.InvariantCulture) + "%";
}
