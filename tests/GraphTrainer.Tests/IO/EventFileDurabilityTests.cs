using GraphTrainer.IO;
using GraphTrainer.IO.Proto;

namespace GraphTrainer.Tests.IO;

/// <summary>Event files that lose nothing: max_queue hand-off, the exit flush of unclosed writers, and truncated tails.</summary>
public class EventFileDurabilityTests
{
    // What another process sees: the file read through its own handle while the writer still has it open.
    private static IReadOnlyList<Event> ReadShared(string path) => EventFileReader.ReadEvents(path);

    [Fact]
    public void Every_max_queue_events_reach_the_file_without_a_flush()
    {
        using var dir = new TempDirectory();
        using var w = new EventFileWriter(dir.Path, flushInterval: TimeSpan.Zero, maxQueue: 4);
        for (int step = 1; step <= 7; step++) w.AddSummary(SummaryBuilder.Scalar("loss", step), step);
        // The version record was flushed at once; then every 4th event hands the buffer over: steps 1–4 are in the
        // file, 5–7 are still buffered (the stream's buffer is far larger than these records).
        Assert.Equal(new long[] { 1, 2, 3, 4 }, ReadShared(w.FilePath).Skip(1).Select(e => e.Step).ToArray());
        w.AddSummary(SummaryBuilder.Scalar("loss", 8), 8);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), ReadShared(w.FilePath).Skip(1).Select(e => e.Step));
    }

    [Fact]
    public void A_writer_never_closed_is_flushed_by_the_exit_handler()
    {
        using var dir = new TempDirectory();
        var w = tf.summary.FileWriter(dir.Path, max_queue: 1000);
        for (int step = 0; step < 100; step++) w.add_summary(SummaryBuilder.Scalar("loss", step), step);
        Assert.Single(ReadShared(w.FilePath)); // only the version record so far
        EventWriterExitFlush.FlushAll(); // what AppDomain.ProcessExit runs
        Assert.Equal(101, ReadShared(w.FilePath).Count);
        w.close();
    }

    [Fact]
    public void A_closed_writer_is_forgotten_by_the_exit_handler()
    {
        using var dir = new TempDirectory();
        var w = new EventFileWriter(dir.Path, flushInterval: TimeSpan.Zero);
        w.Close();
        EventWriterExitFlush.FlushAll(); // must not touch the disposed writer
        Assert.Throws<ObjectDisposedException>(() => w.Flush());
    }

    [Theory]
    [InlineData(5)]  // inside the next record's header
    [InlineData(20)] // inside its data
    public void A_truncated_last_record_ends_the_events_instead_of_failing(int keptBytesOfLastRecord)
    {
        using var dir = new TempDirectory();
        string path;
        long lastRecordStart;
        using (var w = new EventFileWriter(dir.Path, flushInterval: TimeSpan.Zero))
        {
            path = w.FilePath;
            w.AddSummary(SummaryBuilder.Scalar("loss", 1), 1);
            w.Flush();
            lastRecordStart = new FileInfo(path).Length;
            w.AddSummary(SummaryBuilder.Scalar("loss", 2), 2);
        }
        byte[] whole = File.ReadAllBytes(path);
        File.WriteAllBytes(path, whole[..(int)(lastRecordStart + keptBytesOfLastRecord)]);
        using (var reader = new EventFileReader(path))
        {
            Assert.Equal(new long[] { 0, 1 }, reader.ReadAll().Select(e => e.Step).ToArray());
            Assert.True(reader.TruncatedTail);
            // The writer completes the record: the same reader now reads it, from the record's start.
            File.WriteAllBytes(path, whole);
            Assert.True(reader.TryRead(out Event completed));
            Assert.Equal(2, completed.Step);
            Assert.False(reader.TruncatedTail);
        }
    }
}
