using System.Text;

namespace GraphTrainer.IO;

/// <summary>
/// Checkpoint bookkeeping in a directory, after TensorFlow's checkpoint_management module:
/// the <c>checkpoint</c> state file, <see cref="LatestCheckpoint"/>, and max_to_keep retention.
/// Paths inside the directory are stored relative to it, so a run directory can be moved or
/// copied and still resolve; paths elsewhere are stored absolute.
/// </summary>
public static class CheckpointManagement
{
    /// <summary>Default name of the state file, as in TensorFlow.</summary>
    public const string DefaultStateFileName = "checkpoint";

    /// <summary>
    /// The newest checkpoint prefix recorded in <paramref name="checkpointDir"/>, as an
    /// absolute path, or null when there is no state file or its checkpoint file is missing
    /// (TensorFlow's tf.train.latest_checkpoint).
    /// </summary>
    /// <param name="checkpointDir">Directory holding the state file.</param>
    /// <param name="stateFileName">State file name.</param>
    /// <returns>The prefix to pass to <see cref="CheckpointReader.Read"/>, or null.</returns>
    /// <exception cref="FormatException">The state file exists but is malformed.</exception>
    public static string LatestCheckpoint(string checkpointDir, string stateFileName = DefaultStateFileName)
    {
        CheckpointState state = GetCheckpointState(checkpointDir, stateFileName);
        if (state == null) return null;
        return CheckpointExists(state.ModelCheckpointPath) ? state.ModelCheckpointPath : null;
    }

    /// <summary>Reads the state file, with every path resolved to an absolute path.</summary>
    /// <param name="checkpointDir">Directory holding the state file.</param>
    /// <param name="stateFileName">State file name.</param>
    /// <returns>The state, or null when the file does not exist.</returns>
    /// <exception cref="FormatException">The file is malformed (the message names it).</exception>
    public static CheckpointState GetCheckpointState(string checkpointDir, string stateFileName = DefaultStateFileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkpointDir);
        string dir = Path.GetFullPath(checkpointDir);
        string file = Path.Combine(dir, stateFileName);
        if (!File.Exists(file)) return null;
        CheckpointState raw;
        try
        {
            raw = CheckpointState.Parse(File.ReadAllText(file, Encoding.UTF8));
        }
        catch (FormatException ex)
        {
            throw new FormatException($"Invalid checkpoint state file {file}: {ex.Message}", ex);
        }
        return new CheckpointState(Resolve(dir, raw.ModelCheckpointPath), raw.AllModelCheckpointPaths.Select(p => Resolve(dir, p)));
    }

    /// <summary>Writes the state file atomically (temp file, fsync, rename).</summary>
    /// <param name="saveDir">Directory for the state file; created if missing.</param>
    /// <param name="modelCheckpointPath">Latest checkpoint prefix; a relative path is taken relative to <paramref name="saveDir"/>.</param>
    /// <param name="allModelCheckpointPaths">Retained prefixes, oldest first (relative ones as above).</param>
    /// <param name="stateFileName">State file name.</param>
    public static void UpdateCheckpointState(
        string saveDir, string modelCheckpointPath, IEnumerable<string> allModelCheckpointPaths = null,
        string stateFileName = DefaultStateFileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(saveDir);
        string dir = Path.GetFullPath(saveDir);
        var state = new CheckpointState(
            Relativize(dir, modelCheckpointPath),
            allModelCheckpointPaths?.Select(p => Relativize(dir, p)));
        byte[] text = Encoding.UTF8.GetBytes(state.ToText());
        AtomicFile.Write(Path.Combine(dir, stateFileName), fs => fs.Write(text));
    }

    /// <summary>
    /// Records a just-written checkpoint as the latest and applies retention, like
    /// tf.train.Saver.save: the prefix moves to the end of the list (a re-save of an existing
    /// prefix is not duplicated); with <paramref name="maxToKeep"/> &gt; 0 the oldest prefixes
    /// beyond the limit are dropped. The state file is written first and the dropped files
    /// deleted after, so the state never names a deleted checkpoint.
    /// </summary>
    /// <param name="saveDir">Directory of the state file.</param>
    /// <param name="checkpointPrefix">Prefix just written by <see cref="CheckpointWriter.Write(string, IReadOnlyList{CheckpointEntry})"/>.</param>
    /// <param name="maxToKeep">Checkpoints to keep; 0 or less keeps all (TensorFlow's None/0).</param>
    /// <param name="stateFileName">State file name.</param>
    /// <returns>Absolute prefixes whose files were deleted.</returns>
    public static IReadOnlyList<string> RecordCheckpoint(
        string saveDir, string checkpointPrefix, int maxToKeep, string stateFileName = DefaultStateFileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkpointPrefix);
        string latest = Path.GetFullPath(checkpointPrefix);
        CheckpointState previous = GetCheckpointState(saveDir, stateFileName);
        var kept = previous?.AllModelCheckpointPaths.Where(p => !SamePath(p, latest)).ToList() ?? [];
        kept.Add(latest);

        var dropped = new List<string>();
        if (maxToKeep > 0)
        {
            int excess = kept.Count - maxToKeep;
            if (excess > 0)
            {
                dropped.AddRange(kept.GetRange(0, excess));
                kept.RemoveRange(0, excess);
            }
        }

        UpdateCheckpointState(saveDir, latest, kept, stateFileName);
        foreach (string prefix in dropped) DeleteCheckpoint(prefix);
        return dropped;
    }

    /// <summary>True when the checkpoint file of <paramref name="checkpointPrefix"/> exists.</summary>
    /// <param name="checkpointPrefix">Checkpoint prefix.</param>
    /// <returns>Whether <c>&lt;prefix&gt;.gtckpt</c> exists.</returns>
    public static bool CheckpointExists(string checkpointPrefix) =>
        !string.IsNullOrEmpty(checkpointPrefix) && File.Exists(CheckpointWriter.FilePathFor(checkpointPrefix));

    /// <summary>
    /// Deletes a checkpoint's file and any temp files an interrupted write of the same prefix
    /// left behind. Missing files are not an error.
    /// </summary>
    /// <param name="checkpointPrefix">Checkpoint prefix.</param>
    public static void DeleteCheckpoint(string checkpointPrefix)
    {
        string file = Path.GetFullPath(CheckpointWriter.FilePathFor(checkpointPrefix));
        foreach (string leftover in AtomicFile.LeftoverTempFiles(file).ToList()) File.Delete(leftover);
        File.Delete(file);
    }

    private static string Resolve(string dir, string p) => Path.IsPathRooted(p) ? Path.GetFullPath(p) : Path.GetFullPath(Path.Combine(dir, p));

    private static string Relativize(string dir, string p)
    {
        ArgumentException.ThrowIfNullOrEmpty(p);
        string full = Path.GetFullPath(p, dir);
        string rel = Path.GetRelativePath(dir, full);
        // Only paths inside the directory become relative; "../x" would break if the
        // directory moved, so those stay absolute.
        bool inside = !Path.IsPathRooted(rel) && rel != ".." && !rel.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return inside ? rel : full;
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
