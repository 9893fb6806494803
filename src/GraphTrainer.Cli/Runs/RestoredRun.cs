using GraphTrainer.Cli.Model;

namespace GraphTrainer.Cli.Runs;

/// <summary>
/// A trained model loaded for <c>eval</c> and <c>predict</c>: the graph rebuilt from the run's <c>run.json</c>
/// and the checkpoint's values restored into a new session.
/// </summary>
public sealed class RestoredRun : IDisposable
{
    private RestoredRun(string runDir, string checkpoint, ClassifierModel model, Session session)
    {
        RunDir = runDir;
        Checkpoint = checkpoint;
        Model = model;
        Session = session;
    }

    /// <summary>The run directory (holds run.json).</summary>
    public string RunDir { get; }

    /// <summary>The checkpoint prefix restored.</summary>
    public string Checkpoint { get; }

    /// <summary>The rebuilt model.</summary>
    public ClassifierModel Model { get; }

    /// <summary>A session on the model's graph with the checkpoint's values.</summary>
    public Session Session { get; }

    /// <summary>Epochs the checkpoint was trained for.</summary>
    public int Epoch => (int)Session.run(Model.Epoch);

    /// <summary>Global step of the checkpoint.</summary>
    public long GlobalStep => (long)Session.run(Model.GlobalStep);

    /// <summary>Loads <paramref name="checkpointArg"/>: a run directory or a checkpoint prefix inside one.</summary>
    /// <exception cref="CliException">No run.json, no checkpoint, or a checkpoint that does not match run.json.</exception>
    /// <param name="checkpointArg">The <c>--checkpoint</c> value.</param>
    /// <param name="warn">Receives a warning line when a damaged state file was worked around.</param>
    public static RestoredRun Load(string checkpointArg, Action<string> warn = null)
    {
        var (runDir, checkpoint) = RunDirectory.ResolveCheckpoint(checkpointArg, warn);
        var config = RunConfig.Load(runDir);
        var model = ClassifierModel.Build(config);
        var session = new Session(model.Graph);
        try
        {
            new RunCheckpoints(model, runDir).Restore(session, checkpoint);
        }
        catch
        {
            // The caller never receives the session, so close it here before the error propagates.
            session.Dispose();
            throw;
        }
        return new RestoredRun(runDir, checkpoint, model, session);
    }

    /// <inheritdoc />
    public void Dispose() => Session.Dispose();
}
