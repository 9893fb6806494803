namespace GraphTrainer.Cli;

/// <summary>
/// A run-time failure caused by the user's environment rather than by a bug (missing data directory, unreadable
/// or mismatched checkpoint). The CLI prints the message and exits with <see cref="ExitCodes.Failure"/>.
/// </summary>
public sealed class CliException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and, where possible, what to do about it.</param>
    /// <param name="inner">The underlying error, kept for debugging.</param>
    public CliException(string message, Exception inner = null) : base(message, inner) { }
}
