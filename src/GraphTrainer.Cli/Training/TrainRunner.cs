using System.Diagnostics;
using GraphTrainer.Cli.Commands;
using GraphTrainer.Cli.Data;
using GraphTrainer.Cli.Model;
using GraphTrainer.Cli.Parsing;
using GraphTrainer.Cli.Plots;
using GraphTrainer.Cli.Runs;

namespace GraphTrainer.Cli.Training;

/// <summary>
/// One <c>train</c> invocation from options to result: pick the run directory, load the data, check the model
/// fits, lock the directory, build the graph, initialize or restore it, run the epochs, evaluate all three splits
/// and draw the plots.
/// </summary>
public static class TrainRunner
{
    /// <summary>Runs training as <paramref name="options"/> say, showing progress on <paramref name="reporter"/>.</summary>
    /// <exception cref="UsageException">Conflicting options (new run into an existing run, resuming a finished run, a batch larger than the data).</exception>
    /// <exception cref="CliException">Missing data, run directory or checkpoint; a checkpoint that does not match; a model too large.</exception>
    /// <exception cref="TrainingDivergedException">The loss stopped being finite.</exception>
    /// <param name="options">The parsed options.</param>
    /// <param name="reporter">Progress display.</param>
    /// <param name="log">Receives informational lines (downloads, a resume that starts fresh); null discards them.</param>
    /// <param name="cancellation">Ctrl+C: stop after saving a checkpoint at the current step.</param>
    public static TrainResult Run(TrainOptions options, ITrainingReporter reporter, TextWriter log = null, CancellationToken cancellation = default)
    {
        var wall = Stopwatch.StartNew();
        log ??= TextWriter.Null;
        var (dir, savedConfig) = options.Resume ? PrepareResume(options) : PrepareNew(options);

        // Data before creating anything on disk: a wrong --data must not leave an empty run directory behind.
        var data = ImageDataLoader.Load(options.DataDir ?? savedConfig?.DataDir, options.ClassNames, log);
        var config = savedConfig == null ? options.NewRunConfig(data) : options.ResumedRunConfig(savedConfig, data);
        CheckDataMatches(config, data, savedConfig != null);
        if (config.BatchSize > data.Train.Count)
            throw new UsageException(Format.Invariant(
                $"--batch-size {config.BatchSize} is larger than the {data.Train.Count:N0} training examples in {data.Directory}"));

        var model = ClassifierModel.Build(config);
        ModelBudget.Check(model);
        using var runLock = RunLock.Acquire(dir);
        using var session = new Session(model.Graph, device: options.Device);
        var checkpoints = new RunCheckpoints(model, dir, options.Keep);

        string resumedFrom = null;
        TrainingHistory history;
        int done = 0;
        long[] pipelineState = { 0, 0 };
        if (savedConfig != null)
        {
            resumedFrom = checkpoints.RestoreLatest(session, line => log.WriteLine(line));
            if (resumedFrom == null)
                log.WriteLine($"No checkpoint in {dir} yet (an earlier start failed before its first save); starting the run afresh there.");
        }
        if (resumedFrom != null)
        {
            done = (int)session.run(model.Epoch);
            pipelineState = session.run(model.PipelineState).ToArray<long>();
            history = LoadHistory(dir, log);
            // Repairs a history written ahead of the checkpoint (a kill between the two saves).
            history.TruncateTo(done, (long)session.run(model.GlobalStep));
            if (done >= config.Epochs)
                throw new UsageException(
                    $"the run in {dir} has already trained {done} of {config.Epochs} epochs; pass --epochs N with N > {done} to train further");
        }
        else
        {
            session.run(model.Init);
            history = new TrainingHistory();
        }
        var pipeline = new BatchPipeline(data.Train, config.Seed, config.BatchSize, pipelineState[0], pipelineState[1]);
        config.Save(dir);
        tf.train.write_graph(model.Graph, dir, "graph.pbtxt");

        reporter.Started(resumedFrom == null
            ? $"Training {config.Description} for {Plural(config.Epochs, "epoch")} on {data.Train.Count:N0} images of {data.Height}x{data.Width} in {data.Classes} classes\nDevice: {DeviceChoice.Describe(options.Device)}\nRun directory: {dir}"
            : $"Resuming {config.Description} at epoch {done + 1} of {config.Epochs}\nDevice: {DeviceChoice.Describe(options.Device)}\nFrom checkpoint: {resumedFrom}", model.Layers);

        string logDir = Path.Combine(dir, RunDirectory.LogsName);
        TrainingLoop loop;
        TrainingOutcome outcome;
        using (var tensorBoard = new TensorBoardLog(model, logDir))
        {
            loop = new TrainingLoop(model, session, data, pipeline, reporter, tensorBoard, checkpoints, history, options.LogEvery, cancellation)
            {
                LastCheckpoint = resumedFrom,
            };
            // A fresh run saves its initial weights first: a run that diverges or fails in its first epoch still
            // leaves a checkpoint to resume from (with, say, a lower --lr), and the directory is a run from here on.
            if (resumedFrom == null)
                loop.SaveInitial();
            outcome = loop.Run(done + 1, config.Epochs);
        }

        var baseResult = new TrainResult
        {
            Config = config,
            OutputDir = dir,
            ResumedFrom = resumedFrom,
            FirstEpoch = done + 1,
            GlobalStep = loop.Step,
            Checkpoint = loop.LastCheckpoint,
            LogDir = logDir,
            Epochs = history.Epochs,
            Interrupted = outcome == TrainingOutcome.Interrupted,
        };
        if (outcome == TrainingOutcome.Interrupted)
            return baseResult with { LastEpoch = (int)session.run(model.Epoch), WallSeconds = wall.Elapsed.TotalSeconds };

        var train = Evaluator.Evaluate(session, model, data.Train);
        var validation = Evaluator.Evaluate(session, model, data.Validation);
        var test = Evaluator.Evaluate(session, model, data.Test);
        var plots = TrainingPlots.Write(dir, history, loop.StepsPerEpoch, data.Test.Images,
            Evaluator.LabelIndices(data.Test.Labels), test.Predictions, config);

        var thisSession = history.Epochs.Where(e => e.Epoch > done).ToList();
        double trainSeconds = thisSession.Sum(e => e.Seconds);
        return baseResult with
        {
            LastEpoch = config.Epochs,
            Train = train,
            Validation = validation,
            Test = test,
            TrainSeconds = trainSeconds,
            ExamplesPerSecond = trainSeconds > 0 ? thisSession.Sum(e => e.ExamplesPerSecond * e.Seconds) / trainSeconds : 0,
            Plots = plots,
            WallSeconds = wall.Elapsed.TotalSeconds,
        };
    }

    // The history only feeds the plots: an unreadable one (edited by hand, or from a tool that does not write
    // atomically) must not block resuming the weights.
    private static TrainingHistory LoadHistory(string dir, TextWriter log)
    {
        try
        {
            return TrainingHistory.Load(dir);
        }
        catch (CliException ex)
        {
            log.WriteLine($"warning: {ex.Message}; starting a new history (the plots will show only the epochs trained from here)");
            return new TrainingHistory();
        }
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static void CheckDataMatches(RunConfig config, ImageData data, bool resumed)
    {
        var (height, width) = config.ImageSize;
        if (config.Inputs != data.Inputs || config.Classes != data.Classes)
            throw new CliException(
                $"the data in {data.Directory} has {data.Height}x{data.Width} images in {data.Classes} classes, " +
                $"but the {(resumed ? "resumed run" : "model")} expects {height}x{width} images in {config.Classes} classes");
    }

    private static (string Dir, RunConfig Saved) PrepareNew(TrainOptions options)
    {
        if (options.OutputDir == null)
            return (RunDirectory.NewPath(), null);
        string dir = Path.GetFullPath(options.OutputDir);
        if (File.Exists(dir))
            throw new UsageException($"--output {dir} is a file, not a directory");
        if (Directory.Exists(dir) && RunDirectory.HoldsRun(dir))
            throw new UsageException($"{dir} already holds a run; pass --resume to continue it, or choose another --output");
        return (dir, null);
    }

    private static (string Dir, RunConfig Saved) PrepareResume(TrainOptions options)
    {
        string dir = options.OutputDir != null
            ? Path.GetFullPath(options.OutputDir)
            : RunDirectory.Latest() ?? throw new CliException(
                $"no run to resume under {RunDirectory.RunsRoot()}; pass --output DIR naming the run directory");
        if (!Directory.Exists(dir))
            throw new CliException($"run directory not found: {dir}");
        return (dir, RunConfig.Load(dir));
    }
}
