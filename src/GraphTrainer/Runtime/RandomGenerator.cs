using System.Numerics;

namespace GraphTrainer.Runtime;

/// <summary>
/// A small deterministic generator (xoshiro256** seeded through SplitMix64) for the random ops. Not
/// TensorFlow's Philox, so values differ from TensorFlow's for the same seed, but a seed gives the
/// same stream on every run and machine.
/// </summary>
public sealed class RandomGenerator
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal = double.NaN;

    /// <summary>Seeds the generator.</summary>
    public RandomGenerator(long seed)
    {
        ulong x = (ulong)seed;
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Box–Muller, caching the second value).</summary>
    public double NextNormal()
    {
        if (!double.IsNaN(_spareNormal))
        {
            double s = _spareNormal;
            _spareNormal = double.NaN;
            return s;
        }
        double u1 = 1.0 - NextDouble(), u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareNormal = r * Math.Sin(2 * Math.PI * u2);
        return r * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Standard normal truncated to [-2, 2] by resampling, as TensorFlow's TruncatedNormal.</summary>
    public double NextTruncatedNormal()
    {
        while (true)
        {
            double v = NextNormal();
            if (Math.Abs(v) <= 2.0) return v;
        }
    }
}
