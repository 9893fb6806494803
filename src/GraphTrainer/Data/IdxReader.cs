using System.Buffers.Binary;
using System.IO.Compression;

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
            Span<byte> header = stackalloc byte[16];
            ReadHeader(gz, header, path);
            int magic = BinaryPrimitives.ReadInt32BigEndian(header);
            if (magic != ImagesMagic)
                throw Bad(path, $"bad magic number {magic}, expected {ImagesMagic} (idx3 image file)"
                    + (magic == LabelsMagic ? "; this looks like a label file" : ""));
            uint count = BinaryPrimitives.ReadUInt32BigEndian(header.Slice(4));
            uint rows = BinaryPrimitives.ReadUInt32BigEndian(header.Slice(8));
            uint cols = BinaryPrimitives.ReadUInt32BigEndian(header.Slice(12));
            if (rows == 0 || cols == 0)
                throw Bad(path, $"image dimensions {rows}x{cols} are empty");
            ulong total = (ulong)count * rows * cols;
            if (total > (ulong)Array.MaxLength)
                throw Bad(path, $"implausible dimensions {count} images of {rows}x{cols} ({total} bytes)");
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
            Span<byte> header = stackalloc byte[8];
            ReadHeader(gz, header, path);
            int magic = BinaryPrimitives.ReadInt32BigEndian(header);
            if (magic != LabelsMagic)
                throw Bad(path, $"bad magic number {magic}, expected {LabelsMagic} (idx1 label file)"
                    + (magic == ImagesMagic ? "; this looks like an image file" : ""));
            uint count = BinaryPrimitives.ReadUInt32BigEndian(header.Slice(4));
            if (count > (uint)Array.MaxLength)
                throw Bad(path, $"implausible label count {count}");
            var labels = new byte[count];
            ReadPayload(gz, labels, path, 1, (int)count, "labels");
            return labels;
        }

        private static GZipStream OpenGzip(string path)
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
                file.Position = 0;
                return new GZipStream(file, CompressionMode.Decompress, leaveOpen: false);
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
                throw Bad(path, $"corrupt gzip data in the idx header: {e.Message}", e);
            }
            if (got < header.Length)
                throw Bad(path, $"file ends inside the {header.Length}-byte idx header (after {got} bytes)");
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
                    throw Bad(path, $"file ends after {got / itemSize} of {count} {items} ({got} of {buffer.Length} data bytes)");
                got += n;
            }
            Span<byte> probe = stackalloc byte[1];
            if (ReadSome(gz, probe, path, count, count, items) != 0)
                throw Bad(path, $"unexpected data after the last of {count} {items} (the header promises {buffer.Length} data bytes)");
        }

        // GZipStream reports corruption (bad CRC, bad deflate block) as a bare InvalidDataException;
        // re-throw it naming the file and how far decoding got.
        private static int ReadSome(Stream gz, Span<byte> destination, string path, int done, int count, string items)
        {
            try
            {
                return gz.Read(destination);
            }
            catch (InvalidDataException e)
            {
                throw Bad(path, $"corrupt or truncated gzip data after {done} of {count} {items}: {e.Message}", e);
            }
        }

        private static string Prefix(string path) => $"Invalid MNIST idx file '{path}': ";

        private static InvalidDataException Bad(string path, string what, Exception inner = null)
            => new InvalidDataException(Prefix(path) + what, inner);
    }
}
