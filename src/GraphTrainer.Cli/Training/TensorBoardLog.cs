using GraphTrainer.Cli.Model;
using GraphTrainer.IO;

namespace GraphTrainer.Cli.Training;

/// <summary>
/// TensorBoard event files of a run, written with tf.summary ops and tf.summary.FileWriter: <c>logs/train</c>
/// (batch loss/accuracy every few steps, weight histograms per epoch, the graph) and <c>logs/validation</c>
/// (loss/accuracy per epoch), so TensorBoard overlays the two runs on the same tags.
/// </summary>
public sealed class TensorBoardLog : IDisposable
{
    private readonly ClassifierModel _model;
    private readonly SummaryFileWriter _train;
    private readonly SummaryFileWriter _validation;

    /// <summary>Opens new event files under <paramref name="logDir"/> and writes the graph.</summary>
    public TensorBoardLog(ClassifierModel model, string logDir)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        LogDir = logDir;
        _train = tf.summary.FileWriter(Path.Combine(logDir, "train"), model.Graph);
        try
        {
            _validation = tf.summary.FileWriter(Path.Combine(logDir, "validation"));
        }
        catch
        {
            // Nobody else can close the first writer if the constructor fails.
            _train.Dispose();
            throw;
        }
    }

    /// <summary>The log directory to point <c>tensorboard --logdir</c> at.</summary>
    public string LogDir { get; }

    /// <summary>Event files written so far.</summary>
    public IReadOnlyList<string> Files => new[] { _train.FilePath, _validation.FilePath };

    /// <summary>Writes a training-batch summary fetched from <see cref="ClassifierModel.Scalars"/>.</summary>
    public void AddTrainScalars(NumSharp.NDArray summary, long step) => _train.add_summary(summary, step);

    /// <summary>Runs the weight histograms and the validation scalars and writes them at <paramref name="step"/>.</summary>
    public void AddEpoch(Session session, Data.Split validation, long step)
    {
        _train.add_summary(session.run(_model.Histograms), step);
        var feed = new FeedDict { [_model.Images] = validation.Images, [_model.Labels] = validation.Labels };
        _validation.add_summary(session.run(_model.Scalars, feed), step);
        // Flush per epoch: TensorBoard (or a test) reading during a long run sees complete epochs.
        _train.flush();
        _validation.flush();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _train.Dispose();
        _validation.Dispose();
    }
}
