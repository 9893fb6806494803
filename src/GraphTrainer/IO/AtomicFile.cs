namespace GraphTrainer.IO;

/// <summary>
/// Replaces a file atomically: write a temp file in the same directory, fsync it, then
/// rename it over the target. Readers see the old file or the complete new one, never a
/// partial write. A failure before the rename deletes the temp file and leaves the target
/// untouched.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Marker in temp file names: <c>&lt;target name&gt;.tmp-&lt;random&gt;</c>.</summary>
    public const string TempMarker = ".tmp-";

    /// <summary>Writes <paramref name="finalPath"/> atomically.</summary>
    /// <param name="finalPath">Target file; its directory is created if missing.</param>
    /// <param name="writeContent">Writes the full content to the temp file stream.</param>
    /// <param name="beforeCommit">Test seam: called with the temp path after it is synced and
    /// closed, just before the rename. Throwing here simulates a crash between write and rename.</param>
    public static void Write(string finalPath, Action<FileStream> writeContent, Action<string> beforeCommit = null)
    {
        string full = Path.GetFullPath(finalPath);
        string dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        // Same directory as the target so the rename never crosses file systems (which would
        // turn it into a non-atomic copy).
        string temp = full + TempMarker + Guid.NewGuid().ToString("N")[..12];
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                writeContent(fs);
                // fsync before the rename: otherwise a power loss can leave the new name
                // pointing at a file whose data never reached the disk.
                fs.Flush(flushToDisk: true);
            }
            beforeCommit?.Invoke(temp);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception original)
        {
            try
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                throw new AggregateException(
                    $"Writing {full} failed and its temp file {temp} could not be removed.", original, cleanup);
            }
            throw;
        }
    }

    /// <summary>Temp files left next to <paramref name="finalPath"/> by interrupted writes (e.g. a killed process).</summary>
    /// <param name="finalPath">Target file path.</param>
    /// <returns>Paths of leftover temp files.</returns>
    public static IEnumerable<string> LeftoverTempFiles(string finalPath)
    {
        string full = Path.GetFullPath(finalPath);
        string dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir)) return [];
        return Directory.EnumerateFiles(dir, Path.GetFileName(full) + TempMarker + "*");
    }
}
