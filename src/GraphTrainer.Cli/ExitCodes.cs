namespace GraphTrainer.Cli;

/// <summary>Process exit codes of <c>graphtrainer</c>, shared by every command.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>A run-time failure: missing data, unreadable or mismatched checkpoint, I/O error, diverged training.</summary>
    public const int Failure = 1;

    /// <summary>A usage error: unknown command or option, invalid value.</summary>
    public const int Usage = 2;

    /// <summary>A bug in graphtrainer: the message says where the full trace was written (sysexits' EX_SOFTWARE).</summary>
    public const int InternalError = 70;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT, as shells report it) after saving a checkpoint.</summary>
    public const int Interrupted = 130;
}
