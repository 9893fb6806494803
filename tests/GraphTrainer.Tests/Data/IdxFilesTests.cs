using GraphTrainer.Data;

namespace GraphTrainer.Tests.Data;

/// <summary><see cref="IdxFiles"/>: idx files compressed or not, of any image size, with length checks that name the file.</summary>
public class IdxFilesTests
{
    [Fact]
    public void Uncompressed_and_gzip_files_of_any_size_read_the_same()
    {
        using var dir = new TempDir();
        byte[] raw = SyntheticMnist.ImagesIdx(5, rows: 3, cols: 7);
        File.WriteAllBytes(dir.File("train-images-idx3-ubyte"), raw);
        SyntheticMnist.WriteGz(dir.File("t10k-images-idx3-ubyte.gz"), raw);

        Assert.Equal(dir.File("train-images-idx3-ubyte"), IdxFiles.Find(dir.Path, MnistFiles.TrainImages));
        Assert.Equal(dir.File("t10k-images-idx3-ubyte.gz"), IdxFiles.Find(dir.Path, MnistFiles.TestImages));
        Assert.Null(IdxFiles.Find(dir.Path, MnistFiles.TrainLabels));

        var plain = IdxFiles.ReadImages(dir.File("train-images-idx3-ubyte"));
        var gz = IdxFiles.ReadImages(dir.File("t10k-images-idx3-ubyte.gz"));
        Assert.Equal((5, 3, 7), (plain.Count, plain.Rows, plain.Columns));
        Assert.Equal(raw.AsSpan(16).ToArray(), plain.Pixels);
        Assert.Equal(plain.Pixels, gz.Pixels);
        Assert.Equal(SyntheticMnist.Pixel(4, 20), plain.Pixels[4 * 21 + 20]);
    }

    [Fact]
    public void Uncompressed_labels_read_as_bytes()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("labels"), SyntheticMnist.LabelsIdx(12, label: i => (byte)(i * 20)));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (byte)(i * 20)), IdxFiles.ReadLabels(dir.File("labels")));
    }

    [Fact]
    public void A_truncated_or_padded_uncompressed_file_names_the_file_and_both_lengths()
    {
        using var dir = new TempDir();
        byte[] raw = SyntheticMnist.ImagesIdx(4, rows: 2, cols: 2);
        File.WriteAllBytes(dir.File("short"), raw[..^1]);
        var ex = Assert.Throws<InvalidDataException>(() => IdxFiles.ReadImages(dir.File("short")));
        Assert.Equal($"Invalid idx file '{dir.File("short")}': the header promises 4 images of 2x2 (16 bytes) but the file holds 15 data bytes", ex.Message);

        File.WriteAllBytes(dir.File("labels"), SyntheticMnist.LabelsIdx(3).Append((byte)1).ToArray());
        ex = Assert.Throws<InvalidDataException>(() => IdxFiles.ReadLabels(dir.File("labels")));
        Assert.Contains("the header promises 3 labels but the file holds 4", ex.Message);

        File.WriteAllBytes(dir.File("tiny"), new byte[] { 0, 0, 8 });
        ex = Assert.Throws<InvalidDataException>(() => IdxFiles.ReadImages(dir.File("tiny")));
        Assert.Contains("file ends inside the 16-byte idx header (after 3 bytes)", ex.Message);

        File.WriteAllBytes(dir.File("swapped"), SyntheticMnist.LabelsIdx(20));
        ex = Assert.Throws<InvalidDataException>(() => IdxFiles.ReadImages(dir.File("swapped")));
        Assert.Contains("bad magic number 2049, expected 2051", ex.Message);
    }
}
