namespace GraphTrainer.Cli.Runs;

/// <summary>
/// An exclusive lock on a run directory for the duration of a <c>train</c>: two trainings writing checkpoints,
/// history and logs into one directory would overwrite each other. The lock is the OS's (an open file with
/// <see cref="FileShare.None"/>, an advisory <c>flock</c> on Unix), so a killed process never leaves it held.
/// </summary>
public sealed class RunLock : IDisposable
{
    /// <summary>The lock file's name inside the run directory.</summary>
    public const string FileName = ".lock";

    private readonly FileStream _file;

    private RunLock(FileStream file) => _file = file;

    /// <summary>Takes the lock on <paramref name="directory"/> (created if missing).</summary>
    /// <exception cref="CliException">Another process (or another command in this one) holds it.</exception>
    public static RunLock Acquire(string directory)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, FileName);
        try
        {
            // The file stays after release: deleting it would let a third process lock a new file while a second
            // still holds the old one.
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            file.SetLength(0);
            var pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId + "\n");
            file.Write(pid);
            file.Flush();
            return new RunLock(file);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new CliException($"{directory} is in use by another graphtrainer train (lock {path} is held); wait for it to finish or choose another --output", ex);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
