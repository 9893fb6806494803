using System.Buffers.Binary;
using GraphTrainer.IO;

namespace GraphTrainer.Tests.IO;

public class CheckpointFileTests
{
    private static CheckpointEntry[] SampleEntries(float scale = 1f)
    {
        // Special float bit patterns must survive bitwise: NaN payload, -0, subnormal, infinity.
        float[] w = { 1.5f * scale, BitConverter.Int32BitsToSingle(0x7FC01234), -0.0f, 1e-45f, float.NegativeInfinity, 3f };
        return
        [
            CheckpointEntry.FromValues<float>("layer1/W", [2, 3], w),
            CheckpointEntry.FromValues<long>("global_step", [], [1234567890123L]),
            CheckpointEntry.FromValues<double>("layer1/b", [4], [0.1, -0.2, double.Epsilon, double.MaxValue]),
            CheckpointEntry.FromValues<byte>("empty", [0, 5], []),
            CheckpointEntry.FromValues<bool>("flags", [3], [true, false, true]),
        ];
    }

    private static void AssertSameEntries(IReadOnlyList<CheckpointEntry> expected, IReadOnlyList<CheckpointEntry> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Name, actual[i].Name);
            Assert.Equal(expected[i].DType, actual[i].DType);
            Assert.Equal(expected[i].Shape, actual[i].Shape);
            Assert.True(expected[i].Data.Span.SequenceEqual(actual[i].Data.Span), $"data of {expected[i].Name} differs");
        }
    }

    [Fact]
    public void RoundTripIsBitwiseExact()
    {
        using var dir = new TempDirectory();
        string prefix = dir.Combine("model.ckpt-100");
        CheckpointEntry[] entries = SampleEntries();
        string file = CheckpointWriter.Write(prefix, entries);
        Assert.Equal(prefix + ".gtckpt", file);

        CheckpointContents back = CheckpointReader.Read(prefix);
        AssertSameEntries(entries, back.Entries);
        Assert.Equal(0x7FC01234, BitConverter.SingleToInt32Bits(back["layer1/W"].ToArray<float>()[1]));
        Assert.Equal(1234567890123L, back["global_step"].ToArray<long>()[0]);
        Assert.Empty(back["global_step"].Shape);
        Assert.Equal(new[] { "layer1/W", "global_step", "layer1/b", "empty", "flags" }, back.Names);
        Assert.Equal(new[] { "model.ckpt-100.gtckpt" }, dir.FileNames());
    }

    [Fact]
    public void HeaderStartsWithMagicAndDataIsAligned()
    {
        using var dir = new TempDirectory();
        string file = CheckpointWriter.Write(dir.Combine("c"), SampleEntries());
        byte[] bytes = File.ReadAllBytes(file);
        Assert.Equal("GTCKPT\r\n"u8.ToArray(), bytes[..8]);
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(5u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12)));
        Assert.Equal((ulong)bytes.Length, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(24)));
        // The first tensor's data starts on a 64-byte boundary right after the index.
        long indexEnd = 40 + (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(16));
        long firstData = (indexEnd + 63) / 64 * 64;
        Assert.Equal(1.5f, BitConverter.ToSingle(bytes, (int)firstData));
    }

    [Fact]
    public void ListVariablesReadsOnlyTheIndex()
    {
        using var dir = new TempDirectory();
        CheckpointWriter.Write(dir.Combine("c"), SampleEntries());
        IReadOnlyList<CheckpointVariableInfo> vars = CheckpointReader.ListVariables(dir.Combine("c"));
        Assert.Equal(("layer1/W", "float32"), (vars[0].Name, vars[0].DType));
        Assert.Equal(new long[] { 2, 3 }, vars[0].Shape);
    }

    [Fact]
    public void FailureBetweenWriteAndRenameKeepsPreviousCheckpointAndLeavesNoTempFile()
    {
        using var dir = new TempDirectory();
        string prefix = dir.Combine("model.ckpt");
        CheckpointEntry[] v1 = SampleEntries(1f);
        string file = CheckpointWriter.Write(prefix, v1);
        byte[] v1Bytes = File.ReadAllBytes(file);

        string seenTemp = null;
        var ex = Assert.Throws<IOException>(() => CheckpointWriter.Write(prefix, SampleEntries(2f), temp =>
        {
            // At this point the new file is complete and synced, but not yet published.
            seenTemp = temp;
            Assert.Equal(dir.Path, Path.GetDirectoryName(temp));
            Assert.True(new FileInfo(temp).Length > 0);
            Assert.Equal(v1Bytes, File.ReadAllBytes(file));
            throw new IOException("simulated crash before rename");
        }));
        Assert.Equal("simulated crash before rename", ex.Message);

        Assert.NotNull(seenTemp);
        Assert.False(File.Exists(seenTemp));
        Assert.Equal(new[] { "model.ckpt.gtckpt" }, dir.FileNames());
        Assert.Equal(v1Bytes, File.ReadAllBytes(file));
        AssertSameEntries(v1, CheckpointReader.Read(prefix).Entries);

        // A later successful write replaces it completely.
        CheckpointWriter.Write(prefix, SampleEntries(2f));
        Assert.Equal(3f, CheckpointReader.Read(prefix)["layer1/W"].ToArray<float>()[0]);
    }

    [Fact]
    public void TempFileLeftByAKilledProcessIsRemovedWithTheCheckpoint()
    {
        using var dir = new TempDirectory();
        string prefix = dir.Combine("model.ckpt-5");
        CheckpointWriter.Write(prefix, SampleEntries());
        // What a process killed between write and rename leaves behind (documented).
        File.WriteAllBytes(prefix + ".gtckpt.tmp-0123456789ab", [1, 2, 3]);
        Assert.Equal(2, dir.FileNames().Length);
        AssertSameEntries(SampleEntries(), CheckpointReader.Read(prefix).Entries);
        CheckpointManagement.DeleteCheckpoint(prefix);
        Assert.Empty(dir.FileNames());
    }

    private static (string prefix, byte[] bytes, TempDirectory dir) WriteSample()
    {
        var dir = new TempDirectory();
        string prefix = dir.Combine("m");
        string file = CheckpointWriter.Write(prefix, SampleEntries());
        return (prefix, File.ReadAllBytes(file), dir);
    }

    private static long DataOffsetOf(string prefix, int entry)
    {
        // Re-derive the layout from the public format description: 64-aligned, in order.
        byte[] bytes = File.ReadAllBytes(prefix + ".gtckpt");
        long offset = 40 + (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(16));
        CheckpointEntry[] entries = SampleEntries();
        for (int i = 0; ; i++)
        {
            offset = (offset + 63) / 64 * 64;
            if (i == entry) return offset;
            offset += entries[i].Data.Length;
        }
    }

    [Fact]
    public void CorruptDataNamesTheVariable()
    {
        (string prefix, byte[] bytes, TempDirectory dir) = WriteSample();
        using (dir)
        {
            bytes[DataOffsetOf(prefix, 2) + 3] ^= 0x10;
            File.WriteAllBytes(prefix + ".gtckpt", bytes);
            var ex = Assert.Throws<CheckpointCorruptException>(() => CheckpointReader.Read(prefix));
            Assert.Equal("layer1/b", ex.VariableName);
            Assert.Equal("layer1/b", ex.Part);
            Assert.Equal(Path.GetFullPath(prefix + ".gtckpt"), ex.FilePath);
            Assert.Contains("layer1/b", ex.Message);
            Assert.Contains("CRC mismatch", ex.Message);
            Assert.Contains(ex.FilePath, ex.Message);
            // The index is intact, so listing still works.
            Assert.Equal(5, CheckpointReader.ListVariables(prefix).Count);
        }
    }

    [Fact]
    public void TruncatedFileNamesTheFirstLostVariable()
    {
        (string prefix, byte[] bytes, TempDirectory dir) = WriteSample();
        using (dir)
        {
            long cut = DataOffsetOf(prefix, 2) + 5;
            File.WriteAllBytes(prefix + ".gtckpt", bytes[..(int)cut]);
            var ex = Assert.Throws<CheckpointCorruptException>(() => CheckpointReader.Read(prefix));
            Assert.Equal("layer1/b", ex.VariableName);
            Assert.Contains("truncated", ex.Message);
        }
    }

    [Theory]
    [InlineData(0, "header")]    // inside the magic
    [InlineData(30, "header")]   // inside the header
    [InlineData(60, "index")]    // inside the index
    public void TruncationBeforeTheDataNamesHeaderOrIndex(int keep, string part)
    {
        (string prefix, byte[] bytes, TempDirectory dir) = WriteSample();
        using (dir)
        {
            File.WriteAllBytes(prefix + ".gtckpt", bytes[..keep]);
            var ex = Assert.Throws<CheckpointCorruptException>(() => CheckpointReader.Read(prefix));
            Assert.Equal(part, ex.Part);
            Assert.Null(ex.VariableName);
            Assert.Contains("truncated", ex.Message);
        }
    }

    [Theory]
    [InlineData(0, "header", "bad magic")]
    [InlineData(7, "header", "bad magic")]
    [InlineData(8, "header", "header CRC")]      // version byte
    [InlineData(12, "header", "header CRC")]     // entry count
    [InlineData(38, "header", "header CRC")]     // the header CRC itself
    [InlineData(45, "index", "CRC mismatch")]    // a byte of the first index record
    public void DamagedHeaderOrIndexIsReported(int offset, string part, string text)
    {
        (string prefix, byte[] bytes, TempDirectory dir) = WriteSample();
        using (dir)
        {
            bytes[offset] ^= 0x04;
            File.WriteAllBytes(prefix + ".gtckpt", bytes);
            var ex = Assert.Throws<CheckpointCorruptException>(() => CheckpointReader.Read(prefix));
            Assert.Equal(part, ex.Part);
            Assert.Contains(text, ex.Message);
        }
    }

    [Fact]
    public void WrongMagicIsNotAGraphTrainerCheckpoint()
    {
        using var dir = new TempDirectory();
        string prefix = dir.Combine("notackpt");
        File.WriteAllText(prefix + ".gtckpt", "model_checkpoint_path: \"x\"\nmore text to exceed the header size");
        var ex = Assert.Throws<CheckpointCorruptException>(() => CheckpointReader.Read(prefix));
        Assert.Equal(CheckpointCorruptException.HeaderPart, ex.Part);
        Assert.Contains("bad magic (not a GraphTrainer checkpoint)", ex.Message);
    }

    [Fact]
    public void TrailingBytesAreReported()
    {
        (string prefix, byte[] bytes, TempDirectory dir) = WriteSample();
        using (dir)
        {
            File.WriteAllBytes(prefix + ".gtckpt", [.. bytes, 0, 0, 0]);
            var ex = Assert.Throws<CheckpointCorruptException>(() => CheckpointReader.Read(prefix));
            Assert.Equal("header", ex.Part);
            Assert.Contains("unexpected bytes", ex.Message);
        }
    }

    [Fact]
    public void MissingCheckpointIsFileNotFound()
    {
        using var dir = new TempDirectory();
        Assert.Throws<FileNotFoundException>(() => CheckpointReader.Read(dir.Combine("nope")));
    }

    [Fact]
    public void InvalidEntriesAreRejectedBeforeWriting()
    {
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentException>(() => new CheckpointEntry("w", "float32", [2, 2], new byte[15]));
        Assert.Throws<ArgumentException>(() => new CheckpointEntry("w", "float33", [1], new byte[4]));
        Assert.Throws<ArgumentException>(() => new CheckpointEntry("w", "float32", [-1], new byte[0]));
        Assert.Throws<ArgumentException>(() => new CheckpointEntry("", "float32", [], new byte[4]));
        CheckpointEntry a = CheckpointEntry.FromValues<float>("a", [1], [1f]);
        Assert.Throws<ArgumentException>(() => CheckpointWriter.Write(dir.Combine("d"), [a, a]));
        Assert.Empty(dir.FileNames());
        Assert.Throws<InvalidOperationException>(() => a.ToArray<double>());
    }

    [Fact]
    public void ContentsLookupNamesWhatTheFileHolds()
    {
        using var dir = new TempDirectory();
        CheckpointWriter.Write(dir.Combine("c"), SampleEntries());
        CheckpointContents c = CheckpointReader.Read(dir.Combine("c"));
        Assert.True(c.Contains("flags"));
        Assert.False(c.TryGet("missing", out _));
        var ex = Assert.Throws<KeyNotFoundException>(() => c["missing"]);
        Assert.Contains("layer1/W", ex.Message);
    }
}
