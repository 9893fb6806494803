using GraphTrainer.Cli;
using GraphTrainer.Cli.Runs;
using GraphTrainer.Cli.Training;
using GraphTrainer.IO;

namespace GraphTrainer.Tests.Cli;

/// <summary>Issue 13's CLI cases on small synthetic data: each failure is one line and a reliable exit code, and run folders never dead-end.</summary>
[Collection("DefaultGraph")]
public class CliReliabilityTests
{
    private static CliOutput Train(SyntheticIdxSet set, string run, params string[] more) =>
        CliRunner.Run(new[] { "train", "--data", set.Dir, "--output", run, "--batch-size", "20", "--hidden", "16", "--log-every", "5" }.Concat(more).ToArray());

    [Fact]
    public void A_model_too_large_for_memory_is_refused_before_anything_is_written()
    {
        using var set = new SyntheticIdxSet();
        string run = set.RunPath("huge");
        var r = CliRunner.Run("train", "--data", set.Dir, "--output", run, "--hidden", "100000000");
        CliRunner.AssertUserError(r, ExitCodes.Failure, "hidden1/weights would hold 19,600,000,000 values (196x100000000)");
        Assert.False(Directory.Exists(run));
        // Under the array limit but beyond memory: 196*10^7 weights and Adam's slots need ~29 GiB; give 1 GiB.
        var model = GraphTrainer.Cli.Model.ClassifierModel.Build(new GraphTrainer.Cli.Model.RunConfig { Inputs = 196, Hidden = new[] { 10_000_000 }, Classes = 3 });
        var ex = Assert.Throws<CliException>(() => ModelBudget.Check(model, 1L << 30));
        Assert.Contains("has 2,000,000,003 parameters and needs about 29.8 GiB", ex.Message);
    }

    [Fact]
    public void Divergence_stops_at_the_first_non_finite_loss_and_keeps_the_last_good_checkpoint()
    {
        using var set = new SyntheticIdxSet();
        string run = set.RunPath("diverge");
        var r = Train(set, run, "--optimizer", "sgd", "--lr", "1e20", "--epochs", "5");
        CliRunner.AssertUserError(r, ExitCodes.Failure, "training diverged: the loss is");
        var match = System.Text.RegularExpressions.Regex.Match(r.Error, @"at step (\d+) \(epoch (\d+), batch \d+ of 11\); the last good checkpoint is (\S+); try a lower --lr \(was 1E\+20\)");
        Assert.True(match.Success, r.Error);
        string good = match.Groups[3].Value;
        Assert.Equal(good, tf.train.latest_checkpoint(run));
        // The kept checkpoint holds finite weights from before the bad step.
        long goodStep = long.Parse(good[(good.LastIndexOf('-') + 1)..]);
        Assert.True(goodStep < long.Parse(match.Groups[1].Value));
        foreach (var entry in CheckpointReader.Read(good).Entries.Where(e => e.Name.EndsWith("weights", StringComparison.Ordinal)))
            Assert.All(entry.ToArray<float>(), v => Assert.True(float.IsFinite(v)));
        // Resuming with a sane learning rate goes on from it.
        var resumed = Train(set, run, "--resume", "--lr", "0.1", "--epochs", "5", "--quiet");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
    }

    [Fact]
    public void A_garbage_checkpoint_state_file_is_worked_around_by_eval_and_repaired_by_resume()
    {
        using var set = new SyntheticIdxSet();
        string run = set.RunPath("garbage");
        Assert.Equal(0, Train(set, run, "--epochs", "1", "--quiet").ExitCode);
        File.WriteAllText(Path.Combine(run, "checkpoint"), "\u0001\u0002 not a state file {{{");

        var eval = CliRunner.Run("eval", "--checkpoint", run, "--quiet");
        Assert.True(eval.ExitCode == 0, eval.ToString());
        Assert.StartsWith("warning: Invalid checkpoint state file", eval.Error);
        Assert.Contains("using the newest checkpoint file, model.ckpt-11", eval.Error);

        var resumed = Train(set, run, "--resume", "--epochs", "2", "--quiet");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("rewriting the state file", resumed.Error);
        Assert.Equal(Path.Combine(run, "model.ckpt-22"), tf.train.latest_checkpoint(run));
    }

    [Fact]
    public void A_state_file_naming_no_checkpoint_file_and_no_files_is_one_line()
    {
        string dir = Directory.CreateTempSubdirectory("gt-cli-state-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "checkpoint"), "garbage");
            CliRunner.AssertUserError(CliRunner.Run("eval", "--checkpoint", dir), ExitCodes.Failure, "no checkpoint file was found beside it");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_folder_left_by_a_failed_start_is_accepted_by_train_output_and_by_resume()
    {
        using var set = new SyntheticIdxSet();
        // What a start that failed before its first checkpoint leaves: run.json, graph and logs, no checkpoint.
        string run = set.RunPath("failed-start");
        Directory.CreateDirectory(Path.Combine(run, "logs"));
        Assert.Equal(0, Train(set, set.RunPath("donor"), "--epochs", "1", "--quiet").ExitCode);
        File.Copy(Path.Combine(set.RunPath("donor"), "run.json"), Path.Combine(run, "run.json"));

        var resumed = Train(set, run, "--resume", "--epochs", "1");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("No checkpoint in", resumed.Out);
        Assert.Contains("starting the run afresh there", resumed.Out);

        string other = set.RunPath("failed-start-2");
        Directory.CreateDirectory(other);
        File.Copy(Path.Combine(run, "run.json"), Path.Combine(other, "run.json"));
        var fresh = Train(set, other, "--epochs", "1", "--quiet");
        Assert.True(fresh.ExitCode == 0, fresh.ToString());
    }

    [Fact]
    public void A_history_written_ahead_of_the_checkpoint_is_repaired_on_resume()
    {
        using var set = new SyntheticIdxSet();
        string run = set.RunPath("history");
        Assert.Equal(0, Train(set, run, "--epochs", "1", "--quiet").ExitCode);
        // A kill after history.json recorded epoch 2 but before its checkpoint: the history is ahead.
        var history = TrainingHistory.Load(run);
        history.Epochs.Add(history.Epochs[0] with { Epoch = 2, Step = 22, ValidationAccuracy = 0.123 });
        history.Steps.Add(new StepMetrics(20, 9.9, 0.1));
        history.Save(run);

        Assert.Equal(0, Train(set, run, "--resume", "--epochs", "2", "--quiet").ExitCode);
        var repaired = TrainingHistory.Load(run);
        Assert.Equal(new[] { 1, 2 }, repaired.Epochs.Select(e => e.Epoch));
        Assert.NotEqual(0.123, repaired.Epochs[1].ValidationAccuracy);
        Assert.DoesNotContain(repaired.Steps, s => s.Loss == 9.9);
    }

    [Fact]
    public void An_unreadable_history_does_not_block_resuming()
    {
        using var set = new SyntheticIdxSet();
        string run = set.RunPath("bad-history");
        Assert.Equal(0, Train(set, run, "--epochs", "1", "--quiet").ExitCode);
        File.WriteAllText(Path.Combine(run, TrainingHistory.FileName), "{ not json");
        var r = Train(set, run, "--resume", "--epochs", "2", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.StartsWith($"warning: {Path.Combine(run, TrainingHistory.FileName)} is not valid", r.Error);
        Assert.Equal(new[] { 2 }, TrainingHistory.Load(run).Epochs.Select(e => e.Epoch));
    }

    [Fact]
    public void One_plus_one_epochs_equal_two_epochs_bit_for_bit()
    {
        using var set = new SyntheticIdxSet();
        string straight = set.RunPath("straight"), split = set.RunPath("split");
        Assert.Equal(0, Train(set, straight, "--epochs", "2", "--quiet").ExitCode);
        Assert.Equal(0, Train(set, split, "--epochs", "1", "--quiet").ExitCode);
        Assert.Equal(0, Train(set, split, "--resume", "--epochs", "2", "--quiet").ExitCode);
        AssertSameTensors(Path.Combine(straight, "model.ckpt-22"), Path.Combine(split, "model.ckpt-22"));
    }

    [Fact]
    public void A_second_train_on_a_locked_run_folder_is_refused()
    {
        using var set = new SyntheticIdxSet();
        string run = set.RunPath("locked");
        Assert.Equal(0, Train(set, run, "--epochs", "1", "--quiet").ExitCode);
        using (RunLock.Acquire(run))
        {
            var r = Train(set, run, "--resume", "--epochs", "2");
            CliRunner.AssertUserError(r, ExitCodes.Failure, "is in use by another graphtrainer train");
        }
        Assert.Equal(0, Train(set, run, "--resume", "--epochs", "2", "--quiet").ExitCode);
    }

    [Fact]
    public void The_next_save_removes_temp_files_and_orphan_checkpoints()
    {
        using var set = new SyntheticIdxSet();
        string run = set.RunPath("leftovers");
        Assert.Equal(0, Train(set, run, "--epochs", "1", "--quiet").ExitCode);
        string temp = Path.Combine(run, "model.ckpt-99.gtckpt.tmp-0123456789ab");
        string historyTemp = Path.Combine(run, "history.json.tmp-4242");
        string orphan = CheckpointWriter.FilePathFor(Path.Combine(run, "model.ckpt-7"));
        File.WriteAllText(temp, "partial");
        File.WriteAllText(historyTemp, "partial");
        File.Copy(CheckpointWriter.FilePathFor(Path.Combine(run, "model.ckpt-11")), orphan);

        Assert.Equal(0, Train(set, run, "--resume", "--epochs", "2", "--quiet").ExitCode);
        Assert.False(File.Exists(temp));
        Assert.False(File.Exists(historyTemp));
        Assert.False(File.Exists(orphan));
        Assert.True(File.Exists(CheckpointWriter.FilePathFor(Path.Combine(run, "model.ckpt-11"))));
    }

    [Fact]
    public void A_checkpoint_from_before_the_pipeline_state_still_evaluates_and_resumes()
    {
        using var set = new SyntheticIdxSet();
        string run = set.RunPath("legacy");
        Assert.Equal(0, Train(set, run, "--epochs", "1", "--quiet").ExitCode);
        // Rewrite the checkpoint as the previous version wrote it: without input_pipeline/state.
        string prefix = Path.Combine(run, "model.ckpt-11");
        var entries = CheckpointReader.Read(prefix).Entries.Where(e => e.Name != "input_pipeline/state").ToList();
        CheckpointWriter.Write(prefix, entries);

        var eval = CliRunner.Run("eval", "--checkpoint", run, "--quiet");
        Assert.True(eval.ExitCode == 0, eval.ToString());
        var resumed = Train(set, run, "--resume", "--epochs", "2", "--quiet");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("input_pipeline/state", CheckpointReader.Read(Path.Combine(run, "model.ckpt-22")).Names);
    }

    internal static void AssertSameTensors(string a, string b)
    {
        var left = CheckpointReader.Read(a);
        var right = CheckpointReader.Read(b);
        Assert.Equal(left.Names.OrderBy(k => k), right.Names.OrderBy(k => k));
        Assert.Contains("input_pipeline/state", left.Names);
        foreach (string name in left.Names)
            Assert.True(left[name].Data.Span.SequenceEqual(right[name].Data.Span), $"{name} differs");
    }
}
