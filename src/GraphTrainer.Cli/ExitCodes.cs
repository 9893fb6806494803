namespace GraphTrainer.Cli;

/// <summary>Process exit codes of <c>graphtrainer</c>, shared by every command.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>A run-time failure: missing data, unreadable or mismatched checkpoint, I/O error.</summary>
    public const int Failure = 1;

    /// <summary>A usage error: unknown command or option, invalid value.</summary>
    public const int Usage = 2;
}
