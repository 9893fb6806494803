using System.Buffers.Binary;
using System.IO.Compression;

namespace GraphTrainer.Tests.Data
{
    /// <summary>A temporary directory deleted when disposed.</summary>
    internal sealed class TempDir : IDisposable
    {
        public TempDir()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gt-data-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            if (Directory.Exists(Path))
                Directory.Delete(Path, recursive: true);
        }
    }

    /// <summary>
    /// Writes small idx files in MNIST's format. Image i's pixel p is <see cref="Pixel"/>(i, p), so
    /// every row identifies the file index it came from; label i is <see cref="Label"/>(i).
    /// </summary>
    internal static class SyntheticMnist
    {
        public const int Side = 28;
        public const int Pixels = Side * Side;

        /// <summary>Pixel 0 = index, pixel 1 = 255 (so max is 1.0 after scaling), the rest a pattern.</summary>
        public static byte Pixel(int image, int p) => p switch
        {
            0 => (byte)image,
            1 => 255,
            _ => (byte)((image * 31 + p * 7) % 256),
        };

        /// <summary>Labels cycle with a stride so equal labels are not adjacent: 3, 0, 7, 4, 1, 8, 5, 2, 9, 6, ...</summary>
        public static byte Label(int index) => (byte)((index * 7 + 3) % 10);

        public static byte[] ImagesIdx(int count, int magic = 2051, int rows = Side, int cols = Side)
        {
            var bytes = new byte[16 + count * rows * cols];
            BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), cols);
            for (int i = 0; i < count; i++)
                for (int p = 0; p < rows * cols; p++)
                    bytes[16 + i * rows * cols + p] = Pixel(i, p);
            return bytes;
        }

        public static byte[] LabelsIdx(int count, int magic = 2049, Func<int, byte> label = null)
        {
            var bytes = new byte[8 + count];
            BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
            for (int i = 0; i < count; i++)
                bytes[8 + i] = (label ?? Label)(i);
            return bytes;
        }

        public static byte[] Gzip(byte[] raw)
        {
            using var ms = new MemoryStream();
            using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
                gz.Write(raw);
            return ms.ToArray();
        }

        public static void WriteGz(string path, byte[] raw) => System.IO.File.WriteAllBytes(path, Gzip(raw));

        /// <summary>Writes the four MNIST files with the given counts into <paramref name="dir"/>.</summary>
        public static void WriteAll(string dir, int train, int test)
        {
            Directory.CreateDirectory(dir);
            WriteGz(Path.Combine(dir, "train-images-idx3-ubyte.gz"), ImagesIdx(train));
            WriteGz(Path.Combine(dir, "train-labels-idx1-ubyte.gz"), LabelsIdx(train));
            WriteGz(Path.Combine(dir, "t10k-images-idx3-ubyte.gz"), ImagesIdx(test));
            WriteGz(Path.Combine(dir, "t10k-labels-idx1-ubyte.gz"), LabelsIdx(test));
        }

        /// <summary>The float TensorFlow's <c>uint8 * (1.0/255.0)</c> in float32 gives for a byte.</summary>
        public static float Scaled(byte b) => b * (float)(1.0 / 255.0);
    }
}
