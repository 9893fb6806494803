using GraphTrainer.Data;

namespace GraphTrainer.Tests.Data
{
    /// <summary>
    /// A bit flipped anywhere inside the compressed data of an MNIST file is a gzip CRC or format error naming the
    /// file, never mistaken for a well-formed file of the wrong length.
    /// </summary>
    public class IdxGzipCorruptionTests : IDisposable
    {
        private readonly TempDir _dir = new TempDir();

        public void Dispose() => _dir.Dispose();

        [Fact]
        public void A_bit_flip_anywhere_in_the_compressed_images_is_a_gzip_error_naming_the_file()
        {
            byte[] raw = SyntheticMnist.ImagesIdx(3);
            byte[] gz = SyntheticMnist.Gzip(raw);
            string path = _dir.File("train-images-idx3-ubyte.gz");
            var failures = new List<string>();
            int detected = 0;
            // One bit of every byte after the 10-byte gzip header: the deflate data, then the CRC-32 and length trailer.
            for (int offset = 10; offset < gz.Length; offset++)
            {
                int bit = offset % 8;
                var copy = (byte[])gz.Clone();
                copy[offset] ^= (byte)(1 << bit);
                File.WriteAllBytes(path, copy);
                try
                {
                    var images = IdxReader.ReadImages(path);
                    // Some flips change nothing that is decoded (padding bits after the last deflate block, codes of
                    // unused symbols); gzip cannot see those either. Any flip that changes the data must be caught.
                    if (!images.Pixels.AsSpan().SequenceEqual(raw.AsSpan(16)))
                        failures.Add($"byte {offset} bit {bit}: accepted with different pixels");
                }
                catch (InvalidDataException e)
                {
                    detected++;
                    if (!e.Message.Contains(path) || !e.Message.Contains("gzip"))
                        failures.Add($"byte {offset} bit {bit}: {e.Message}");
                }
            }
            Assert.True(failures.Count == 0, $"{failures.Count} flips misreported, e.g.\n" + string.Join("\n", failures.Take(8)));
            Assert.True(detected > (gz.Length - 10) * 3 / 4, $"only {detected} of {gz.Length - 10} flips detected");
        }

        [Fact]
        public void A_flip_in_the_crc_trailer_alone_is_reported_as_gzip_damage()
        {
            byte[] gz = SyntheticMnist.Gzip(SyntheticMnist.ImagesIdx(2));
            string path = _dir.File("train-images-idx3-ubyte.gz");
            gz[^8] ^= 0x01; // lowest byte of the CRC-32
            File.WriteAllBytes(path, gz);
            var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
            Assert.Contains(path, e.Message);
            Assert.True(e.Message.Contains("corrupt or truncated gzip data") && e.Message.Contains("(CRC or format check failed)"), e.Message);
        }

        [Fact]
        public void A_flip_inside_the_labels_is_a_gzip_error_too()
        {
            byte[] gz = SyntheticMnist.Gzip(SyntheticMnist.LabelsIdx(500));
            string path = _dir.File("t10k-labels-idx1-ubyte.gz");
            gz[gz.Length / 2] ^= 0x10;
            File.WriteAllBytes(path, gz);
            var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
            Assert.Contains(path, e.Message);
            Assert.Contains("gzip", e.Message);
        }
    }
}
