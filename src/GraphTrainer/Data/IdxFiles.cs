using System.Buffers.Binary;

namespace GraphTrainer.Data
{
    /// <summary>
    /// idx files that may be gzip-compressed (<c>NAME.gz</c>, read by <see cref="IdxReader"/>) or not (<c>NAME</c>, as
    /// many datasets ship them), with any image size. Used by tools that train on idx datasets other than MNIST.
    /// </summary>
    public static class IdxFiles
    {
        /// <summary>
        /// The file for <paramref name="gzName"/> (e.g. <c>train-images-idx3-ubyte.gz</c>) in <paramref name="directory"/>:
        /// the compressed file if present, else the uncompressed one (the name without <c>.gz</c>); null when neither exists.
        /// </summary>
        public static string Find(string directory, string gzName)
        {
            string gz = Path.Combine(directory, gzName);
            if (File.Exists(gz))
                return gz;
            string raw = gz.EndsWith(".gz", StringComparison.Ordinal) ? gz[..^3] : gz;
            return File.Exists(raw) ? raw : null;
        }

        /// <summary>Reads an idx3 image file, compressed or not (decided by the gzip signature, not the name).</summary>
        /// <exception cref="InvalidDataException">Not an idx3 file, or its length disagrees with its header.</exception>
        public static IdxImages ReadImages(string path)
        {
            if (IsGzip(path))
                return IdxReader.ReadImages(path);
            using var file = File.OpenRead(path);
            Span<byte> header = stackalloc byte[16];
            ReadHeader(file, header, path);
            int magic = BinaryPrimitives.ReadInt32BigEndian(header);
            if (magic != IdxReader.ImagesMagic)
                throw Bad(path, $"bad magic number {magic}, expected {IdxReader.ImagesMagic} (idx3 image file)");
            uint count = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
            uint rows = BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
            uint cols = BinaryPrimitives.ReadUInt32BigEndian(header[12..]);
            if (rows == 0 || cols == 0)
                throw Bad(path, $"image dimensions {rows}x{cols} are empty");
            ulong total = (ulong)count * rows * cols;
            // The file length bounds the allocation: a corrupt header cannot make us allocate more than the file holds.
            if (total != (ulong)(file.Length - 16))
                throw Bad(path, $"the header promises {count} images of {rows}x{cols} ({total} bytes) but the file holds {file.Length - 16} data bytes");
            var pixels = new byte[total];
            file.ReadExactly(pixels);
            return new IdxImages(path, (int)count, (int)rows, (int)cols, pixels);
        }

        /// <summary>Reads an idx1 label file, compressed or not.</summary>
        /// <exception cref="InvalidDataException">Not an idx1 file, or its length disagrees with its header.</exception>
        public static byte[] ReadLabels(string path)
        {
            if (IsGzip(path))
                return IdxReader.ReadLabels(path);
            using var file = File.OpenRead(path);
            Span<byte> header = stackalloc byte[8];
            ReadHeader(file, header, path);
            int magic = BinaryPrimitives.ReadInt32BigEndian(header);
            if (magic != IdxReader.LabelsMagic)
                throw Bad(path, $"bad magic number {magic}, expected {IdxReader.LabelsMagic} (idx1 label file)");
            uint count = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
            if (count != (ulong)(file.Length - 8))
                throw Bad(path, $"the header promises {count} labels but the file holds {file.Length - 8}");
            var labels = new byte[count];
            file.ReadExactly(labels);
            return labels;
        }

        private static bool IsGzip(string path)
        {
            using var file = File.OpenRead(path);
            return file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
        }

        private static void ReadHeader(Stream file, Span<byte> header, string path)
        {
            int got = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            if (got < header.Length)
                throw Bad(path, $"file ends inside the {header.Length}-byte idx header (after {got} bytes)");
        }

        private static InvalidDataException Bad(string path, string what) => new($"Invalid idx file '{path}': {what}");
    }
}
