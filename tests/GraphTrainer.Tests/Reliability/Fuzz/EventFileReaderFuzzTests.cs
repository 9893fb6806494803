using System.Buffers.Binary;
using Google.Protobuf;
using GraphTrainer.IO;
using GraphTrainer.IO.Proto;

namespace GraphTrainer.Tests.Reliability.Fuzz;

/// <summary>
/// Mutated TensorBoard event files: raw damage, damaged payloads re-framed with valid CRCs (so the Event parser sees
/// them), and length fields that lie behind a valid length CRC. Only TfRecordCorruptException; no allocation sized by
/// a lying length.
/// </summary>
public class EventFileReaderFuzzTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gt-fuzz-events-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Mutated_event_files_only_ever_fail_with_TfRecordCorruptException()
    {
        string path = Path.Combine(_dir, "events.out.tfevents.1.fuzz");
        var records = new List<byte[]> { new Event { WallTime = 1.5, FileVersion = "brain.Event:2" }.ToByteArray() };
        for (int step = 1; step <= 3; step++)
        {
            var summary = new Summary();
            summary.Value.Add(new Summary.Types.Value { Tag = "loss", SimpleValue = 1f / step });
            records.Add(new Event { WallTime = 2.0 + step, Step = step, Summary = summary }.ToByteArray());
        }
        byte[] seed = Frame(records);
        Assert.Equal(4, EventFileReader.ReadEvents(WriteTo(path, seed)).Count); // the seed itself is valid

        var options = new FuzzHarness.Options(
            Seed: 41,
            Iterations: 3000,
            MakeInput: r => r.Next(3) switch
            {
                0 => Mutator.Mutate(r, seed),
                1 => Frame(records.Select(p => r.Next(3) == 0 ? Mutator.Mutate(r, p) : p).ToList()),
                _ => LyingLength(r, records),
            },
            Read: input => EventFileReader.ReadEvents(WriteTo(path, input)),
            IsDocumented: e => e is TfRecordCorruptException c && c.Source == path,
            AllowedAllocation: input => input.Length * 16L + (512 << 10));

        var (violations, ran, rejected) = FuzzHarness.Run(options, TimeSpan.FromSeconds(4));

        Assert.True(violations.Count == 0, string.Join("\n", violations.Take(10)));
        Assert.True(ran >= 200, $"only {ran} inputs ran");
        Assert.True(rejected > ran / 3, $"{rejected} of {ran} rejected");
    }

    private static string WriteTo(string path, byte[] bytes)
    {
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Frame(IReadOnlyList<byte[]> payloads)
    {
        using var ms = new MemoryStream();
        using (var w = new TfRecordWriter(ms, leaveOpen: true))
            foreach (var p in payloads) w.Write(p);
        return ms.ToArray();
    }

    // The records, with one record's length field replaced by a boundary value whose length CRC is valid.
    private static byte[] LyingLength(Random r, IReadOnlyList<byte[]> payloads)
    {
        byte[] framed = Frame(payloads);
        int record = r.Next(payloads.Count);
        int at = payloads.Take(record).Sum(p => (int)TfRecordWriter.FramedLength(p.Length));
        var field = new byte[8];
        Mutator.WriteInteresting(r, field, 0);
        if (r.Next(2) == 0) BinaryPrimitives.WriteUInt64LittleEndian(field, (ulong)r.Next(1, 1 << 30));
        field.CopyTo(framed, at);
        BinaryPrimitives.WriteUInt32LittleEndian(framed.AsSpan(at + 8), Crc32C.Mask(Crc32C.Compute(field)));
        return framed;
    }
}
