using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace GraphTrainer.Data
{
    /// <summary>
    /// Decompresses a gzip file and, at the end of the stream, checks the decoded bytes against the CRC-32 and length
    /// in the file's trailer. .NET's <see cref="GZipStream"/> does not check them, so without this a flipped bit in the
    /// compressed data decodes silently to wrong pixels, or to a wrong length that looks like a malformed idx file.
    /// Assumes one gzip member, as MNIST's files are (a concatenation of members is checked against its last trailer).
    /// </summary>
    internal sealed class CheckedGzipStream : Stream
    {
        private readonly GZipStream _gzip;
        private readonly Crc32 _crc = new();
        private readonly uint _expectedCrc;
        private readonly uint _expectedLength;
        private long _length;
        private bool _checked;

        /// <summary>Opens <paramref name="file"/> (positioned at its start, at least 18 bytes long); takes ownership of it.</summary>
        public CheckedGzipStream(FileStream file)
        {
            CompressedLength = file.Length;
            Span<byte> trailer = stackalloc byte[8];
            file.Seek(-8, SeekOrigin.End);
            file.ReadExactly(trailer);
            file.Position = 0;
            _expectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
            _expectedLength = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
            _gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: false);
        }

        /// <summary>Size of the compressed file in bytes.</summary>
        public long CompressedLength { get; }

        /// <inheritdoc/>
        public override int Read(Span<byte> buffer)
        {
            int n = _gzip.Read(buffer);
            if (n > 0)
            {
                _crc.Append(buffer[..n]);
                _length += n;
            }
            else if (buffer.Length > 0 && !_checked)
            {
                _checked = true;
                uint crc = _crc.GetCurrentHashAsUInt32();
                if (crc != _expectedCrc)
                    throw new InvalidDataException($"gzip CRC-32 check failed: the decompressed data has CRC 0x{crc:x8}, the file's trailer says 0x{_expectedCrc:x8}");
                if ((uint)_length != _expectedLength)
                    throw new InvalidDataException($"gzip length check failed: {_length} bytes decompressed, the file's trailer says {_expectedLength} (mod 2^32)");
            }
            return n;
        }

        /// <inheritdoc/>
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        /// <inheritdoc/>
        protected override void Dispose(bool disposing)
        {
            if (disposing) _gzip.Dispose();
            base.Dispose(disposing);
        }

        /// <inheritdoc/>
        public override bool CanRead => true;
        /// <inheritdoc/>
        public override bool CanSeek => false;
        /// <inheritdoc/>
        public override bool CanWrite => false;
        /// <inheritdoc/>
        public override long Length => throw new NotSupportedException();
        /// <inheritdoc/>
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        /// <inheritdoc/>
        public override void Flush() { }
        /// <inheritdoc/>
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        /// <inheritdoc/>
        public override void SetLength(long value) => throw new NotSupportedException();
        /// <inheritdoc/>
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
