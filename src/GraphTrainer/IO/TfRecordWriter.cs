using System.Buffers.Binary;

namespace GraphTrainer.IO;

/// <summary>
/// Writes records in TensorFlow's TFRecord framing, the container of TensorBoard event
/// files and tf.data record files. Each record is:
/// <code>
/// uint64 length (little-endian)
/// uint32 masked CRC-32C of the 8 length bytes
/// byte   data[length]
/// uint32 masked CRC-32C of data
/// </code>
/// Not thread-safe; callers that share a writer synchronize (see <see cref="EventFileWriter"/>).
/// </summary>
public sealed class TfRecordWriter : IDisposable
{
    /// <summary>Bytes of framing before the data: length plus its CRC.</summary>
    public const int HeaderSize = 12;

    /// <summary>Bytes of framing after the data: the data CRC.</summary>
    public const int FooterSize = 4;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private bool _disposed;

    /// <summary>Wraps a writable stream.</summary>
    /// <param name="stream">Destination; records are appended at its current position.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open on dispose.</param>
    public TfRecordWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite) throw new ArgumentException("Stream must be writable.", nameof(stream));
        _stream = stream;
        _leaveOpen = leaveOpen;
    }

    /// <summary>Creates (or truncates) <paramref name="path"/> and writes records to it.</summary>
    /// <param name="path">File to create.</param>
    public TfRecordWriter(string path)
        : this(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16))
    {
    }

    /// <summary>Total bytes a record of <paramref name="dataLength"/> bytes occupies on disk.</summary>
    /// <param name="dataLength">Payload length.</param>
    /// <returns><c>HeaderSize + dataLength + FooterSize</c>.</returns>
    public static long FramedLength(long dataLength) => HeaderSize + dataLength + FooterSize;

    /// <summary>Appends one record.</summary>
    /// <param name="data">Record payload.</param>
    public void Write(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Span<byte> header = stackalloc byte[HeaderSize];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Crc32C.Mask(Crc32C.Compute(header[..8])));
        Span<byte> footer = stackalloc byte[FooterSize];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, Crc32C.Mask(Crc32C.Compute(data)));
        _stream.Write(header);
        _stream.Write(data);
        _stream.Write(footer);
    }

    /// <summary>Flushes buffered bytes to the stream; with <paramref name="toDisk"/>, to the device.</summary>
    /// <param name="toDisk">For file streams, also fsync so the records survive a crash.</param>
    public void Flush(bool toDisk = false)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (toDisk && _stream is FileStream fs) fs.Flush(flushToDisk: true);
        else _stream.Flush();
    }

    /// <summary>Flushes and, unless constructed with leaveOpen, closes the stream.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_leaveOpen) _stream.Flush();
        else _stream.Dispose();
    }
}
