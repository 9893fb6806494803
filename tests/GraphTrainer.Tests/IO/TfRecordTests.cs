using System.Buffers.Binary;
using System.Text;
using GraphTrainer.IO;

namespace GraphTrainer.Tests.IO;

public class TfRecordTests
{
    private static byte[] WriteRecords(params byte[][] records)
    {
        using var ms = new MemoryStream();
        using (var w = new TfRecordWriter(ms, leaveOpen: true))
        {
            foreach (byte[] r in records) w.Write(r);
        }
        return ms.ToArray();
    }

    private static List<byte[]> ReadRecords(byte[] file)
    {
        using var r = new TfRecordReader(new MemoryStream(file), sourceName: "mem");
        return r.ReadAll().ToList();
    }

    [Fact]
    public void FramingIsByteExact()
    {
        byte[] data = Encoding.ASCII.GetBytes("hello");
        byte[] file = WriteRecords(data);
        Assert.Equal(TfRecordWriter.FramedLength(5), file.Length);
        Assert.Equal(5ul, BinaryPrimitives.ReadUInt64LittleEndian(file));
        uint lengthCrc = Crc32CTests.ReferenceCrc(file.AsSpan(0, 8));
        uint expectedMaskedLength = ((lengthCrc >> 15) | (lengthCrc << 17)) + 0xA282EAD8u;
        Assert.Equal(expectedMaskedLength, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(8)));
        Assert.Equal(data, file.AsSpan(12, 5).ToArray());
        uint dataCrc = Crc32CTests.ReferenceCrc(data);
        uint expectedMaskedData = ((dataCrc >> 15) | (dataCrc << 17)) + 0xA282EAD8u;
        Assert.Equal(expectedMaskedData, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(17)));
    }

    [Fact]
    public void RoundTripsRecordsOfManySizes()
    {
        var rng = new Random(11);
        byte[][] records = new[] { 0, 1, 7, 100, 65537 }.Select(n =>
        {
            var b = new byte[n];
            rng.NextBytes(b);
            return b;
        }).ToArray();
        List<byte[]> back = ReadRecords(WriteRecords(records));
        Assert.Equal(records.Length, back.Count);
        for (int i = 0; i < records.Length; i++) Assert.Equal(records[i], back[i]);
    }

    [Fact]
    public void RoundTripsThroughAFile()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("data.tfrecord");
        using (var w = new TfRecordWriter(path))
        {
            w.Write("a"u8);
            w.Write("bc"u8);
        }
        using var r = new TfRecordReader(path);
        Assert.Equal(new[] { "a", "bc" }, r.ReadAll().Select(Encoding.ASCII.GetString).ToArray());
        Assert.Equal(new FileInfo(path).Length, r.Offset);
    }

    [Theory]
    [InlineData(0, TfRecordCorruption.LengthCrc)]   // a length byte
    [InlineData(7, TfRecordCorruption.LengthCrc)]   // the length's top byte
    [InlineData(9, TfRecordCorruption.LengthCrc)]   // the length CRC itself
    [InlineData(12, TfRecordCorruption.DataCrc)]    // first data byte
    [InlineData(15, TfRecordCorruption.DataCrc)]    // last data byte
    [InlineData(17, TfRecordCorruption.DataCrc)]    // the data CRC itself
    public void FlippedByteInSecondRecordIsReportedWithItsOffset(int byteInRecord, TfRecordCorruption kind)
    {
        byte[] file = WriteRecords("first"u8.ToArray(), "four"u8.ToArray(), "third"u8.ToArray());
        long secondStart = TfRecordWriter.FramedLength(5);
        file[secondStart + byteInRecord] ^= 0x01;

        using var r = new TfRecordReader(new MemoryStream(file), sourceName: "mem.tfrecord");
        Assert.True(r.TryRead(out byte[] first));
        Assert.Equal("first"u8.ToArray(), first);
        var ex = Assert.Throws<TfRecordCorruptException>(() => r.TryRead(out _));
        Assert.Equal(kind, ex.Kind);
        Assert.Equal(secondStart, ex.RecordOffset);
        Assert.Contains("mem.tfrecord", ex.Message);
        Assert.Contains($"offset {secondStart}", ex.Message);
    }

    [Theory]
    [InlineData(3)]   // inside the header
    [InlineData(14)]  // inside the data
    [InlineData(19)]  // inside the data CRC
    public void TruncatedRecordIsReported(int keep)
    {
        byte[] file = WriteRecords("first"u8.ToArray(), "second"u8.ToArray());
        long secondStart = TfRecordWriter.FramedLength(5);
        byte[] cut = file.AsSpan(0, (int)secondStart + keep).ToArray();
        using var r = new TfRecordReader(new MemoryStream(cut));
        Assert.True(r.TryRead(out _));
        var ex = Assert.Throws<TfRecordCorruptException>(() => r.TryRead(out _));
        Assert.Equal(TfRecordCorruption.Truncated, ex.Kind);
        Assert.Equal(secondStart, ex.RecordOffset);
    }

    [Fact]
    public void EmptyStreamHasNoRecords()
    {
        Assert.Empty(ReadRecords([]));
    }
}
