using GraphTrainer.Data;
using GraphTrainer.Tests.Data;

namespace GraphTrainer.Tests.Reliability.Fuzz;

/// <summary>Mutated MNIST idx files, compressed and raw-then-compressed: only InvalidDataException, bounded allocation.</summary>
public class IdxReaderFuzzTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Mutated_idx_files_only_ever_fail_with_a_format_error_naming_the_file()
    {
        string path = _dir.File("fuzz-idx.gz");
        byte[][] rawSeeds = { SyntheticMnist.ImagesIdx(3), SyntheticMnist.ImagesIdx(2, rows: 5, cols: 3), SyntheticMnist.LabelsIdx(40) };
        byte[][] gzSeeds = rawSeeds.Select(SyntheticMnist.Gzip).ToArray();
        bool readImages = true;
        var options = new FuzzHarness.Options(
            Seed: 13,
            Iterations: 3000,
            MakeInput: r =>
            {
                int which = r.Next(rawSeeds.Length);
                readImages = which < 2 ? r.Next(8) != 0 : r.Next(8) == 0; // now and then the wrong kind of file
                // Half the inputs damage the compressed bytes; half damage the idx bytes and compress them validly, so
                // the header checks see lying counts and dimensions rather than gzip errors.
                return r.Next(2) == 0 ? Mutator.Mutate(r, gzSeeds[which]) : SyntheticMnist.Gzip(Mutator.Mutate(r, rawSeeds[which]));
            },
            Read: input =>
            {
                File.WriteAllBytes(path, input);
                if (readImages) IdxReader.ReadImages(path);
                else IdxReader.ReadLabels(path);
            },
            IsDocumented: e => e is InvalidDataException && e.Message.Contains(path),
            // Deflate expands at most 1032:1; the decoded bytes are buffered at most once plus the reader's chunk.
            AllowedAllocation: input => input.Length * 1100L + (2 << 20));

        var (violations, ran, rejected) = FuzzHarness.Run(options, TimeSpan.FromSeconds(4));

        Assert.True(violations.Count == 0, string.Join("\n", violations.Take(10)));
        Assert.True(ran >= 200, $"only {ran} inputs ran");
        Assert.True(rejected > ran / 2, $"{rejected} of {ran} rejected");
    }
}
