using System.Text.RegularExpressions;
using Google.Protobuf;
using GraphTrainer.IO;
using GraphTrainer.IO.Proto;

namespace GraphTrainer.Tests.IO;

public class EventFileTests
{
    private static GraphDef SmallGraph()
    {
        var x = new NodeDef { Name = "x", Op = "Placeholder" };
        x.Attr["dtype"] = new AttrValue { Type = DataType.DtFloat };
        x.Attr["shape"] = new AttrValue
        {
            Shape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dim { Size = -1 }, new TensorShapeProto.Types.Dim { Size = 784 } } },
        };
        var mm = new NodeDef { Name = "layer1/MatMul", Op = "MatMul", Input = { "x", "layer1/W/read:0" }, Device = "/device:CPU:0" };
        mm.Attr["T"] = new AttrValue { Type = DataType.DtFloat };
        mm.Attr["transpose_a"] = new AttrValue { B = false };
        mm.Attr["transpose_b"] = new AttrValue { B = true };
        return new GraphDef { Node = { x, mm }, Versions = new VersionDef { Producer = 27 } };
    }

    [Fact]
    public void WritesScalarHistogramAndGraphAndReadsThemBack()
    {
        using var dir = new TempDirectory();
        string path;
        using (var w = new EventFileWriter(dir.Path, flushInterval: TimeSpan.Zero))
        {
            path = w.FilePath;
            w.AddGraphDef(SmallGraph());
            w.AddSummary(SummaryBuilder.Scalar("loss", 2.5f), step: 1);
            w.AddSummary(SummaryBuilder.Scalar("loss", 1.25f), step: 2);
            w.AddSummary(SummaryBuilder.Histogram("weights", new double[] { -1, 0, 0.5, 1, 1, 3 }), step: 2);
        }

        IReadOnlyList<Event> events = EventFileReader.ReadEvents(path);
        Assert.Equal(5, events.Count);

        Assert.Equal(Event.WhatOneofCase.FileVersion, events[0].WhatCase);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        double now = (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds;
        Assert.InRange(events[0].WallTime, now - 600, now + 1);

        GraphDef graph = GraphDef.Parser.ParseFrom(events[1].GraphDef);
        Assert.Equal(new[] { "x", "layer1/MatMul" }, graph.Node.Select(n => n.Name).ToArray());
        Assert.Equal("Placeholder", graph.Node[0].Op);
        Assert.Equal(DataType.DtFloat, graph.Node[0].Attr["dtype"].Type);
        Assert.Equal(new long[] { -1, 784 }, graph.Node[0].Attr["shape"].Shape.Dim.Select(d => d.Size).ToArray());
        Assert.Equal(new[] { "x", "layer1/W/read:0" }, graph.Node[1].Input.ToArray());
        Assert.True(graph.Node[1].Attr["transpose_b"].B);
        Assert.Equal("/device:CPU:0", graph.Node[1].Device);
        Assert.Equal(27, graph.Versions.Producer);

        Assert.Equal((1L, "loss", 2.5f), (events[2].Step, events[2].Summary.Value[0].Tag, events[2].Summary.Value[0].SimpleValue));
        Assert.Equal((2L, "loss", 1.25f), (events[3].Step, events[3].Summary.Value[0].Tag, events[3].Summary.Value[0].SimpleValue));

        Summary.Types.Value h = events[4].Summary.Value.Single();
        Assert.Equal(("weights", 2L), (h.Tag, events[4].Step));
        Assert.Equal(Summary.Types.Value.ValueOneofCase.Histo, h.ValueCase);
        Assert.Equal((-1.0, 3.0, 6.0, 4.5, 12.25), (h.Histo.Min, h.Histo.Max, h.Histo.Num, h.Histo.Sum, h.Histo.SumSquares));
        Assert.Equal(6.0, h.Histo.Bucket.Sum());
        Assert.True(events.Skip(1).All(e => e.WallTime >= events[0].WallTime));
    }

    [Fact]
    public void FileNameFollowsTensorFlowPattern()
    {
        using var dir = new TempDirectory();
        string logdir = dir.Combine("run1", "train");
        using var w = new EventFileWriter(logdir, ".v2", TimeSpan.Zero);
        Assert.True(Directory.Exists(logdir));
        string name = Path.GetFileName(w.FilePath);
        Assert.Matches(new Regex(@"^events\.out\.tfevents\.\d{10}\..+\.v2$"), name);
        Assert.Equal(new[] { w.FilePath }, EventFileReader.FindEventFiles(logdir));
    }

    [Fact]
    public void SecondWriterInTheSameSecondDoesNotClobberTheFirst()
    {
        using var dir = new TempDirectory();
        using var a = new EventFileWriter(dir.Path, flushInterval: TimeSpan.Zero);
        using var b = new EventFileWriter(dir.Path, flushInterval: TimeSpan.Zero);
        Assert.NotEqual(a.FilePath, b.FilePath);
    }

    [Fact]
    public void FirstRecordHasTensorFlowWireEncoding()
    {
        // Field numbers are the point of the schema: wall_time = 1 (fixed64, tag 0x09),
        // file_version = 3 (length-delimited, tag 0x1A), step = 2 (varint, tag 0x10),
        // summary = 5 (tag 0x2A); Summary.value = 1 (0x0A); Value.tag = 1 (0x0A), simple_value = 2 (fixed32, 0x15).
        byte[] first = new Event { WallTime = 1.0, FileVersion = "brain.Event:2" }.ToByteArray();
        Assert.Equal(new byte[] { 0x09, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x1A, 13 }, first[..11]);
        Assert.Equal("brain.Event:2"u8.ToArray(), first[11..]);

        byte[] scalar = new Event { Step = 5, Summary = SummaryBuilder.Scalar("a", 1.0f) }.ToByteArray();
        Assert.Equal(new byte[] { 0x10, 5, 0x2A, 10, 0x0A, 8, 0x0A, 1, (byte)'a', 0x15, 0, 0, 0x80, 0x3F }, scalar);

        byte[] graphEvent = new Event { GraphDef = ByteString.CopyFrom(1, 2) }.ToByteArray();
        Assert.Equal(new byte[] { 0x22, 2, 1, 2 }, graphEvent);
    }

    [Fact]
    public void FlushMakesEventsVisibleWhileWriterIsOpen()
    {
        using var dir = new TempDirectory();
        using var w = new EventFileWriter(dir.Path, flushInterval: TimeSpan.Zero);
        w.AddSummary(SummaryBuilder.Scalar("acc", 0.5f), 10);
        w.Flush();
        IReadOnlyList<Event> events = EventFileReader.ReadEvents(w.FilePath);
        Assert.Equal(2, events.Count);
        Assert.Equal(10, events[1].Step);
    }

    [Fact]
    public void ConcurrentWritersProduceIntactRecords()
    {
        using var dir = new TempDirectory();
        string path;
        const int threads = 4, perThread = 250;
        using (var w = new EventFileWriter(dir.Path, flushInterval: TimeSpan.FromMilliseconds(5)))
        {
            path = w.FilePath;
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                for (int i = 0; i < perThread; i++) w.AddSummary(SummaryBuilder.Scalar($"t{t}", i), i);
            });
        }
        IReadOnlyList<Event> events = EventFileReader.ReadEvents(path);
        Assert.Equal(threads * perThread + 1, events.Count);
        for (int t = 0; t < threads; t++)
        {
            long[] steps = events.Skip(1).Where(e => e.Summary.Value[0].Tag == $"t{t}").Select(e => e.Step).ToArray();
            Assert.Equal(Enumerable.Range(0, perThread).Select(i => (long)i), steps);
        }
    }

    [Fact]
    public void PluginMetadataIsWrittenOnlyWithTheFirstValueOfATag()
    {
        using var dir = new TempDirectory();
        Summary WithMeta(float v)
        {
            Summary s = SummaryBuilder.Scalar("m", v);
            s.Value[0].Metadata = new SummaryMetadata { PluginData = new SummaryMetadata.Types.PluginData { PluginName = "scalars" } };
            return s;
        }
        Summary second = WithMeta(2);
        string path;
        using (var w = new EventFileWriter(dir.Path, flushInterval: TimeSpan.Zero))
        {
            path = w.FilePath;
            w.AddSummary(WithMeta(1), 1);
            w.AddSummary(second, 2);
        }
        IReadOnlyList<Event> events = EventFileReader.ReadEvents(path);
        Assert.Equal("scalars", events[1].Summary.Value[0].Metadata.PluginData.PluginName);
        Assert.Null(events[2].Summary.Value[0].Metadata);
        Assert.NotNull(second.Value[0].Metadata); // the caller's proto is not modified
    }

    [Fact]
    public void SerializedSummaryMetaGraphAndSessionLogRoundTrip()
    {
        using var dir = new TempDirectory();
        string path;
        var meta = new MetaGraphDef
        {
            MetaInfoDef = new MetaGraphDef.Types.MetaInfoDef { Tags = { "train" } },
            GraphDef = SmallGraph(),
            SaverDef = new SaverDef { MaxToKeep = 5, Version = SaverDef.Types.CheckpointFormatVersion.V2 },
        };
        using (var w = new EventFileWriter(dir.Path, flushInterval: TimeSpan.Zero))
        {
            path = w.FilePath;
            w.AddSummary(SummaryBuilder.Scalar("s", 3f).ToByteArray(), 7);
            w.AddMetaGraphDef(meta);
            w.AddSessionLog(new SessionLog { Status = SessionLog.Types.SessionStatus.Start }, 8);
            w.AddEvent(new Event { Step = 9, FileVersion = "custom" });
        }
        IReadOnlyList<Event> events = EventFileReader.ReadEvents(path);
        Assert.Equal(3f, events[1].Summary.Value[0].SimpleValue);
        Assert.Equal(meta, MetaGraphDef.Parser.ParseFrom(events[2].MetaGraphDef));
        Assert.Equal(SessionLog.Types.SessionStatus.Start, events[3].SessionLog.Status);
        Assert.Equal(9, events[4].Step);
        Assert.True(events[4].WallTime > 0);
    }

    [Fact]
    public void UseAfterDisposeThrowsAndDoubleDisposeIsHarmless()
    {
        using var dir = new TempDirectory();
        var w = new EventFileWriter(dir.Path, flushInterval: TimeSpan.Zero);
        w.Dispose();
        w.Close();
        Assert.Throws<ObjectDisposedException>(() => w.AddSummary(SummaryBuilder.Scalar("x", 1), 1));
        Assert.Throws<ObjectDisposedException>(() => w.Flush());
    }

    [Fact]
    public void CorruptEventFileIsReported()
    {
        using var dir = new TempDirectory();
        string path;
        using (var w = new EventFileWriter(dir.Path, flushInterval: TimeSpan.Zero))
        {
            path = w.FilePath;
            w.AddSummary(SummaryBuilder.Scalar("loss", 1), 1);
        }
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^6] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<TfRecordCorruptException>(() => EventFileReader.ReadEvents(path));
        Assert.Equal(TfRecordCorruption.DataCrc, ex.Kind);
        Assert.Contains(path, ex.Message);
    }
}
