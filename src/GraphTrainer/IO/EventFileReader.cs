using GraphTrainer.IO.Proto;

namespace GraphTrainer.IO;

/// <summary>
/// Reads the <see cref="Event"/> records of a TensorBoard event file (ours or TensorFlow's),
/// verifying the TFRecord CRCs. Used by tests and to inspect training logs.
/// </summary>
public sealed class EventFileReader : IDisposable
{
    private readonly TfRecordReader _records;

    /// <summary>Opens an event file; a writer may still be appending to it.</summary>
    /// <param name="path">Path of an events.out.tfevents.* file.</param>
    public EventFileReader(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        _records = new TfRecordReader(path);
    }

    /// <summary>True when the last read stopped at an incomplete record at the end of the file.</summary>
    public bool TruncatedTail { get; private set; }

    /// <summary>Path of the file being read.</summary>
    public string Path { get; }

    /// <summary>Reads the next event; false at the end of the file, including an incomplete last record (see <see cref="TruncatedTail"/>).</summary>
    /// <param name="e">The event read.</param>
    /// <returns>True when an event was read.</returns>
    /// <exception cref="TfRecordCorruptException">The framing or a CRC of a complete record is bad, or a record is not an Event (<see cref="TfRecordCorruption.InvalidPayload"/>).</exception>
    public bool TryRead(out Event e)
    {
        e = null;
        long offset = _records.Offset;
        byte[] record;
        try
        {
            if (!_records.TryRead(out record)) return false;
        }
        catch (TfRecordCorruptException cut) when (cut.Kind == TfRecordCorruption.Truncated)
        {
            // As TensorBoard: a record cut short by the end of the file (a writer still appending, or a process that
            // died mid-write) ends the events read so far instead of failing; the reader stays at the record's start,
            // so a later call reads it once the writer has completed it.
            TruncatedTail = true;
            return false;
        }
        TruncatedTail = false;
        try
        {
            e = Event.Parser.ParseFrom(record);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException ex)
        {
            throw new TfRecordCorruptException(Path, offset, TfRecordCorruption.InvalidPayload, $"Not an Event: {ex.Message}");
        }
        return true;
    }

    /// <summary>Reads all remaining events lazily.</summary>
    /// <returns>Events in file order.</returns>
    public IEnumerable<Event> ReadAll()
    {
        while (TryRead(out Event e)) yield return e;
    }

    /// <summary>Reads every event of a file.</summary>
    /// <param name="path">Event file path.</param>
    /// <returns>All events in file order.</returns>
    public static IReadOnlyList<Event> ReadEvents(string path)
    {
        using var reader = new EventFileReader(path);
        return reader.ReadAll().ToList();
    }

    /// <summary>
    /// Event files directly in <paramref name="logdir"/>, in name order — the order
    /// TensorBoard reads them, which is creation order since names start with the timestamp.
    /// </summary>
    /// <param name="logdir">A log directory.</param>
    /// <returns>Full paths; empty when the directory has none.</returns>
    public static IReadOnlyList<string> FindEventFiles(string logdir)
    {
        ArgumentException.ThrowIfNullOrEmpty(logdir);
        if (!Directory.Exists(logdir)) return [];
        return Directory.EnumerateFiles(logdir)
            .Where(f => System.IO.Path.GetFileName(f).Contains("tfevents", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _records.Dispose();
}
