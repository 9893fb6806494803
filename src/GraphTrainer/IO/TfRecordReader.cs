using System.Buffers.Binary;

namespace GraphTrainer.IO;

/// <summary>
/// Reads TFRecord framing (see <see cref="TfRecordWriter"/>) and verifies both CRCs of
/// every record. Damage is reported as <see cref="TfRecordCorruptException"/> with the
/// record's byte offset and the failing check, never silently skipped.
/// </summary>
public sealed class TfRecordReader : IDisposable
{
    // A length above this cannot be a real record (and would overflow a .NET array);
    // it almost always means the length bytes are damaged in a way the CRC happened to miss.
    private const ulong MaxRecordLength = int.MaxValue - 64;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly string _source;
    private bool _disposed;

    /// <summary>Wraps a readable stream.</summary>
    /// <param name="stream">Source positioned at a record boundary.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open on dispose.</param>
    /// <param name="sourceName">Name used in error messages (e.g. the file path).</param>
    public TfRecordReader(Stream stream, bool leaveOpen = false, string sourceName = "stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead) throw new ArgumentException("Stream must be readable.", nameof(stream));
        _stream = stream;
        _leaveOpen = leaveOpen;
        _source = sourceName;
        Offset = stream.CanSeek ? stream.Position : 0;
    }

    /// <summary>Opens <paramref name="path"/> for reading; other processes may keep writing it.</summary>
    /// <param name="path">TFRecord file.</param>
    public TfRecordReader(string path)
        : this(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16),
               leaveOpen: false, sourceName: path)
    {
    }

    /// <summary>Byte offset of the next record to read.</summary>
    public long Offset { get; private set; }

    /// <summary>
    /// Reads the next record. Returns false at a clean end of file (exactly at a record
    /// boundary); throws <see cref="TfRecordCorruptException"/> for anything else.
    /// </summary>
    /// <param name="record">The payload of the record read.</param>
    /// <returns>True when a record was read.</returns>
    public bool TryRead(out byte[] record)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        record = null;
        long start = Offset;
        Span<byte> header = stackalloc byte[TfRecordWriter.HeaderSize];
        int got = ReadFully(header);
        if (got == 0) return false;
        if (got < header.Length)
            throw Corrupt(start, TfRecordCorruption.Truncated, $"Header has {got} of {header.Length} bytes.");

        uint expectedLengthCrc = Crc32C.Unmask(BinaryPrimitives.ReadUInt32LittleEndian(header[8..]));
        uint actualLengthCrc = Crc32C.Compute(header[..8]);
        if (expectedLengthCrc != actualLengthCrc)
            throw Corrupt(start, TfRecordCorruption.LengthCrc,
                $"Stored 0x{expectedLengthCrc:X8}, computed 0x{actualLengthCrc:X8}.");

        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(header);
        if (length > MaxRecordLength)
            throw Corrupt(start, TfRecordCorruption.LengthTooLarge, $"Length field is {length}.");

        var data = ReadData(start, (int)length);

        Span<byte> footer = stackalloc byte[TfRecordWriter.FooterSize];
        got = ReadFully(footer);
        if (got < footer.Length)
            throw Corrupt(start, TfRecordCorruption.Truncated, "Data CRC is missing.");

        uint expectedDataCrc = Crc32C.Unmask(BinaryPrimitives.ReadUInt32LittleEndian(footer));
        uint actualDataCrc = Crc32C.Compute(data);
        if (expectedDataCrc != actualDataCrc)
            throw Corrupt(start, TfRecordCorruption.DataCrc,
                $"Stored 0x{expectedDataCrc:X8}, computed 0x{actualDataCrc:X8}, record length {length}.");

        record = data;
        return true;
    }

    /// <summary>Reads all remaining records lazily.</summary>
    /// <returns>Record payloads in file order.</returns>
    public IEnumerable<byte[]> ReadAll()
    {
        while (TryRead(out byte[] record)) yield return record;
    }

    /// <summary>Closes the stream unless constructed with leaveOpen.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_leaveOpen) _stream.Dispose();
    }

    // A length that passed its CRC can still be a lie (damage the CRC missed, or a crafted file): never allocate more
    // than the stream can still supply. A seekable stream says how much is left; otherwise the buffer grows only as
    // data actually arrives.
    private byte[] ReadData(long start, int length)
    {
        if (_stream.CanSeek)
        {
            long left = _stream.Length - _stream.Position;
            if (length > left)
                throw Corrupt(start, TfRecordCorruption.Truncated, $"Data has {left} of {length} bytes.");
        }
        var data = new byte[Math.Min(length, GrowthStep)];
        int got = ReadFully(data);
        while (got == data.Length && data.Length < length)
        {
            Array.Resize(ref data, (int)Math.Min(length, 2L * data.Length));
            got += ReadFully(data.AsSpan(got));
        }
        if (got < length)
            throw Corrupt(start, TfRecordCorruption.Truncated, $"Data has {got} of {length} bytes.");
        return data;
    }

    private const int GrowthStep = 1 << 20;

    private int ReadFully(Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = _stream.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        Offset += total;
        return total;
    }

    private TfRecordCorruptException Corrupt(long offset, TfRecordCorruption kind, string detail)
    {
        // A record cut short by the end of the stream may still be being written: step back to its start so that a
        // later TryRead reads it whole instead of starting mid-record.
        if (kind == TfRecordCorruption.Truncated && _stream.CanSeek)
        {
            _stream.Position -= Offset - offset;
            Offset = offset;
        }
        return new(_source, offset, kind, detail);
    }
}
