using System.Buffers.Binary;
using Google.Protobuf;
using GraphTrainer.IO;

namespace GraphTrainer.Tests.Reliability.Fuzz;

/// <summary>The two problems the event-file fuzzer found, pinned as plain regression tests.</summary>
public class FuzzFindingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gt-fuzz-found-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_record_length_that_lies_behind_a_valid_crc_is_truncation_not_a_gigabyte_allocation()
    {
        var framed = new byte[TfRecordWriter.HeaderSize + 20];
        BinaryPrimitives.WriteUInt64LittleEndian(framed, 1UL << 30);
        BinaryPrimitives.WriteUInt32LittleEndian(framed.AsSpan(8), Crc32C.Mask(Crc32C.Compute(framed.AsSpan(0, 8))));
        string path = Path.Combine(_dir, "events.out.tfevents.1.lie");
        File.WriteAllBytes(path, framed);

        long before = GC.GetAllocatedBytesForCurrentThread();
        // The record reader calls it truncation; the event reader, as TensorBoard, ends the file at a cut-short last record.
        using (var records = new TfRecordReader(File.OpenRead(path), sourceName: path))
        {
            var e = Assert.Throws<TfRecordCorruptException>(() => records.TryRead(out _));
            Assert.Equal(TfRecordCorruption.Truncated, e.Kind);
            Assert.Contains("Data has 20 of 1073741824 bytes", e.Message);
        }
        Assert.Empty(EventFileReader.ReadEvents(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");

        // Through a stream that cannot say its length, the buffer grows only with the data that arrives.
        using var unseekable = new TfRecordReader(new ForwardOnlyStream(framed), sourceName: "pipe");
        before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(TfRecordCorruption.Truncated, Assert.Throws<TfRecordCorruptException>(() => unseekable.TryRead(out _)).Kind);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 << 20);
    }

    [Fact]
    public void A_well_framed_record_that_is_not_an_event_is_a_format_error_naming_the_file_and_offset()
    {
        string path = Path.Combine(_dir, "events.out.tfevents.1.junk");
        using (var w = new TfRecordWriter(path))
        {
            w.Write(new GraphTrainer.IO.Proto.Event { FileVersion = "brain.Event:2" }.ToByteArray());
            w.Write(new byte[] { 0xFF, 0xFF, 0xFF }); // valid CRCs, invalid protobuf
        }
        var e = Assert.Throws<TfRecordCorruptException>(() => EventFileReader.ReadEvents(path));
        Assert.Equal(TfRecordCorruption.InvalidPayload, e.Kind);
        Assert.Equal(path, e.Source);
        Assert.True(e.RecordOffset > 0);
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
