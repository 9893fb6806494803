using System.Diagnostics;
using GraphTrainer.Cli.Commands;
using GraphTrainer.Cli.Model;
using GraphTrainer.Cli.Parsing;
using GraphTrainer.Cli.Plots;
using GraphTrainer.Cli.Runs;

namespace GraphTrainer.Cli.Training;

/// <summary>
/// One <c>train</c> invocation from options to result: pick or create the run directory, load MNIST, build the
/// graph, initialize or restore it, run the epochs, evaluate all three splits and draw the plots.
/// </summary>
public static class TrainRunner
{
    /// <summary>Runs training as <paramref name="options"/> say, showing progress on <paramref name="reporter"/>.</summary>
    /// <exception cref="UsageException">Conflicting options (new run into an existing run, resuming a finished run).</exception>
    /// <exception cref="CliException">Missing data, run directory or checkpoint; a checkpoint that does not match.</exception>
    /// <param name="options">The parsed options.</param>
    /// <param name="reporter">Progress display.</param>
    /// <param name="log">Receives the data loader's lines; null discards them.</param>
    public static TrainResult Run(TrainOptions options, ITrainingReporter reporter, TextWriter log = null)
    {
        var wall = Stopwatch.StartNew();
        var (dir, config) = options.Resume ? PrepareResume(options) : PrepareNew(options);

        // Data before creating anything on disk: a wrong --data must not leave an empty run directory behind.
        var data = MnistLoader.Load(options.DataDir ?? config.DataDir, config.Seed, log);
        // The training split in file order, taken before next_batch shuffles it: the shuffled view is a fresh
        // 172 MB gather per epoch, which costs seconds in page faults just to measure the final train accuracy.
        var (trainImages, trainLabels) = (data.train.images, data.train.labels);
        var model = MnistModel.Build(config);
        using var session = new Session(model.Graph);
        Directory.CreateDirectory(dir);
        var checkpoints = new RunCheckpoints(model, dir, options.Keep);

        string resumedFrom = null;
        TrainingHistory history;
        int done = 0;
        if (options.Resume)
        {
            resumedFrom = checkpoints.RestoreLatest(session);
            done = (int)session.run(model.Epoch);
            history = TrainingHistory.Load(dir);
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
        config.Save(dir);
        tf.train.write_graph(model.Graph, dir, "graph.pbtxt");

        reporter.Started(resumedFrom == null
            ? $"Training {config.Description} for {Plural(config.Epochs, "epoch")}\nRun directory: {dir}"
            : $"Resuming {config.Description} at epoch {done + 1} of {config.Epochs}\nFrom checkpoint: {resumedFrom}");

        string logDir = Path.Combine(dir, RunDirectory.LogsName);
        TrainingLoop loop;
        using (var tensorBoard = new TensorBoardLog(model, logDir))
        {
            loop = new TrainingLoop(model, session, data, reporter, tensorBoard, checkpoints, history, options.LogEvery);
            loop.Run(done + 1, config.Epochs);
        }

        var train = Evaluator.Evaluate(session, model, trainImages, trainLabels);
        var validation = Evaluator.Evaluate(session, model, data.validation);
        var test = Evaluator.Evaluate(session, model, data.test);
        var plots = TrainingPlots.Write(dir, history, loop.StepsPerEpoch, data.test.images,
            Evaluator.LabelIndices(data.test.labels), test.Predictions);

        var thisSession = history.Epochs.Where(e => e.Epoch > done).ToList();
        double trainSeconds = thisSession.Sum(e => e.Seconds);
        return new TrainResult
        {
            Config = config,
            OutputDir = dir,
            ResumedFrom = resumedFrom,
            FirstEpoch = done + 1,
            LastEpoch = config.Epochs,
            GlobalStep = (long)session.run(model.GlobalStep),
            Train = train,
            Validation = validation,
            Test = test,
            TrainSeconds = trainSeconds,
            ExamplesPerSecond = thisSession.Sum(e => e.ExamplesPerSecond * e.Seconds) / trainSeconds,
            Checkpoint = loop.LastCheckpoint,
            LogDir = logDir,
            Plots = plots,
            Epochs = history.Epochs,
            WallSeconds = wall.Elapsed.TotalSeconds,
        };
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static (string Dir, RunConfig Config) PrepareNew(TrainOptions options)
    {
        string dataDir = options.DataDir == null ? null : Path.GetFullPath(options.DataDir);
        var config = options.NewRunConfig(dataDir);
        if (options.OutputDir == null)
            return (RunDirectory.NewPath(), config);
        string dir = Path.GetFullPath(options.OutputDir);
        if (File.Exists(dir))
            throw new UsageException($"--output {dir} is a file, not a directory");
        if (Directory.Exists(dir) && RunDirectory.HoldsRun(dir))
            throw new UsageException($"{dir} already holds a run; pass --resume to continue it, or choose another --output");
        return (dir, config);
    }

    private static (string Dir, RunConfig Config) PrepareResume(TrainOptions options)
    {
        string dir = options.OutputDir != null
            ? Path.GetFullPath(options.OutputDir)
            : RunDirectory.Latest() ?? throw new CliException(
                $"no run to resume under {RunDirectory.RunsRoot()}; pass --output DIR naming the run directory");
        if (!Directory.Exists(dir))
            throw new CliException($"run directory not found: {dir}");
        return (dir, options.ResumedRunConfig(RunConfig.Load(dir)));
    }
}
