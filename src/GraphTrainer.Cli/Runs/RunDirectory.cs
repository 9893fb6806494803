using System.Globalization;
using GraphTrainer.Cli.Model;
using GraphTrainer.Data;

namespace GraphTrainer.Cli.Runs;

/// <summary>
/// Layout of a run directory: <c>run.json</c>, <c>history.json</c>, checkpoints <c>model.ckpt-STEP</c> with the
/// <c>checkpoint</c> state file, TensorBoard logs under <c>logs/</c>, and plots. New runs go under
/// <c>data/runs/</c> of the repository (git-ignored).
/// </summary>
public static class RunDirectory
{
    /// <summary>The checkpoint prefix inside a run directory (the saver appends <c>-STEP</c>).</summary>
    public const string CheckpointName = "model.ckpt";

    /// <summary>TensorBoard log directory inside a run directory.</summary>
    public const string LogsName = "logs";

    /// <summary>
    /// Where new runs go: <c>data/runs</c> under the repository that contains the current directory (or this
    /// program), else under the current directory.
    /// </summary>
    public static string RunsRoot()
    {
        string root = DataDirectories.FindRepositoryRoot(Directory.GetCurrentDirectory())
                      ?? DataDirectories.FindRepositoryRoot(AppContext.BaseDirectory)
                      ?? Directory.GetCurrentDirectory();
        return Path.Combine(root, "data", "runs");
    }

    /// <summary>A path for a new run directory named after the current time (<c>run-20261123-101500</c>); not created yet.</summary>
    public static string NewPath()
    {
        string root = RunsRoot();
        string stamp = "run-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        string path = Path.Combine(root, stamp);
        // Two runs started in the same second (scripts, tests) get distinct directories.
        for (int n = 2; Directory.Exists(path); n++)
            path = Path.Combine(root, $"{stamp}-{n}");
        return path;
    }

    /// <summary>
    /// True when <paramref name="directory"/> holds a run worth keeping: a checkpoint. A directory that a failed
    /// start left with only run.json or logs holds nothing to continue, so a new run may take it over.
    /// </summary>
    public static bool HoldsRun(string directory) => CheckpointFiles.OnDisk(directory).Count > 0 || HasStateFile(directory);

    private static bool HasStateFile(string directory)
    {
        try
        {
            return tf.train.latest_checkpoint(directory) != null;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The most recently trained run under <see cref="RunsRoot"/>, or null.</summary>
    public static string Latest()
    {
        string root = RunsRoot();
        if (!Directory.Exists(root))
            return null;
        return Directory.EnumerateDirectories(root)
            .Where(d => File.Exists(Path.Combine(d, RunConfig.FileName)) && HoldsRun(d))
            .OrderByDescending(d => File.GetLastWriteTimeUtc(Path.Combine(d, "checkpoint")))
            .FirstOrDefault();
    }

    /// <summary>The checkpoint prefix for saves into <paramref name="directory"/>.</summary>
    public static string CheckpointPrefix(string directory) => Path.Combine(directory, CheckpointName);

    /// <summary>
    /// Resolves <c>--checkpoint</c>: a run directory (its latest checkpoint) or a checkpoint prefix inside one
    /// (<c>DIR/model.ckpt-550</c>). Returns the run directory (with run.json) and the checkpoint prefix.
    /// </summary>
    /// <exception cref="CliException">Nothing usable at <paramref name="path"/>.</exception>
    /// <param name="path">The <c>--checkpoint</c> value.</param>
    /// <param name="warn">Receives a warning when the directory's state file is damaged and the newest file is used.</param>
    public static (string RunDir, string Checkpoint) ResolveCheckpoint(string path, Action<string> warn = null)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            string latest = CheckpointFiles.Latest(full, repair: false, warn)
                ?? throw new CliException($"no checkpoint in {full} (expected a 'checkpoint' state file written by graphtrainer train)");
            return (full, latest);
        }
        if (tf.train.checkpoint_exists(full))
            return (Path.GetDirectoryName(full), full);
        throw new CliException($"checkpoint not found: {full} (give a run directory or a checkpoint prefix such as DIR/{CheckpointName}-550)");
    }
}
