using System.Globalization;

namespace GraphTrainer.Cli.Training;

/// <summary>
/// A training loss became NaN or infinite. The message names the step and the last good checkpoint (nothing is
/// saved after the bad step) and suggests the usual fix, a lower learning rate.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="step">Global step whose loss was not finite.</param>
    /// <param name="epoch">Its epoch.</param>
    /// <param name="batch">Its batch within the epoch.</param>
    /// <param name="batches">Batches per epoch.</param>
    /// <param name="loss">The value (NaN or ±∞).</param>
    /// <param name="lastCheckpoint">The last good checkpoint, or null.</param>
    /// <param name="learningRate">The learning rate in use.</param>
    /// <param name="what">Which loss: the batch loss or the validation loss.</param>
    public TrainingDivergedException(long step, int epoch, int batch, int batches, double loss, string lastCheckpoint,
        double learningRate, string what = "loss")
        : base(Describe(step, epoch, batch, batches, loss, lastCheckpoint, learningRate, what))
    {
        Step = step;
        LastCheckpoint = lastCheckpoint;
    }

    /// <summary>Global step whose loss was not finite.</summary>
    public long Step { get; }

    private static string Describe(long step, int epoch, int batch, int batches, double loss, string lastCheckpoint,
        double learningRate, string what)
    {
        string saved = lastCheckpoint != null ? $"the last good checkpoint is {lastCheckpoint}" : "no checkpoint was saved before it";
        return string.Create(CultureInfo.InvariantCulture,
            $"training diverged: the {what} is {loss} at step {step} (epoch {epoch}, batch {batch} of {batches}); {saved}; try a lower --lr (was {learningRate:G4})");
    }

    /// <summary>The last good checkpoint, or null.</summary>
    public string LastCheckpoint { get; }
}
