using Microsoft.Win32.SafeHandles;

namespace GraphTrainer.IO;

/// <summary>Name, dtype and shape of a checkpoint entry, without its data (like tf.train.list_variables).</summary>
/// <param name="Name">Variable name.</param>
/// <param name="DType">Dtype name, e.g. "float32".</param>
/// <param name="Shape">Dimensions, outermost first.</param>
public sealed record CheckpointVariableInfo(string Name, string DType, IReadOnlyList<long> Shape);

/// <summary>
/// Reads <c>&lt;pathPrefix&gt;.gtckpt</c> files and validates everything: magic, version,
/// header and index CRCs, each entry's dtype/shape/length consistency and data CRC, and the
/// file length. Any failure is a <see cref="CheckpointCorruptException"/> naming the file and
/// the bad part ("header", "index" or the variable).
/// </summary>
public static class CheckpointReader
{
    /// <summary>Reads and validates every entry.</summary>
    /// <param name="pathPrefix">Checkpoint prefix (without ".gtckpt").</param>
    /// <returns>The entries, each with its own data buffer.</returns>
    /// <exception cref="FileNotFoundException">No checkpoint at this prefix.</exception>
    /// <exception cref="CheckpointCorruptException">The file fails validation.</exception>
    public static CheckpointContents Read(string pathPrefix)
    {
        string path = OpenPath(pathPrefix);
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        List<CheckpointFormat.IndexEntry> index = ReadAndCheckIndex(path, handle);
        var entries = new List<CheckpointEntry>(index.Count);
        foreach (CheckpointFormat.IndexEntry e in index)
        {
            var data = new byte[(int)e.Length];
            ReadExactly(handle, data, (long)e.Offset);
            uint actual = Crc32C.Compute(data);
            if (actual != e.Crc)
                throw Bad(path, e.Name, true, $"CRC mismatch (stored 0x{e.Crc:X8}, computed 0x{actual:X8})");
            entries.Add(new CheckpointEntry(e.Name, e.DType, e.Shape, data));
        }
        return new CheckpointContents(path, entries);
    }

    /// <summary>Lists entries from the validated index without reading or checking their data.</summary>
    /// <param name="pathPrefix">Checkpoint prefix.</param>
    /// <returns>Name, dtype and shape of each entry in file order.</returns>
    /// <exception cref="FileNotFoundException">No checkpoint at this prefix.</exception>
    /// <exception cref="CheckpointCorruptException">Header or index fail validation.</exception>
    public static IReadOnlyList<CheckpointVariableInfo> ListVariables(string pathPrefix)
    {
        string path = OpenPath(pathPrefix);
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        return ReadAndCheckIndex(path, handle)
            .Select(e => new CheckpointVariableInfo(e.Name, e.DType, e.Shape))
            .ToList();
    }

    private static string OpenPath(string pathPrefix)
    {
        string path = Path.GetFullPath(CheckpointWriter.FilePathFor(pathPrefix));
        if (!File.Exists(path)) throw new FileNotFoundException($"Checkpoint not found: {path}", path);
        return path;
    }

    private static List<CheckpointFormat.IndexEntry> ReadAndCheckIndex(string path, SafeFileHandle handle)
    {
        const string H = CheckpointCorruptException.HeaderPart;
        const string I = CheckpointCorruptException.IndexPart;
        long fileLength = RandomAccess.GetLength(handle);

        var headerBytes = new byte[CheckpointFormat.HeaderSize];
        int got = ReadUpTo(handle, headerBytes, 0);
        if (got >= 8 && !headerBytes.AsSpan(0, 8).SequenceEqual(CheckpointFormat.Magic))
            throw Bad(path, H, false, "bad magic (not a GraphTrainer checkpoint)");
        if (got < CheckpointFormat.HeaderSize)
            throw Bad(path, H, false, $"truncated: file has {fileLength} bytes, header needs {CheckpointFormat.HeaderSize}");
        CheckpointFormat.Header h = CheckpointFormat.TryReadHeader(headerBytes, out string problem)
            ?? throw Bad(path, H, false, problem);

        long indexEnd = CheckpointFormat.HeaderSize + (long)Math.Min(h.IndexLength, (ulong)long.MaxValue / 2);
        if (h.IndexLength > int.MaxValue)
            throw Bad(path, I, false, $"index length {h.IndexLength} is implausible");
        if (indexEnd > fileLength)
            throw Bad(path, I, false, $"truncated: index ends at byte {indexEnd} but the file has {fileLength} bytes");
        var indexBytes = new byte[(int)h.IndexLength];
        ReadExactly(handle, indexBytes, CheckpointFormat.HeaderSize);
        uint indexCrc = Crc32C.Compute(indexBytes);
        if (indexCrc != h.IndexCrc)
            throw Bad(path, I, false, $"CRC mismatch (stored 0x{h.IndexCrc:X8}, computed 0x{indexCrc:X8})");

        List<CheckpointFormat.IndexEntry> index;
        try
        {
            index = CheckpointFormat.DecodeIndex(indexBytes, h.EntryCount);
        }
        catch (FormatException ex)
        {
            throw Bad(path, I, false, ex.Message);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (CheckpointFormat.IndexEntry e in index)
        {
            if (!seen.Add(e.Name)) throw Bad(path, I, false, $"duplicate entry name '{e.Name}'");
            CheckEntry(path, e, indexEnd, (long)h.FileLength, fileLength);
        }

        // Checked after the entries so a cut-off file names the first variable it lost.
        if ((ulong)fileLength != h.FileLength)
            throw Bad(path, H, false, fileLength < (long)h.FileLength
                ? $"truncated: header records {h.FileLength} bytes, file has {fileLength}"
                : $"{fileLength - (long)h.FileLength} unexpected bytes after the recorded end ({h.FileLength})");
        return index;
    }

    private static void CheckEntry(string path, CheckpointFormat.IndexEntry e, long dataStart, long recordedLength, long actualLength)
    {
        if (!CheckpointDTypes.IsKnown(e.DType)) throw Bad(path, e.Name, true, $"unknown dtype '{e.DType}'");
        long expected;
        try
        {
            expected = checked(CheckpointEntry.CountElements(e.Shape, e.Name) * CheckpointDTypes.ElementSize(e.DType));
        }
        catch (Exception ex) when (ex is ArgumentException or OverflowException)
        {
            throw Bad(path, e.Name, true, $"invalid shape [{string.Join(",", e.Shape)}]: {ex.Message}");
        }
        if (e.Length != (ulong)expected)
            throw Bad(path, e.Name, true,
                $"length {e.Length} does not match {e.DType} shape [{string.Join(",", e.Shape)}] ({expected} bytes)");
        if (e.Offset < (ulong)dataStart || e.Offset > (ulong)recordedLength || e.Length > (ulong)recordedLength - e.Offset)
            throw Bad(path, e.Name, true,
                $"byte range [{e.Offset}, {e.Offset + e.Length}) lies outside the data section [{dataStart}, {recordedLength})");
        if ((long)(e.Offset + e.Length) > actualLength)
            throw Bad(path, e.Name, true,
                $"truncated: data needs bytes [{e.Offset}, {e.Offset + e.Length}) but the file has {actualLength} bytes");
        if (e.Length > (ulong)Array.MaxLength)
            throw new NotSupportedException($"Checkpoint entry '{e.Name}' in {path} is {e.Length} bytes, larger than one .NET array.");
    }

    private static int ReadUpTo(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = RandomAccess.Read(handle, buffer[total..], offset + total);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    private static void ReadExactly(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        int got = ReadUpTo(handle, buffer, offset);
        // Lengths were checked against the file size, so a short read means the file shrank under us.
        if (got != buffer.Length)
            throw new EndOfStreamException($"Read {got} of {buffer.Length} bytes at offset {offset}; the file changed while being read.");
    }

    private static CheckpointCorruptException Bad(string path, string part, bool isVariable, string detail) =>
        new(path, part, isVariable, detail);
}
