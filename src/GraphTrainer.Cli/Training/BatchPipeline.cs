using GraphTrainer.Cli.Data;
using GraphTrainer.Data;
using NumSharp;

namespace GraphTrainer.Cli.Training;

/// <summary>
/// Shuffled mini-batches of the training split with a position that can be saved and restored, so a resumed run
/// draws exactly the batches an uninterrupted run would (1 + 1 epochs equal 2 epochs bit for bit).
/// <para>Epoch <c>k</c> (0-based) visits the examples in the permutation drawn by a numpy-compatible
/// <see cref="RandomState"/> seeded from (seed, k); the state is therefore just (<see cref="Stream"/>,
/// <see cref="Offset"/>). Each epoch takes <c>count / batch</c> whole batches; the remainder is left out, as
/// <c>tf.data</c>'s <c>drop_remainder</c> does, so epochs never straddle two permutations.</para>
/// </summary>
public sealed class BatchPipeline
{
    private readonly float[] _images;
    private readonly float[] _labels;
    private readonly int _count, _inputs, _classes, _seed;
    private long[] _order;
    private long _orderStream = -1;

    /// <summary>Creates the pipeline at a saved position (0, 0 for a new run).</summary>
    /// <param name="train">The training split.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="batchSize">Examples per batch, 1..<see cref="Split.Count"/>.</param>
    /// <param name="stream">Saved <see cref="Stream"/>.</param>
    /// <param name="offset">Saved <see cref="Offset"/>.</param>
    public BatchPipeline(Split train, int seed, int batchSize, long stream = 0, long offset = 0)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (batchSize < 1 || batchSize > train.Count)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"Must be between 1 and {train.Count}.");
        // The pipeline only reads the arrays; reuse the loader's when it kept them.
        _images = train.PixelArray ?? train.Images.ToArray<float>();
        _labels = train.LabelArray ?? train.Labels.ToArray<float>();
        _count = train.Count;
        _inputs = (int)train.Images.shape[1];
        _classes = (int)train.Labels.shape[1];
        _seed = seed;
        BatchSize = batchSize;
        Stream = stream;
        Offset = offset;
    }

    /// <summary>Examples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whole batches per epoch.</summary>
    public int StepsPerEpoch => _count / BatchSize;

    /// <summary>Index of the epoch permutation in use (0 for the first epoch).</summary>
    public long Stream { get; private set; }

    /// <summary>Examples already taken from the current permutation.</summary>
    public long Offset { get; private set; }

    /// <summary>The state to save: [<see cref="Stream"/>, <see cref="Offset"/>].</summary>
    public long[] State => new[] { Stream, Offset };

    /// <summary>The next batch: images [batch, inputs] and one-hot labels [batch, classes].</summary>
    public (NDArray Images, NDArray Labels) Next()
    {
        if (Offset + BatchSize > _count)
        {
            Stream++;
            Offset = 0;
        }
        if (_orderStream != Stream)
        {
            _order = new RandomState(StreamSeed(_seed, Stream)).permutation(_count);
            _orderStream = Stream;
        }
        var images = new float[BatchSize * _inputs];
        var labels = new float[BatchSize * _classes];
        for (int i = 0; i < BatchSize; i++)
        {
            long row = _order[Offset + i];
            Array.Copy(_images, row * _inputs, images, (long)i * _inputs, _inputs);
            Array.Copy(_labels, row * _classes, labels, (long)i * _classes, _classes);
        }
        Offset += BatchSize;
        return (new NDArray(images, new Shape(BatchSize, _inputs)), new NDArray(labels, new Shape(BatchSize, _classes)));
    }

    /// <summary>The 32-bit seed of epoch permutation <paramref name="stream"/>: SplitMix64 of (seed, stream), so
    /// neighbouring epochs and seeds get unrelated orders.</summary>
    public static uint StreamSeed(int seed, long stream)
    {
        ulong z = unchecked(((ulong)(uint)seed << 32) ^ (ulong)stream) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (uint)((z ^ (z >> 31)) & 0xFFFFFFFF);
    }
}
