using System.Buffers.Binary;
using GraphTrainer.Data;

namespace GraphTrainer.Tests.Data
{
    /// <summary>The idx reader rejects anything that is not a complete MNIST file, naming the file.</summary>
    public class IdxReaderTests : IDisposable
    {
        private readonly TempDir _dir = new TempDir();

        public void Dispose() => _dir.Dispose();

        private string WriteGz(string name, byte[] raw)
        {
            string path = _dir.File(name);
            SyntheticMnist.WriteGz(path, raw);
            return path;
        }

        private InvalidDataException ImagesError(string path)
            => Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        [Fact]
        public void Reads_images_and_labels()
        {
            var images = IdxReader.ReadImages(WriteGz("i.gz", SyntheticMnist.ImagesIdx(5)));
            Assert.Equal((5, 28, 28), (images.Count, images.Rows, images.Columns));
            Assert.Equal(5 * 784, images.Pixels.Length);
            Assert.Equal(SyntheticMnist.Pixel(3, 100), images.Pixels[3 * 784 + 100]);

            byte[] labels = IdxReader.ReadLabels(WriteGz("l.gz", SyntheticMnist.LabelsIdx(6)));
            Assert.Equal(Enumerable.Range(0, 6).Select(SyntheticMnist.Label), labels);
        }

        [Fact]
        public void Non_square_dimensions_are_read_as_given()
        {
            var images = IdxReader.ReadImages(WriteGz("i.gz", SyntheticMnist.ImagesIdx(2, rows: 3, cols: 5)));
            Assert.Equal((2, 3, 5, 30), (images.Count, images.Rows, images.Columns, images.Pixels.Length));
        }

        [Fact]
        public void Bad_image_magic_names_file_and_numbers()
        {
            string path = WriteGz("i.gz", SyntheticMnist.ImagesIdx(2, magic: 1234));
            var e = ImagesError(path);
            Assert.Contains(path, e.Message);
            Assert.Contains("bad magic number 1234, expected 2051", e.Message);
        }

        [Fact]
        public void Label_file_read_as_images_says_so()
        {
            string path = WriteGz("l.gz", SyntheticMnist.LabelsIdx(40));
            Assert.Contains("looks like a label file", ImagesError(path).Message);
        }

        [Fact]
        public void Bad_label_magic_names_file()
        {
            string path = WriteGz("l.gz", SyntheticMnist.ImagesIdx(1));
            var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
            Assert.Contains(path, e.Message);
            Assert.Contains("bad magic number 2051, expected 2049", e.Message);
        }

        [Fact]
        public void Truncated_images_say_how_many_arrived()
        {
            byte[] full = SyntheticMnist.ImagesIdx(60);
            BinaryPrimitives.WriteInt32BigEndian(full.AsSpan(4), 60);
            byte[] cut = full[..(16 + 10 * 784 + 300)];   // 10 whole images and part of the 11th
            string path = WriteGz("i.gz", cut);
            var e = ImagesError(path);
            Assert.Contains(path, e.Message);
            Assert.Contains("file ends after 10 of 60 images", e.Message);
        }

        [Fact]
        public void Truncated_labels_say_how_many_arrived()
        {
            byte[] raw = SyntheticMnist.LabelsIdx(10)[..(8 + 3)];
            string path = WriteGz("l.gz", raw);
            var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
            Assert.Contains("file ends after 3 of 10 labels", e.Message);
        }

        [Fact]
        public void Header_cut_short_is_reported()
        {
            string path = WriteGz("i.gz", SyntheticMnist.ImagesIdx(1)[..9]);
            Assert.Contains("file ends inside the 16-byte idx header (after 9 bytes)", ImagesError(path).Message);
        }

        [Fact]
        public void Trailing_data_is_reported()
        {
            byte[] raw = SyntheticMnist.ImagesIdx(2).Concat(new byte[] { 1, 2, 3 }).ToArray();
            Assert.Contains("unexpected data after the last of 2 images", ImagesError(WriteGz("i.gz", raw)).Message);
        }

        [Fact]
        public void Uncompressed_file_is_not_gzip()
        {
            string path = _dir.File("raw-idx.gz");
            File.WriteAllBytes(path, SyntheticMnist.ImagesIdx(1));
            var e = ImagesError(path);
            Assert.Contains(path, e.Message);
            Assert.Contains("not a gzip file (starts with 0x00 0x00", e.Message);
        }

        [Fact]
        public void Empty_file_is_not_gzip()
        {
            string path = _dir.File("empty.gz");
            File.WriteAllBytes(path, Array.Empty<byte>());
            Assert.Contains("not a gzip file (only 0 bytes long)", ImagesError(path).Message);
        }

        [Fact]
        public void Gzip_cut_in_half_names_file()
        {
            byte[] gz = SyntheticMnist.Gzip(SyntheticMnist.ImagesIdx(50));
            string path = _dir.File("half.gz");
            File.WriteAllBytes(path, gz[..(gz.Length / 2)]);
            var e = ImagesError(path);
            Assert.Contains(path, e.Message);
            Assert.Matches("file ends after \\d+ of 50 images|corrupt or truncated gzip data after \\d+ of 50 images", e.Message);
        }

        [Fact]
        public void Corrupted_gzip_body_names_file()
        {
            byte[] gz = SyntheticMnist.Gzip(SyntheticMnist.ImagesIdx(50));
            for (int i = gz.Length / 3; i < gz.Length / 3 + 64; i++)
                gz[i] ^= 0x5a;
            string path = _dir.File("corrupt.gz");
            File.WriteAllBytes(path, gz);
            var e = ImagesError(path);
            Assert.Contains(path, e.Message);
        }

        [Fact]
        public void Missing_file_is_a_file_not_found()
            => Assert.Throws<FileNotFoundException>(() => IdxReader.ReadImages(_dir.File("nope.gz")));
    }
}
