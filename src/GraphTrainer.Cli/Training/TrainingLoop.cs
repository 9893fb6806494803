using System.Diagnostics;
using GraphTrainer.Cli.Model;
using GraphTrainer.Cli.Runs;
using GraphTrainer.Data;
using NumSharp;

namespace GraphTrainer.Cli.Training;

/// <summary>
/// The epoch loop: mini-batch steps (TensorFlow's <c>next_batch</c>), then validation, TensorBoard summaries,
/// a checkpoint and the history file after every epoch, so an interrupted run resumes from its last epoch.
/// </summary>
public sealed class TrainingLoop
{
    // The progress display needs no more than a few updates per second; reporting every step would cost
    // more than the display gains.
    private const int ReportEverySteps = 10;

    private readonly MnistModel _model;
    private readonly Session _session;
    // The caller owns the data sets and reuses them after the loop (final evaluation, plots).
    [NDBorrowed] private readonly Datasets _data;
    private readonly ITrainingReporter _reporter;
    private readonly TensorBoardLog _tensorBoard;
    private readonly RunCheckpoints _checkpoints;
    private readonly TrainingHistory _history;
    private readonly int _logEvery;

    /// <summary>Creates the loop.</summary>
    /// <param name="model">The model, its variables initialized or restored in <paramref name="session"/>.</param>
    /// <param name="session">A session on the model's graph.</param>
    /// <param name="data">MNIST splits (one-hot labels).</param>
    /// <param name="reporter">Progress display.</param>
    /// <param name="tensorBoard">Event files.</param>
    /// <param name="checkpoints">Saves a checkpoint after each epoch.</param>
    /// <param name="history">Receives metrics; saved after each epoch.</param>
    /// <param name="logEvery">Steps between TensorBoard scalar points and loss-curve points.</param>
    public TrainingLoop(MnistModel model, Session session, Datasets data, ITrainingReporter reporter,
        TensorBoardLog tensorBoard, RunCheckpoints checkpoints, TrainingHistory history, int logEvery)
    {
        _model = model;
        _session = session;
        _data = data;
        _reporter = reporter;
        _tensorBoard = tensorBoard;
        _checkpoints = checkpoints;
        _history = history;
        _logEvery = logEvery;
    }

    /// <summary>Path of the newest checkpoint saved by <see cref="Run"/>, or null before the first save.</summary>
    public string LastCheckpoint { get; private set; }

    /// <summary>Steps in one epoch: whole batches only, as TensorFlow's tutorials count them.</summary>
    public int StepsPerEpoch => Math.Max(1, _data.train.num_examples / _model.Config.BatchSize);

    /// <summary>Trains epochs <paramref name="firstEpoch"/>..<paramref name="lastEpoch"/> (1-based, inclusive).</summary>
    public void Run(int firstEpoch, int lastEpoch)
    {
        _reporter.Run(() =>
        {
            long step = (long)_session.run(_model.GlobalStep);
            for (int epoch = firstEpoch; epoch <= lastEpoch; epoch++)
                step = RunEpoch(epoch, lastEpoch, step);
        });
    }

    private long RunEpoch(int epoch, int lastEpoch, long step)
    {
        int steps = StepsPerEpoch, batchSize = _model.Config.BatchSize;
        _reporter.EpochStarted(epoch, lastEpoch, steps);
        double lossSum = 0, accuracySum = 0, windowLoss = 0, windowAccuracy = 0;
        int window = 0;
        var clock = Stopwatch.StartNew();
        for (int i = 1; i <= steps; i++)
        {
            var (images, labels) = _data.train.next_batch(batchSize);
            var feed = new FeedDict { [_model.Images] = images, [_model.Labels] = labels };
            step++;
            bool log = step % _logEvery == 0;
            double loss, accuracy;
            if (log)
            {
                var (_, l, a, summary) = _session.run((_model.TrainOp, _model.Loss, _model.Accuracy, _model.Scalars), feed);
                (loss, accuracy) = ((float)l, (float)a);
                _tensorBoard.AddTrainScalars(summary, step);
            }
            else
            {
                var (_, l, a) = _session.run((_model.TrainOp, _model.Loss, _model.Accuracy), feed);
                (loss, accuracy) = ((float)l, (float)a);
            }
            lossSum += loss;
            accuracySum += accuracy;
            windowLoss += loss;
            windowAccuracy += accuracy;
            window++;
            if (log)
            {
                _history.Steps.Add(new StepMetrics(step, windowLoss / window, windowAccuracy / window));
                windowLoss = windowAccuracy = window = 0;
            }
            if (i % ReportEverySteps == 0 || i == steps)
                _reporter.StepsCompleted(new StepProgress(i, steps, lossSum / i, accuracySum / i,
                    i * (double)batchSize / clock.Elapsed.TotalSeconds));
        }
        double seconds = clock.Elapsed.TotalSeconds;

        var validation = Evaluator.Evaluate(_session, _model, _data.validation);
        _session.run(_model.SetEpoch, new FeedDict { [_model.EpochValue] = epoch });
        _tensorBoard.AddEpoch(_session, _data.validation, step);
        LastCheckpoint = _checkpoints.Save(_session);

        var metrics = new EpochMetrics
        {
            Epoch = epoch,
            Step = step,
            TrainLoss = lossSum / steps,
            TrainAccuracy = accuracySum / steps,
            ValidationLoss = validation.Loss,
            ValidationAccuracy = validation.Accuracy,
            Seconds = seconds,
            ExamplesPerSecond = steps * (double)batchSize / seconds,
        };
        _history.Epochs.Add(metrics);
        _history.Save(_checkpoints.Directory);
        _reporter.EpochCompleted(metrics, lastEpoch);
        return step;
    }
}
