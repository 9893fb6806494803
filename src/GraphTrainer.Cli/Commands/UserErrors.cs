using GraphTrainer.Data;
using GraphTrainer.IO;

namespace GraphTrainer.Cli.Commands;

/// <summary>
/// Which exceptions are the user's environment (print one line, exit 1) rather than a bug (let it surface with a
/// stack trace). Kept in one place so every command classifies errors the same way.
/// </summary>
internal static class UserErrors
{
    /// <summary>True for failures the user can fix: missing or corrupt files, unreadable checkpoints, I/O errors.</summary>
    public static bool IsUserError(Exception ex) => ex is CliException
        or MnistDataNotFoundException or CheckpointCorruptException or InvalidDataException
        or IOException or UnauthorizedAccessException;

    /// <summary>The one-line message for <paramref name="ex"/>.</summary>
    public static string Describe(Exception ex) => ex switch
    {
        // Its message lists every directory searched over several lines; the first line says what is missing
        // and the rest is still useful, so keep it whole.
        MnistDataNotFoundException => ex.Message.TrimEnd(),
        _ => ex.Message,
    };
}
