namespace GraphTrainer.IO;

/// <summary>
/// Writes a checkpoint file <c>&lt;pathPrefix&gt;.gtckpt</c> (format in docs/checkpoint-format.md).
/// The write is atomic: the previous checkpoint at the same prefix stays intact until the
/// new file is complete and synced, and a failed write leaves no partial file behind.
/// </summary>
public static class CheckpointWriter
{
    /// <summary>Extension appended to the path prefix.</summary>
    public const string FileExtension = CheckpointFormat.Extension;

    /// <summary>The file a checkpoint prefix is stored in.</summary>
    /// <param name="pathPrefix">Checkpoint prefix, e.g. "runs/model.ckpt-1000".</param>
    /// <returns><paramref name="pathPrefix"/> + ".gtckpt".</returns>
    public static string FilePathFor(string pathPrefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathPrefix);
        return pathPrefix + FileExtension;
    }

    /// <summary>Writes the entries to <c>&lt;pathPrefix&gt;.gtckpt</c>, replacing any previous file atomically.</summary>
    /// <param name="pathPrefix">Checkpoint prefix; its directory is created if missing.</param>
    /// <param name="entries">Tensors to store; names must be unique. Written in the given order.</param>
    /// <returns>Full path of the written file.</returns>
    /// <exception cref="ArgumentException">Duplicate or invalid names.</exception>
    public static string Write(string pathPrefix, IReadOnlyList<CheckpointEntry> entries) =>
        Write(pathPrefix, entries, beforeCommit: null);

    /// <summary>
    /// Write with a fault-injection seam for tests: <paramref name="beforeCommit"/> runs with
    /// the synced temp file's path just before the rename that publishes it.
    /// </summary>
    internal static string Write(string pathPrefix, IReadOnlyList<CheckpointEntry> entries, Action<string> beforeCommit)
    {
        ArgumentNullException.ThrowIfNull(entries);
        string path = Path.GetFullPath(FilePathFor(pathPrefix));
        List<CheckpointFormat.IndexEntry> index = Layout(entries, out long indexLength, out long fileLength);
        byte[] indexBytes = CheckpointFormat.EncodeIndex(index);
        if (indexBytes.LongLength != indexLength)
            throw new InvalidOperationException($"Index size mismatch ({indexBytes.LongLength} vs {indexLength}); layout bug.");

        var header = new byte[CheckpointFormat.HeaderSize];
        CheckpointFormat.WriteHeader(header, new CheckpointFormat.Header(
            CheckpointFormat.Version, (uint)entries.Count, (ulong)indexLength, (ulong)fileLength, Crc32C.Compute(indexBytes)));

        AtomicFile.Write(path, fs =>
        {
            fs.Write(header);
            fs.Write(indexBytes);
            Span<byte> zeros = stackalloc byte[CheckpointFormat.DataAlignment];
            for (int i = 0; i < entries.Count; i++)
            {
                long pad = (long)index[i].Offset - fs.Position;
                fs.Write(zeros[..(int)pad]);
                fs.Write(entries[i].Data.Span);
            }
            if (fs.Position != fileLength)
                throw new InvalidOperationException($"Wrote {fs.Position} bytes, expected {fileLength}; layout bug.");
        }, beforeCommit);
        return path;
    }

    private static List<CheckpointFormat.IndexEntry> Layout(
        IReadOnlyList<CheckpointEntry> entries, out long indexLength, out long fileLength)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        indexLength = 0;
        foreach (CheckpointEntry e in entries)
        {
            ArgumentNullException.ThrowIfNull(e, nameof(entries));
            if (!names.Add(e.Name)) throw new ArgumentException($"Duplicate checkpoint entry name '{e.Name}'.", nameof(entries));
            indexLength += CheckpointFormat.IndexRecordSize(e.Name, e.DType, e.Shape.Count);
        }

        // Offsets are fixed before anything is written because the index precedes the data.
        var index = new List<CheckpointFormat.IndexEntry>(entries.Count);
        long offset = CheckpointFormat.HeaderSize + indexLength;
        foreach (CheckpointEntry e in entries)
        {
            offset = CheckpointFormat.AlignUp(offset);
            index.Add(new CheckpointFormat.IndexEntry(
                e.Name, e.DType, e.Shape.ToArray(), (ulong)offset, (ulong)e.Data.Length, Crc32C.Compute(e.Data.Span)));
            offset += e.Data.Length;
        }
        fileLength = offset;
        return index;
    }
}
