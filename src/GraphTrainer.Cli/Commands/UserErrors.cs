using GraphTrainer.Data;
using GraphTrainer.IO;

namespace GraphTrainer.Cli.Commands;

/// <summary>
/// Which exceptions are the user's environment (print one line, exit 1) rather than a bug (reported by
/// <see cref="ErrorReport"/> with the path of the full trace). Kept in one place so every command classifies errors the same way.
/// </summary>
internal static class UserErrors
{
    /// <summary>True for failures the user can fix: missing or corrupt files, unreadable checkpoints, I/O errors.</summary>
    public static bool IsUserError(Exception ex) => ex is CliException or Training.TrainingDivergedException
        or MnistDataNotFoundException or CheckpointCorruptException or InvalidDataException
        or IOException or UnauthorizedAccessException;

    /// <summary>
    /// The message for <paramref name="ex"/>. Messages are one line, except MnistDataNotFoundException's: its first
    /// line says what is missing and the following lines list every directory searched, which is the fix.
    /// </summary>
    public static string Describe(Exception ex) => ex.Message.TrimEnd();
}
