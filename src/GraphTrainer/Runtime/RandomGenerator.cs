using System.Security.Cryptography;

namespace GraphTrainer.Runtime;

/// <summary>
/// The Philox stream of one random op in one session, as TensorFlow's GuardedPhiloxRandom: seeded from the op's
/// <c>seed</c>/<c>seed2</c> attrs, so a seeded op gives TensorFlow 1.x's values; each run reserves a disjoint
/// slice of the stream, so running an op again gives new values. Thread-safe.
/// </summary>
public sealed class RandomGenerator
{
    /// <summary>Blocks reserved per output value; TensorFlow's kernels use 256, matching <see cref="PhiloxFill.ReservedWordsPerOutput"/>.</summary>
    public const int BlocksPerOutput = 256;

    private readonly object _lock = new();
    private PhiloxRandom _generator;

    /// <summary>A stream for attrs (<paramref name="seed"/>, <paramref name="seed2"/>); (0, 0) means unseeded: random seeds.</summary>
    public RandomGenerator(long seed, long seed2)
    {
        if (seed == 0 && seed2 == 0)
        {
            var bytes = RandomNumberGenerator.GetBytes(16);
            seed = BitConverter.ToInt64(bytes, 0);
            seed2 = BitConverter.ToInt64(bytes, 8);
        }
        _generator = new PhiloxRandom((ulong)seed, (ulong)seed2);
    }

    /// <summary>
    /// The generator for one run producing <paramref name="outputCount"/> values: the current position, after
    /// which the stream moves on by <paramref name="outputCount"/> × <paramref name="multiplier"/> blocks.
    /// </summary>
    public PhiloxRandom ReserveRandomOutputs(long outputCount, int multiplier = BlocksPerOutput)
    {
        lock (_lock)
        {
            var reserved = _generator;
            _generator.Skip((ulong)(outputCount * multiplier));
            return reserved;
        }
    }
}
