using System.Buffers.Binary;
using GraphTrainer.IO;

namespace GraphTrainer.Tests.Reliability.Fuzz;

/// <summary>
/// Mutated checkpoints, including ones whose header and index CRCs are recomputed after the damage so the index
/// decoder and the entry checks see lying lengths, offsets, ranks and dims: only CheckpointCorruptException.
/// </summary>
public class CheckpointReaderFuzzTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gt-fuzz-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Mutated_checkpoints_only_ever_fail_with_CheckpointCorruptException()
    {
        string prefix = Path.Combine(_dir, "model.ckpt");
        CheckpointWriter.Write(prefix, new[]
        {
            CheckpointEntry.FromValues<float>("layer/w", new long[] { 2, 3 }, new float[] { 1, 2, 3, 4, 5, 6 }),
            CheckpointEntry.FromValues<long>("global_step", new long[] { 4 }, new long[] { 7, 8, 9, 10 }),
            CheckpointEntry.FromValues<double>("lr", Array.Empty<long>(), new[] { 0.5 }),
        });
        string file = CheckpointWriter.FilePathFor(prefix);
        byte[] seed = File.ReadAllBytes(file);
        CheckpointReader.Read(prefix); // the seed itself is valid

        var options = new FuzzHarness.Options(
            Seed: 29,
            Iterations: 3000,
            MakeInput: r =>
            {
                byte[] input = Mutator.Mutate(r, seed);
                if (r.Next(2) == 0) RepairCrcs(input);
                return input;
            },
            Read: input =>
            {
                File.WriteAllBytes(file, input);
                CheckpointReader.ListVariables(prefix);
                CheckpointReader.Read(prefix);
            },
            IsDocumented: e => e is CheckpointCorruptException,
            AllowedAllocation: input => input.Length * 8L + (512 << 10));

        var (violations, ran, rejected) = FuzzHarness.Run(options, TimeSpan.FromSeconds(4));

        Assert.True(violations.Count == 0, string.Join("\n", violations.Take(10)));
        Assert.True(ran >= 200, $"only {ran} inputs ran");
        Assert.True(rejected > ran / 2, $"{rejected} of {ran} rejected");
    }

    // Recomputes the index CRC (when the recorded index fits in the file) and the header CRC, as a writer would.
    private static void RepairCrcs(byte[] b)
    {
        const int header = 40;
        if (b.Length < header) return;
        ulong indexLength = BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(16));
        if (indexLength <= (ulong)(b.Length - header))
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(32), Crc32C.Compute(b.AsSpan(header, (int)indexLength)));
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(36), Crc32C.Compute(b.AsSpan(0, 36)));
    }
}
