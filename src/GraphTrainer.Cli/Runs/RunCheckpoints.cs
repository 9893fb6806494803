using GraphTrainer.Cli.Model;
using GraphTrainer.IO;
using GraphTrainer.Train;

namespace GraphTrainer.Cli.Runs;

/// <summary>
/// Saves a model's variables into its run directory with tf.train.Saver and restores them, turning the saver's
/// errors (missing key, shape or dtype mismatch, corrupt file; each names the variable) into one-line CLI errors.
/// </summary>
public sealed class RunCheckpoints
{
    private readonly ClassifierModel _model;
    private readonly Saver _saver;

    /// <summary>Creates a saver for all of <paramref name="model"/>'s variables.</summary>
    /// <param name="model">The model whose variables are saved (weights, optimizer slots, global step, epoch).</param>
    /// <param name="directory">The run directory.</param>
    /// <param name="maxToKeep">Checkpoints kept; older ones are deleted.</param>
    public RunCheckpoints(ClassifierModel model, string directory, int maxToKeep = 5)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        Directory = directory;
        // An explicit variable list, so the saver never consults the process-wide default graph.
        var variables = model.Graph.get_collection<RefVariable>(GraphKeys.GLOBAL_VARIABLES);
        _saver = tf.train.Saver(variables, max_to_keep: maxToKeep);
    }

    /// <summary>The run directory.</summary>
    public string Directory { get; }

    /// <summary>
    /// Saves the session's variables as <c>model.ckpt-STEP</c> and returns the prefix written, after deleting what
    /// killed saves left behind (see <see cref="CheckpointFiles.CleanLeftovers"/>).
    /// </summary>
    public string Save(Session session)
    {
        CheckpointFiles.CleanLeftovers(Directory);
        return _saver.save(session, RunDirectory.CheckpointPrefix(Directory), _model.GlobalStep);
    }

    /// <summary>Loads <paramref name="checkpoint"/> into <paramref name="session"/>.</summary>
    /// <exception cref="CliException">The checkpoint is missing, corrupt, or does not match the model; the message names the variable.</exception>
    /// <remarks>Checkpoints written before the input pipeline's position was saved still restore (see the code).</remarks>
    public void Restore(Session session, string checkpoint)
    {
        try
        {
            string pipeline = _model.PipelineState.op.Name;
            if (CheckpointReader.ListVariables(checkpoint).Any(v => v.Name == pipeline))
            {
                _saver.restore(session, checkpoint);
                return;
            }
            // A checkpoint written before the pipeline position was saved: restore the rest and continue with the
            // next epoch's permutation (such a run resumes correctly, though not bit-identically).
            var others = _model.Graph.get_collection<RefVariable>(GraphKeys.GLOBAL_VARIABLES).Where(v => v.op.Name != pipeline);
            tf.train.Saver(others).restore(session, checkpoint);
            int epoch = (int)session.run(_model.Epoch);
            session.run(_model.SetPipelineState, new FeedDict { [_model.PipelineStateValue] = NumSharp.np.array(new long[] { epoch, 0 }) });
        }
        catch (Exception ex) when (ex is KeyError or InvalidArgumentError or ValueError or CheckpointCorruptException
                                       or NotSupportedException or InvalidDataException)
        {
            throw new CliException($"cannot restore {checkpoint} into the {_model.Config.Description} model: {ex.Message}", ex);
        }
    }

    /// <summary>Restores the newest checkpoint of the run directory (repairing a damaged state file); returns its
    /// prefix, or null when the directory has no checkpoint.</summary>
    /// <exception cref="CliException">The checkpoint cannot be restored.</exception>
    public string RestoreLatest(Session session, Action<string> warn = null)
    {
        string latest = CheckpointFiles.Latest(Directory, repair: true, warn);
        if (latest != null)
            Restore(session, latest);
        return latest;
    }
}
