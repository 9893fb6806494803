using System.Buffers.Binary;

namespace GraphTrainer.Data
{
    /// <summary>The decoded contents of a gzip-compressed idx3 image file (MNIST's image format).</summary>
    public sealed class IdxImages
    {
        /// <summary>Creates the record; <paramref name="pixels"/> holds count*rows*columns bytes, row-major.</summary>
        public IdxImages(string path, int count, int rows, int columns, byte[] pixels)
        {
            Path = path;
            Count = count;
            Rows = rows;
            Columns = columns;
            Pixels = pixels;
        }

        /// <summary>The file the images were read from.</summary>
        public string Path { get; }
        /// <summary>Number of images.</summary>
        public int Count { get; }
        /// <summary>Image height in pixels.</summary>
        public int Rows { get; }
        /// <summary>Image width in pixels.</summary>
        public int Columns { get; }
        /// <summary>Raw 0..255 pixel values, image after image, each row-major.</summary>
        public byte[] Pixels { get; }
    }

    /// <summary>
    /// Reads the gzip-compressed idx files MNIST ships in, checking everything TensorFlow's
    /// <c>extract_images</c>/<c>extract_labels</c> leave unchecked: gzip signature, magic number,
    /// dimensions, exact length. Every failure is an <see cref="InvalidDataException"/> whose message
    /// names the file and says what was wrong, so a truncated download is diagnosed, not trained on.
    /// </summary>
    public static class IdxReader
    {
        /// <summary>Magic number of an idx3 unsigned-byte image file.</summary>
        public const int ImagesMagic = 2051;
        /// <summary>Magic number of an idx1 unsigned-byte label file.</summary>
        public const int LabelsMagic = 2049;

        private const int ChunkSize = 1 << 20;

        /// <summary>Reads an idx3 image file (gzip-compressed).</summary>
        /// <param name="path">Path to e.g. <c>train-images-idx3-ubyte.gz</c>.</param>
        /// <exception cref="InvalidDataException">The file is not gzip, not an idx3 file, or has the wrong length.</exception>
        public static IdxImages ReadImages(string path)
        {
            using var gz = OpenGzip(path);
            try
            {
                return ReadImages(gz, path);
            }
            catch (LayoutError e)
            {
                throw GzipErrorBehind(gz, path) ?? new InvalidDataException(e.Message);
            }
        }

        private static IdxImages ReadImages(Stream gz, string path)
        {
            Span<byte> header = stackalloc byte[16];
            ReadHeader(gz, header, path);
            int magic = BinaryPrimitives.ReadInt32BigEndian(header);
            if (magic != ImagesMagic)
                throw Layout(path, $"bad magic number {magic}, expected {ImagesMagic} (idx3 image file)"
                    + (magic == LabelsMagic ? "; this looks like a label file" : ""));
            uint count = BinaryPrimitives.ReadUInt32BigEndian(header.Slice(4));
            uint rows = BinaryPrimitives.ReadUInt32BigEndian(header.Slice(8));
            uint cols = BinaryPrimitives.ReadUInt32BigEndian(header.Slice(12));
            if (rows == 0 || cols == 0)
                throw Layout(path, $"image dimensions {rows}x{cols} are empty");
            ulong total = (ulong)count * rows * cols;
            if (total > (ulong)Array.MaxLength)
                throw Layout(path, $"implausible dimensions {count} images of {rows}x{cols} ({total} bytes)");
            CheckPlausible(gz, path, total, $"{count} images of {rows}x{cols}");
            var pixels = new byte[total];
            ReadPayload(gz, pixels, path, (int)(rows * cols), (int)count, "images");
            return new IdxImages(path, (int)count, (int)rows, (int)cols, pixels);
        }

        /// <summary>Reads an idx1 label file (gzip-compressed); one byte per label.</summary>
        /// <param name="path">Path to e.g. <c>train-labels-idx1-ubyte.gz</c>.</param>
        /// <exception cref="InvalidDataException">The file is not gzip, not an idx1 file, or has the wrong length.</exception>
        public static byte[] ReadLabels(string path)
        {
            using var gz = OpenGzip(path);
            try
            {
                return ReadLabels(gz, path);
            }
            catch (LayoutError e)
            {
                throw GzipErrorBehind(gz, path) ?? new InvalidDataException(e.Message);
            }
        }

        private static byte[] ReadLabels(Stream gz, string path)
        {
            Span<byte> header = stackalloc byte[8];
            ReadHeader(gz, header, path);
            int magic = BinaryPrimitives.ReadInt32BigEndian(header);
            if (magic != LabelsMagic)
                throw Layout(path, $"bad magic number {magic}, expected {LabelsMagic} (idx1 label file)"
                    + (magic == ImagesMagic ? "; this looks like an image file" : ""));
            uint count = BinaryPrimitives.ReadUInt32BigEndian(header.Slice(4));
            if (count > (uint)Array.MaxLength)
                throw Layout(path, $"implausible label count {count}");
            CheckPlausible(gz, path, count, $"{count} labels");
            var labels = new byte[count];
            ReadPayload(gz, labels, path, 1, (int)count, "labels");
            return labels;
        }

        // Deflate expands at most 1032:1, so a header promising more data than the compressed file could hold is
        // refused before allocating for it (a damaged count must not cost gigabytes).
        private static void CheckPlausible(Stream gz, string path, ulong dataBytes, string what)
        {
            long compressed = ((CheckedGzipStream)gz).CompressedLength;
            if (dataBytes > (ulong)compressed * MaxDeflateRatio + 1024)
                throw Layout(path, $"the header promises {what} ({dataBytes} bytes), more than {compressed} compressed bytes can hold");
        }

        private const int MaxDeflateRatio = 1032;

        // An idx-level oddity (bad magic, wrong length) in a file whose gzip stream is itself damaged is reported as
        // the gzip damage: a bit flip in the compressed data decodes to plausible but wrong bytes, and only gzip's
        // CRC-32 at the end of the stream tells the two apart. Returns null when the rest of the stream is intact.
        private static InvalidDataException GzipErrorBehind(Stream gz, string path)
        {
            var sink = new byte[1 << 16];
            long budget = ((CheckedGzipStream)gz).CompressedLength * MaxDeflateRatio + 1024;
            try
            {
                for (int n; (n = gz.Read(sink)) > 0;)
                    if ((budget -= n) < 0) return null;
                return null;
            }
            catch (InvalidDataException e)
            {
                return Bad(path, $"corrupt or truncated gzip data (CRC or format check failed): {e.Message}", e);
            }
        }

        private static CheckedGzipStream OpenGzip(string path)
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            try
            {
                // Check the gzip signature ourselves: GZipStream's own error does not say "not gzip".
                int b0 = file.ReadByte(), b1 = file.ReadByte();
                if (b0 != 0x1f || b1 != 0x8b)
                    throw Bad(path, b0 < 0 || b1 < 0
                        ? $"not a gzip file (only {file.Length} bytes long)"
                        : $"not a gzip file (starts with 0x{b0:x2} 0x{b1:x2}, expected 0x1f 0x8b)");
                // The smallest gzip file is an 18-byte header and trailer around an empty deflate block.
                if (file.Length < 18)
                    throw Bad(path, $"corrupt gzip data: the file is {file.Length} bytes long, shorter than any gzip file");
                file.Position = 0;
                return new CheckedGzipStream(file);
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        private static void ReadHeader(Stream gz, Span<byte> header, string path)
        {
            int got;
            try
            {
                got = gz.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            }
            catch (InvalidDataException e)
            {
                throw Bad(path, $"corrupt or truncated gzip data (CRC or format check failed) in the idx header: {e.Message}", e);
            }
            if (got < header.Length)
                throw Layout(path, $"file ends inside the {header.Length}-byte idx header (after {got} bytes)");
        }

        // Reads exactly buffer.Length bytes of items, then insists the stream is finished, so both
        // truncation and trailing junk are reported in items ("after 1000 of 60000 images").
        private static void ReadPayload(Stream gz, byte[] buffer, string path, int itemSize, int count, string items)
        {
            int got = 0;
            while (got < buffer.Length)
            {
                int n = ReadSome(gz, buffer.AsSpan(got, Math.Min(ChunkSize, buffer.Length - got)), path, got / itemSize, count, items);
                if (n == 0)
                    throw Layout(path, $"file ends after {got / itemSize} of {count} {items} ({got} of {buffer.Length} data bytes)");
                got += n;
            }
            Span<byte> probe = stackalloc byte[1];
            if (ReadSome(gz, probe, path, count, count, items) != 0)
                throw Layout(path, $"unexpected data after the last of {count} {items} (the header promises {buffer.Length} data bytes)");
        }

        // GZipStream reports corruption (bad CRC, bad deflate block) as a bare InvalidDataException, a bad CRC as
        // "unsupported compression method"; re-throw it naming the file, the check and how far decoding got.
        private static int ReadSome(Stream gz, Span<byte> destination, string path, int done, int count, string items)
        {
            try
            {
                return gz.Read(destination);
            }
            catch (InvalidDataException e)
            {
                throw Bad(path, $"corrupt or truncated gzip data after {done} of {count} {items} (CRC or format check failed): {e.Message}", e);
            }
        }

        private static string Prefix(string path) => $"Invalid MNIST idx file '{path}': ";

        private static InvalidDataException Bad(string path, string what, Exception inner = null)
            => new InvalidDataException(Prefix(path) + what, inner);

        private static LayoutError Layout(string path, string what) => new LayoutError(Prefix(path) + what);

        /// <summary>Decoded bytes that are not the idx file the header describes (InvalidDataException is sealed).</summary>
        private sealed class LayoutError : Exception
        {
            public LayoutError(string message) : base(message) { }
        }
    }
}
