using System.Globalization;
using System.Text.RegularExpressions;
using GraphTrainer.IO;

namespace GraphTrainer.Cli.Runs;

/// <summary>
/// The checkpoints of a run directory as files on disk, independent of the <c>checkpoint</c> state file: to find
/// the latest one when the state file is damaged, to repair that file, and to remove leftovers of killed saves.
/// </summary>
public static class CheckpointFiles
{
    private static readonly Regex StepFile = new(@"^model\.ckpt-(\d+)\.gtckpt$", RegexOptions.CultureInvariant);

    /// <summary>The checkpoint prefixes in <paramref name="directory"/>, oldest (lowest step) first.</summary>
    public static IReadOnlyList<string> OnDisk(string directory)
    {
        if (!Directory.Exists(directory))
            return Array.Empty<string>();
        return Directory.EnumerateFiles(directory)
            .Select(f => (File: f, Match: StepFile.Match(Path.GetFileName(f))))
            .Where(f => f.Match.Success)
            .OrderBy(f => long.Parse(f.Match.Groups[1].Value, CultureInfo.InvariantCulture))
            .Select(f => Path.Combine(directory, $"{RunDirectory.CheckpointName}-{f.Match.Groups[1].Value}"))
            .ToList();
    }

    /// <summary>
    /// The latest checkpoint of <paramref name="directory"/>, or null. A damaged state file (a kill mid-write on an
    /// old version, or a user's edit) does not hide the checkpoints: the newest file on disk is used instead, and
    /// with <paramref name="repair"/> the state file is rewritten from the files.
    /// </summary>
    /// <param name="directory">The run directory.</param>
    /// <param name="repair">Rewrite a damaged state file (train); false leaves the directory untouched (eval, predict).</param>
    /// <param name="warn">Receives one line when the state file was damaged; null ignores it.</param>
    public static string Latest(string directory, bool repair, Action<string> warn = null)
    {
        try
        {
            return tf.train.latest_checkpoint(directory);
        }
        catch (FormatException ex)
        {
            var files = OnDisk(directory);
            if (files.Count == 0)
                throw new CliException($"{ex.Message.TrimEnd('.')}; and no checkpoint file was found beside it");
            warn?.Invoke($"warning: {ex.Message.TrimEnd('.')}; using the newest checkpoint file, {Path.GetFileName(files[^1])}" +
                         (repair ? ", and rewriting the state file" : ""));
            if (repair)
                CheckpointManagement.UpdateCheckpointState(directory, files[^1], files);
            return files[^1];
        }
    }

    /// <summary>
    /// Deletes what killed saves leave behind: temp files (<c>*.tmp-*</c>) and checkpoint files that the state file
    /// no longer lists (orphans of a kill between writing a checkpoint and recording it). Called before each save,
    /// while the run directory is locked, so no other writer's temp file is touched.
    /// </summary>
    /// <returns>The files deleted.</returns>
    public static IReadOnlyList<string> CleanLeftovers(string directory)
    {
        var deleted = new List<string>();
        foreach (string temp in Directory.EnumerateFiles(directory, "*" + ".tmp-*"))
            TryDelete(temp, deleted);
        CheckpointState state;
        try
        {
            state = tf.train.get_checkpoint_state(directory);
        }
        catch (FormatException)
        {
            return deleted; // Latest(repair: true) rewrites it; without a trustworthy list nothing is an orphan.
        }
        if (state == null)
            return deleted;
        var kept = state.AllModelCheckpointPaths.Append(state.ModelCheckpointPath)
            .Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        foreach (string prefix in OnDisk(directory).Where(p => !kept.Contains(Path.GetFullPath(p))))
            TryDelete(CheckpointWriter.FilePathFor(prefix), deleted);
        return deleted;
    }

    private static void TryDelete(string path, List<string> deleted)
    {
        try
        {
            File.Delete(path);
            deleted.Add(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover that cannot be removed now is tried again at the next save.
        }
    }
}
