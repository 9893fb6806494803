using GraphTrainer.Runtime;

namespace GraphTrainer.Tests.Runtime;

/// <summary>TensorFlow's sample conversions and fill layouts: exact edge values, moments within statistical bounds, group layout.</summary>
public class PhiloxDistributionTests
{
    private const int N = 200_000;
    // Moments are checked to within 5 standard errors: a false failure has odds below 1 in a million.
    private const double Z = 5;

    [Fact]
    public void Uniform_conversions_use_the_mantissa_bits()
    {
        Assert.Equal(0f, PhiloxDistributions.Uint32ToFloat(0));
        Assert.Equal(0f, PhiloxDistributions.Uint32ToFloat(0xFF800000)); // only the low 23 bits count
        Assert.Equal(1f - MathF.Pow(2, -23), PhiloxDistributions.Uint32ToFloat(0xFFFFFFFF));
        Assert.Equal(0.5f, PhiloxDistributions.Uint32ToFloat(0x400000));
        Assert.Equal(0.0, PhiloxDistributions.Uint64ToDouble(0xFFF00000, 0));  // only the low 20 bits of the first word
        Assert.Equal(1.0 - Math.Pow(2, -52), PhiloxDistributions.Uint64ToDouble(0xFFFFFFFF, 0xFFFFFFFF));
        Assert.Equal(Math.Pow(2, -52), PhiloxDistributions.Uint64ToDouble(0, 1));
    }

    [Fact]
    public void Box_Muller_puts_sine_first_and_clamps_the_radius()
    {
        // u1 = 0 is clamped to 1e-7, so the radius is sqrt(-2 ln 1e-7) rather than infinite; u2 = 0.25 is a quarter turn.
        var (s, c) = PhiloxDistributions.BoxMullerFloat(0, 0x200000);
        Assert.Equal(Math.Sqrt(-2 * Math.Log(1e-7f)), s, 5);
        Assert.Equal(0, c, 5);
        var (sd, cd) = PhiloxDistributions.BoxMullerDouble(0, 0, 0x40000, 0);
        Assert.Equal(Math.Sqrt(-2 * Math.Log(1e-7)), sd, 12);
        Assert.Equal(0, cd, 12);
    }

    [Fact]
    public void Uniform_is_in_zero_one_with_mean_half_and_variance_one_twelfth()
    {
        var f = Fill<float>(PhiloxDistributions.UniformFloat);
        var d = Fill<double>(PhiloxDistributions.UniformDouble);
        foreach (var v in new[] { f.Select(x => (double)x).ToArray(), d })
        {
            Assert.All(v, x => Assert.True(x >= 0 && x < 1, $"{x} outside [0, 1)"));
            // U(0, 1): variance 1/12, fourth central moment 1/80.
            AssertMoments(v, mean: 0.5, variance: 1.0 / 12, fourthCentral: 1.0 / 80);
        }
    }

    [Fact]
    public void Normal_has_mean_zero_and_variance_one()
    {
        // N(0, 1): fourth central moment 3.
        AssertMoments(Fill<float>(PhiloxDistributions.NormalFloat).Select(x => (double)x).ToArray(), 0, 1, 3);
        AssertMoments(Fill<double>(PhiloxDistributions.NormalDouble), 0, 1, 3);
    }

    [Fact]
    public void Truncated_normal_stays_inside_two_and_has_the_truncated_moments()
    {
        var f = FillVariable<float>(PhiloxDistributions.TruncatedNormalFloat).Select(x => (double)x).ToArray();
        var d = FillVariable<double>(PhiloxDistributions.TruncatedNormalDouble);
        var (m2, m4) = TruncatedNormalMoments();
        foreach (var v in new[] { f, d })
        {
            Assert.All(v, x => Assert.True(Math.Abs(x) < 2, $"{x} not inside (-2, 2)"));
            AssertMoments(v, 0, m2, m4);
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100_003)] // large enough to be made in pieces on several threads
    public void Fixed_layout_value_i_comes_from_block_i_over_group_size(int length)
    {
        var generator = new PhiloxRandom(3, 4);
        var values = new float[length];
        PhiloxFill.Fixed(generator, values, 4, PhiloxDistributions.UniformFloat);
        for (int i = 0; i < values.Length; i++)
        {
            var at = generator;
            at.Skip((ulong)(i / 4));
            Assert.Equal(PhiloxDistributions.Uint32ToFloat(at.Next()[i % 4]), values[i]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(39)]        // eight-block vectors, then single blocks, then a last group cut short
    [InlineData(1_000_003)] // in pieces on several threads
    public void Uniform_float_fill_is_the_fixed_layout_of_uniform_floats(int length)
    {
        var generator = new PhiloxRandom(5, 6);
        var expected = new float[length];
        PhiloxFill.Fixed(generator, expected, 4, PhiloxDistributions.UniformFloat);
        var got = new float[length];
        PhiloxFill.UniformFloat(generator, got);
        Assert.Equal(expected, got);
    }

    [Fact]
    public void Shorter_requests_are_prefixes_of_longer_ones()
    {
        AssertPrefix<float>((g, o) => PhiloxFill.UniformFloat(g, o));
        AssertPrefix<float>((g, o) => PhiloxFill.Fixed(g, o, 4, PhiloxDistributions.UniformFloat));
        AssertPrefix<float>((g, o) => PhiloxFill.Fixed(g, o, 4, PhiloxDistributions.NormalFloat));
        AssertPrefix<double>((g, o) => PhiloxFill.Fixed(g, o, 2, PhiloxDistributions.UniformDouble));
        AssertPrefix<double>((g, o) => PhiloxFill.Fixed(g, o, 2, PhiloxDistributions.NormalDouble));
        AssertPrefix<float>((g, o) => PhiloxFill.Variable(g, o, 4, PhiloxDistributions.TruncatedNormalFloat));
        AssertPrefix<double>((g, o) => PhiloxFill.Variable(g, o, 2, PhiloxDistributions.TruncatedNormalDouble));
    }

    [Fact]
    public void Variable_layout_starts_group_g_at_g_times_256_words_per_value()
    {
        var generator = new PhiloxRandom(11, 12);
        var floats = new float[12];
        PhiloxFill.Variable(generator, floats, 4, PhiloxDistributions.TruncatedNormalFloat);
        var doubles = new double[6];
        PhiloxFill.Variable(generator, doubles, 2, PhiloxDistributions.TruncatedNormalDouble);
        for (int g = 0; g < 3; g++)
        {
            // A group of 4 floats reserves 4 × 256 words = 256 blocks; a group of 2 doubles 2 × 256 words = 128 blocks.
            var f = new float[4];
            var at = generator;
            at.Skip((ulong)g * 256);
            PhiloxFill.Variable(at, f, 4, PhiloxDistributions.TruncatedNormalFloat);
            Assert.Equal(f, floats[(4 * g)..(4 * g + 4)]);

            var d = new double[2];
            at = generator;
            at.Skip((ulong)g * 128);
            PhiloxFill.Variable(at, d, 2, PhiloxDistributions.TruncatedNormalDouble);
            Assert.Equal(d, doubles[(2 * g)..(2 * g + 2)]);
        }
    }

    [Fact]
    public void Truncated_normal_draws_words_in_order_and_skips_rejected_values()
    {
        // Replays the group by hand: Box–Muller on consecutive words, keeping |x| < 2 in order.
        var generator = new PhiloxRandom(5, 6);
        var kept = new List<float>();
        var words = new PhiloxWords(generator);
        while (kept.Count < 4)
        {
            var (a, b) = PhiloxDistributions.BoxMullerFloat(words.Next(), words.Next());
            foreach (var x in new[] { a, b }) if (MathF.Abs(x) < 2f && kept.Count < 4) kept.Add(x);
        }
        var group = new float[4];
        PhiloxFill.Variable(generator, group, 4, PhiloxDistributions.TruncatedNormalFloat);
        Assert.Equal(kept, group);
    }

    private static void AssertPrefix<T>(Action<PhiloxRandom, T[]> fill)
    {
        var generator = new PhiloxRandom(21, 22);
        var longer = new T[8];
        fill(generator, longer);
        foreach (int n in new[] { 0, 1, 3, 5, 7 })
        {
            var shorter = new T[n];
            fill(generator, shorter);
            Assert.Equal(longer[..n], shorter);
        }
    }

    private static T[] Fill<T>(PhiloxFill.FixedGroup<T> group) where T : unmanaged
    {
        var values = new T[N];
        PhiloxFill.Fixed(new PhiloxRandom(1, 2), values, typeof(T) == typeof(float) ? 4 : 2, group);
        return values;
    }

    private static double[] FillVariable<T>(PhiloxFill.VariableGroup<T> group) where T : unmanaged
    {
        var values = new T[N];
        PhiloxFill.Variable(new PhiloxRandom(1, 2), values, typeof(T) == typeof(float) ? 4 : 2, group);
        return values.Select(v => Convert.ToDouble(v)).ToArray();
    }

    /// <summary>Sample mean and variance within <see cref="Z"/> standard errors of the true moments.</summary>
    private static void AssertMoments(double[] v, double mean, double variance, double fourthCentral)
    {
        double sampleMean = v.Average();
        double sampleVariance = v.Select(x => (x - sampleMean) * (x - sampleMean)).Average();
        double meanError = Math.Sqrt(variance / v.Length);
        double varianceError = Math.Sqrt((fourthCentral - variance * variance) / v.Length);
        Assert.InRange(sampleMean, mean - Z * meanError, mean + Z * meanError);
        Assert.InRange(sampleVariance, variance - Z * varianceError, variance + Z * varianceError);
    }

    /// <summary>E[x²] and E[x⁴] of the standard normal truncated to (−2, 2), by Simpson's rule on the density.</summary>
    private static (double, double) TruncatedNormalMoments()
    {
        const int steps = 20_000;
        double h = 4.0 / steps, mass = 0, m2 = 0, m4 = 0;
        for (int i = 0; i <= steps; i++)
        {
            double x = -2 + i * h, w = i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2;
            double density = w * Math.Exp(-x * x / 2);
            mass += density; m2 += density * x * x; m4 += density * x * x * x * x;
        }
        return (m2 / mass, m4 / mass);
    }
}
