namespace GraphTrainer.Cli.Parsing;

/// <summary>
/// A mistake in the command line (unknown option, bad value, missing argument). The CLI prints the message on
/// one line and exits with <see cref="ExitCodes.Usage"/>; no stack trace, because the fix is in the user's hands.
/// </summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line saying what is wrong, naming the option and the value.</param>
    public UsageException(string message) : base(message) { }
}
