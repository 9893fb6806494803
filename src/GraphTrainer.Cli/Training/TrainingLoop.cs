using System.Diagnostics;
using GraphTrainer.Cli.Data;
using GraphTrainer.Cli.Model;
using GraphTrainer.Cli.Runs;

namespace GraphTrainer.Cli.Training;

/// <summary>How a <see cref="TrainingLoop.Run"/> ended.</summary>
public enum TrainingOutcome
{
    /// <summary>Every requested epoch was trained.</summary>
    Completed,

    /// <summary>Cancellation (Ctrl+C) stopped it; a checkpoint at the current step was saved.</summary>
    Interrupted,
}

/// <summary>
/// The epoch loop: mini-batch steps from the <see cref="BatchPipeline"/>, then validation, TensorBoard summaries,
/// the history file and a checkpoint after every epoch (history first, so a checkpoint never refers to epochs the
/// history lacks). Stops at the first non-finite loss without saving, keeping the last good checkpoint, and on
/// cancellation saves a checkpoint at the current step.
/// </summary>
public sealed class TrainingLoop
{
    // The progress display needs no more than a few updates per second.
    private const int ReportEverySteps = 10;

    private static int _running;

    private readonly ClassifierModel _model;
    private readonly Session _session;
    private readonly ImageData _data;
    private readonly BatchPipeline _pipeline;
    private readonly ITrainingReporter _reporter;
    private readonly TensorBoardLog _tensorBoard;
    private readonly RunCheckpoints _checkpoints;
    private readonly TrainingHistory _history;
    private readonly int _logEvery;
    private readonly CancellationToken _cancellation;

    /// <summary>Creates the loop.</summary>
    /// <param name="model">The model, its variables initialized or restored in <paramref name="session"/>.</param>
    /// <param name="session">A session on the model's graph.</param>
    /// <param name="data">The dataset (validation split used after each epoch).</param>
    /// <param name="pipeline">Training batches, at the position the checkpoint saved.</param>
    /// <param name="reporter">Progress display.</param>
    /// <param name="tensorBoard">Event files.</param>
    /// <param name="checkpoints">Saves a checkpoint after each epoch.</param>
    /// <param name="history">Receives metrics; saved with each checkpoint.</param>
    /// <param name="logEvery">Steps between TensorBoard scalar points and loss-curve points.</param>
    /// <param name="cancellation">Ctrl+C: save at the current step and stop.</param>
    public TrainingLoop(ClassifierModel model, Session session, ImageData data, BatchPipeline pipeline, ITrainingReporter reporter,
        TensorBoardLog tensorBoard, RunCheckpoints checkpoints, TrainingHistory history, int logEvery, CancellationToken cancellation = default)
    {
        _model = model;
        _session = session;
        _data = data;
        _pipeline = pipeline;
        _reporter = reporter;
        _tensorBoard = tensorBoard;
        _checkpoints = checkpoints;
        _history = history;
        _logEvery = logEvery;
        _cancellation = cancellation;
    }

    /// <summary>Path of the newest checkpoint saved, or the one given to start from.</summary>
    public string LastCheckpoint { get; set; }

    /// <summary>Global step of <see cref="LastCheckpoint"/>.</summary>
    public long LastCheckpointStep { get; private set; }

    /// <summary>Global step when <see cref="Run"/> returned.</summary>
    public long Step { get; private set; }

    /// <summary>True while some loop in this process is training: only then does Ctrl+C mean "checkpoint and stop"
    /// (elsewhere it ends the process as usual).</summary>
    public static bool AnyRunning => Volatile.Read(ref _running) > 0;

    /// <summary>Steps in one epoch: whole batches only.</summary>
    public int StepsPerEpoch => _pipeline.StepsPerEpoch;

    /// <summary>Trains epochs <paramref name="firstEpoch"/>..<paramref name="lastEpoch"/> (1-based, inclusive).</summary>
    /// <exception cref="TrainingDivergedException">A batch loss was NaN or infinite.</exception>
    public TrainingOutcome Run(int firstEpoch, int lastEpoch)
    {
        var outcome = TrainingOutcome.Completed;
        Step = (long)_session.run(_model.GlobalStep);
        LastCheckpointStep = Step;
        Interlocked.Increment(ref _running);
        try
        {
            _reporter.Run(() =>
            {
                for (int epoch = firstEpoch; epoch <= lastEpoch && outcome == TrainingOutcome.Completed; epoch++)
                    outcome = RunEpoch(epoch, lastEpoch);
            });
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
        return outcome;
    }

    private TrainingOutcome RunEpoch(int epoch, int lastEpoch)
    {
        int steps = StepsPerEpoch;
        // A run interrupted mid-epoch resumes inside it: the pipeline still stands in this epoch's permutation.
        int first = _pipeline.Stream == epoch - 1 ? (int)Math.Min(_pipeline.Offset / _pipeline.BatchSize, steps) : 0;
        _reporter.EpochStarted(epoch, lastEpoch, steps);
        double? lastValidationLoss = _history.Epochs.Count > 0 ? _history.Epochs[^1].ValidationLoss : null;
        double lossSum = 0, accuracySum = 0, windowLoss = 0, windowAccuracy = 0;
        int window = 0, timed = 0;
        var clock = Stopwatch.StartNew();
        for (int i = first + 1; i <= steps; i++)
        {
            if (_cancellation.IsCancellationRequested)
            {
                Save(epoch - 1);
                return TrainingOutcome.Interrupted;
            }
            var (images, labels) = _pipeline.Next();
            var feed = new FeedDict { [_model.Images] = images, [_model.Labels] = labels };
            foreach (var (tensor, value) in _model.TrainingFeeds) feed[tensor] = value;
            bool log = (Step + 1) % _logEvery == 0;
            double loss, accuracy;
            NumSharp.NDArray summary = null;
            if (log)
            {
                var (_, l, a, s) = _session.run((_model.TrainOp, _model.Loss, _model.Accuracy, _model.Scalars), feed);
                (loss, accuracy, summary) = ((float)l, (float)a, s);
            }
            else
            {
                var (_, l, a) = _session.run((_model.TrainOp, _model.Loss, _model.Accuracy), feed);
                (loss, accuracy) = ((float)l, (float)a);
            }
            Step++;
            // The fetched loss is of the weights before this step's update; once it is not finite the weights are
            // lost, so nothing after this point may be saved.
            if (!double.IsFinite(loss))
                throw new TrainingDivergedException(Step, epoch, i, steps, loss, LastCheckpoint, _model.Config.LearningRate);
            if (summary is not null)
                _tensorBoard.AddTrainScalars(summary, Step);
            timed++;
            lossSum += loss;
            accuracySum += accuracy;
            windowLoss += loss;
            windowAccuracy += accuracy;
            window++;
            if (log)
            {
                _history.Steps.Add(new StepMetrics(Step, windowLoss / window, windowAccuracy / window));
                windowLoss = windowAccuracy = window = 0;
            }
            if (i % ReportEverySteps == 0 || i == steps)
                _reporter.StepsCompleted(new StepProgress(i, steps, lossSum / timed, accuracySum / timed,
                    clock.Elapsed.TotalSeconds, timed, lastValidationLoss));
        }
        double seconds = clock.Elapsed.TotalSeconds;

        var validation = Evaluator.Evaluate(_session, _model, _data.Validation);
        if (!double.IsFinite(validation.Loss))
            throw new TrainingDivergedException(Step, epoch, steps, steps, validation.Loss, LastCheckpoint, _model.Config.LearningRate, "validation loss");
        _tensorBoard.AddEpoch(_session, _data.Validation, Step);
        var metrics = new EpochMetrics
        {
            Epoch = epoch,
            Step = Step,
            TrainLoss = timed > 0 ? lossSum / timed : double.NaN,
            TrainAccuracy = timed > 0 ? accuracySum / timed : double.NaN,
            ValidationLoss = validation.Loss,
            ValidationAccuracy = validation.Accuracy,
            Seconds = seconds,
            ExamplesPerSecond = timed * (double)_pipeline.BatchSize / Math.Max(seconds, 1e-9),
        };
        _history.Epochs.Add(metrics);
        Save(epoch);
        _reporter.EpochCompleted(metrics, lastEpoch, steps);
        return TrainingOutcome.Completed;
    }

    /// <summary>Saves the freshly initialized variables as the run's first checkpoint (step 0).</summary>
    public void SaveInitial()
    {
        Step = (long)_session.run(_model.GlobalStep);
        Save(0);
    }

    // History first: a kill between the two leaves a history ahead of the checkpoint, which resume trims
    // (TruncateTo); the other order would lose epochs from the history for good.
    private void Save(int epochsCompleted)
    {
        _session.run(_model.SetEpoch, new FeedDict { [_model.EpochValue] = epochsCompleted });
        _session.run(_model.SetPipelineState, new FeedDict { [_model.PipelineStateValue] = NumSharp.np.array(_pipeline.State) });
        _history.Save(_checkpoints.Directory);
        LastCheckpoint = _checkpoints.Save(_session);
        LastCheckpointStep = Step;
    }
}
