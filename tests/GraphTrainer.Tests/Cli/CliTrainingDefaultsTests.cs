using System.Text.Json;
using GraphTrainer.Cli;
using GraphTrainer.Cli.Commands;
using GraphTrainer.Cli.Data;
using GraphTrainer.Cli.Model;
using GraphTrainer.Cli.Runs;
using GraphTrainer.IO;

namespace GraphTrainer.Tests.Cli;

/// <summary>
/// Per-model training defaults (issue 10: the cnn trains 6 epochs with Adam 1e-3 decaying x0.7 per epoch), the flags that
/// override them, the exponential-decay schedule's values, and its continuation across <c>--resume</c>.
/// </summary>
[Collection("DefaultGraph")]
public class CliTrainingDefaultsTests
{
    private static RunConfig NewRun(ImageData data, params string[] args)
    {
        var settings = new TrainSettings();
        for (int i = 0; i < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--model": settings.Model = args[i + 1]; break;
                case "--epochs": settings.Epochs = args[i + 1]; break;
                case "--lr": settings.LearningRate = args[i + 1]; break;
                case "--lr-decay": settings.LearningRateDecay = args[i + 1]; break;
                case "--batch-size": settings.BatchSize = args[i + 1]; break;
                default: throw new ArgumentException(args[i]);
            }
        }
        return TrainOptions.From(settings).NewRunConfig(data);
    }

    [Fact]
    public void The_cnn_defaults_to_6_epochs_of_adam_1e_3_decaying_by_0_7_per_epoch()
    {
        using var set = new SyntheticIdxSet();
        var data = ImageDataLoader.Load(set.Dir);
        var config = NewRun(data, "--model", "cnn");
        Assert.Equal(6, config.Epochs);
        Assert.Equal("adam", config.Optimizer);
        Assert.Equal(0.001, config.LearningRate);
        Assert.Equal(0.7, config.LearningRateDecay);
        // One decay period is one epoch: 240 images less the 20 of the validation split, in batches of 100.
        Assert.Equal(2, config.DecaySteps);
        Assert.Contains("adam lr 0.001 decaying x0.7 per 2 steps, batch 100", config.Description);
    }

    [Fact]
    public void Explicit_flags_override_the_cnn_defaults_and_lr_decay_1_means_a_constant_rate()
    {
        using var set = new SyntheticIdxSet();
        var data = ImageDataLoader.Load(set.Dir);
        var config = NewRun(data, "--model", "cnn", "--epochs", "2", "--lr", "0.0005", "--lr-decay", "0.8", "--batch-size", "20");
        Assert.Equal((2, 0.0005, 0.8, 11), (config.Epochs, config.LearningRate, config.LearningRateDecay.Value, config.DecaySteps.Value));

        var constant = NewRun(data, "--model", "cnn", "--lr-decay", "1");
        Assert.Null(constant.LearningRateDecay);
        Assert.Null(constant.DecaySteps);
        Assert.Equal(6, constant.Epochs);
        Assert.Null(ClassifierModel.Build(constant).LearningRate);
    }

    [Theory]
    [InlineData("mlp")]
    [InlineData("softmax")]
    public void Other_models_keep_5_epochs_at_a_constant_rate_and_their_run_json_has_no_decay(string model)
    {
        using var set = new SyntheticIdxSet();
        var data = ImageDataLoader.Load(set.Dir);
        var config = NewRun(data, "--model", model);
        Assert.Equal((5, 0.001), (config.Epochs, config.LearningRate));
        Assert.Null(config.LearningRateDecay);
        Assert.Null(config.DecaySteps);
        Assert.DoesNotContain("decay", config.Description);
        Assert.Null(ClassifierModel.Build(config).LearningRate);
        config.Save(set.Dir);
        string json = File.ReadAllText(Path.Combine(set.Dir, RunConfig.FileName));
        Assert.DoesNotContain("decay", json, StringComparison.OrdinalIgnoreCase);
        // But they can decay when asked.
        Assert.Equal(0.9, NewRun(data, "--model", model, "--lr-decay", "0.9").LearningRateDecay);
    }

    [Fact]
    public void Train_help_shows_the_cnn_defaults_and_the_lr_decay_option()
    {
        var help = CliRunner.Run("help", "train");
        Assert.Equal(ExitCodes.Success, help.ExitCode);
        // Spectre wraps the help to the console width: compare with runs of whitespace made one space.
        string text = System.Text.RegularExpressions.Regex.Replace(help.Out, @"\s+", " ");
        Assert.Contains("--lr-decay <RATE>", text);
        Assert.Contains("1 keeps it constant (default: cnn 0.7, other models 1)", text);
        Assert.Contains("(default 5, cnn 6)", text);
        Assert.Contains("(defaults: 6 epochs, --lr-decay 0.7)", text);
    }

    [Theory]
    [InlineData("1.5", "option --lr-decay must be at most 1 (1 keeps the learning rate constant), got 1.5")]
    [InlineData("0", "option --lr-decay must be positive, got 0")]
    [InlineData("half", "option --lr-decay expects a number, got 'half'")]
    public void A_bad_lr_decay_is_a_usage_error(string value, string message) =>
        CliRunner.AssertUserError(CliRunner.Run("train", "--model", "cnn", "--lr-decay", value), ExitCodes.Usage, message);

    [Fact]
    public void A_run_json_with_a_decay_but_no_period_or_a_decay_above_1_is_refused()
    {
        var noPeriod = new RunConfig { Model = "cnn", Hidden = Array.Empty<int>(), LearningRateDecay = 0.5 };
        Assert.Contains("a decaying learning rate needs positive decaySteps", Assert.Throws<CliException>(() => noPeriod.Validate("run.json")).Message);
        var growing = new RunConfig { Model = "cnn", Hidden = Array.Empty<int>(), LearningRateDecay = 2, DecaySteps = 10 };
        Assert.Contains("learning rate decay must be in (0, 1]", Assert.Throws<CliException>(() => growing.Validate("run.json")).Message);
    }

    [Theory]
    // lr · 0.5^(k / 10): whole periods halve it, half a period multiplies it by 1/√2.
    [InlineData(0, 1e-3)]
    [InlineData(5, 7.0710678e-4)]
    [InlineData(10, 5e-4)]
    [InlineData(25, 1.7677670e-4)]
    [InlineData(100, 9.765625e-7)]
    public void The_decayed_rate_at_step_k_is_lr_times_decay_to_the_k_over_period(long step, double expected)
    {
        var config = new RunConfig { Model = "softmax", Hidden = Array.Empty<int>(), Inputs = 4, Classes = 2, LearningRateDecay = 0.5, DecaySteps = 10 };
        var model = ClassifierModel.Build(config);
        using var session = new Session(model.Graph);
        session.run(model.Init);
        SetGlobalStep(model, session, step);
        Assert.Equal(expected, (float)session.run(model.LearningRate), expected * 1e-6);
    }

    private static void SetGlobalStep(ClassifierModel model, Session session, long step)
    {
        using (model.Graph.as_default())
            session.run(model.GlobalStep.assign(tf.constant(step, tf.int64)));
    }

    [Fact]
    public void The_optimizer_steps_with_the_decayed_rate()
    {
        // With a period of 1 step, the rate at step 1000 is 1e-3 · 0.5^1000, zero in float32: Adam then moves nothing,
        // while at step 0 the same batch moves every weight.
        var config = new RunConfig { Model = "softmax", Hidden = Array.Empty<int>(), Inputs = 4, Classes = 2, LearningRateDecay = 0.5, DecaySteps = 1 };
        var model = ClassifierModel.Build(config);
        using var session = new Session(model.Graph);
        var feed = new FeedDict
        {
            [model.Images] = NumSharp.np.array(new float[,] { { 1, 0, 0.5f, 0 }, { 0, 1, 0, 0.5f } }),
            [model.Labels] = NumSharp.np.array(new float[,] { { 1, 0 }, { 0, 1 } }),
        };
        float[] StepFrom(long step)
        {
            session.run(model.Init);
            SetGlobalStep(model, session, step);
            var before = session.run(model.Parameters[0]).ToArray<float>();
            session.run(model.TrainOp, feed);
            var after = session.run(model.Parameters[0]).ToArray<float>();
            return before.Zip(after, (b, a) => a - b).ToArray();
        }
        Assert.All(StepFrom(0), d => Assert.NotEqual(0f, d));
        Assert.All(StepFrom(1000), d => Assert.Equal(0f, d));
    }

    [Fact]
    public void A_resumed_decaying_run_continues_the_schedule_from_the_saved_global_step_bit_for_bit()
    {
        // The mlp, as the cnn's dropout draws new masks in a new session (as TensorFlow's random ops do), so only a
        // model without dropout can be compared bit for bit. 220 training images in batches of 20: 11 steps per epoch.
        using var set = new SyntheticIdxSet();
        string straight = set.RunPath("straight"), split = set.RunPath("split");
        CliOutput Train(string run, params string[] more) =>
            CliRunner.Run(new[] { "train", "--data", set.Dir, "--output", run, "--batch-size", "20", "--hidden", "16", "--lr-decay", "0.5", "--log-every", "5", "--quiet" }.Concat(more).ToArray());
        Assert.Equal(0, Train(straight, "--epochs", "2").ExitCode);
        Assert.Equal(0, Train(split, "--epochs", "1").ExitCode);
        Assert.Equal(0, Train(split, "--resume", "--epochs", "2").ExitCode);
        // Had the schedule restarted at step 0, the second epoch would have stepped at twice the rate.
        CliReliabilityTests.AssertSameTensors(Path.Combine(straight, "model.ckpt-22"), Path.Combine(split, "model.ckpt-22"));
    }

    [Fact]
    public void A_resumed_cnn_keeps_its_default_schedule_and_restores_the_rate_of_the_saved_step()
    {
        // 8x8 images keep the cnn small; 220 training images in batches of 50 make 4 steps per epoch (one decay period).
        using var set = new SyntheticIdxSet(rows: 8, cols: 8);
        string run = set.RunPath("cnn");
        CliOutput Train(params string[] more) =>
            CliRunner.Run(new[] { "train", "--model", "cnn", "--data", set.Dir, "--output", run, "--batch-size", "50", "--log-every", "100" }.Concat(more).ToArray());
        var first = Train("--epochs", "1");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("Training cnn conv5x5x32-pool-conv5x5x64-pool-fc1024-dropout-3, adam lr 0.001 decaying x0.7 per 4 steps, batch 50 for 1 epoch", first.Out);
        var resumed = Train("--resume", "--epochs", "2");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("Resuming cnn conv5x5x32-pool-conv5x5x64-pool-fc1024-dropout-3, adam lr 0.001 decaying x0.7 per 4 steps, batch 50 at epoch 2 of 2", resumed.Out);

        // The restored graph's rate is the schedule's value at the saved step: 1e-3 · 0.7^(8/4).
        var saved = RunConfig.Load(run);
        Assert.Equal((0.7, 4), (saved.LearningRateDecay.Value, saved.DecaySteps.Value));
        var model = ClassifierModel.Build(saved);
        using var session = new Session(model.Graph);
        Assert.EndsWith("model.ckpt-8", new RunCheckpoints(model, run, 5).RestoreLatest(session, _ => { }));
        Assert.Equal(4.9e-4, (float)session.run(model.LearningRate), 1e-9);
    }

    [Fact]
    public void Resuming_with_a_new_batch_size_keeps_the_decay_period_and_lr_decay_can_start_or_stop_a_decay()
    {
        using var set = new SyntheticIdxSet();
        var data = ImageDataLoader.Load(set.Dir);
        var saved = NewRun(data, "--model", "cnn");
        TrainOptions Resume(params string[] args)
        {
            var settings = new TrainSettings { Resume = true };
            for (int i = 0; i < args.Length; i += 2)
                if (args[i] == "--batch-size") settings.BatchSize = args[i + 1]; else settings.LearningRateDecay = args[i + 1];
            return TrainOptions.From(settings);
        }
        var rebatched = Resume("--batch-size", "20").ResumedRunConfig(saved, data);
        Assert.Equal((20, 0.7, 2), (rebatched.BatchSize, rebatched.LearningRateDecay.Value, rebatched.DecaySteps.Value));
        var stopped = Resume("--lr-decay", "1").ResumedRunConfig(saved, data);
        Assert.Null(stopped.LearningRateDecay);
        var mlp = NewRun(data, "--model", "mlp");
        var started = Resume("--lr-decay", "0.7", "--batch-size", "20").ResumedRunConfig(mlp, data);
        Assert.Equal((0.7, 11), (started.LearningRateDecay.Value, started.DecaySteps.Value));
    }
}
