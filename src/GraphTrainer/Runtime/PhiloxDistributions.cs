namespace GraphTrainer.Runtime;

/// <summary>
/// TensorFlow's conversions from Philox words to floating-point samples (random_distributions.h), bit for bit:
/// uniform from the mantissa bits, normal by Box–Muller, truncated normal by rejecting |x| ≥ 2. Float32 math
/// stays in float32 where TensorFlow's does, so the samples round as TensorFlow's do.
/// </summary>
public static class PhiloxDistributions
{
    /// <summary>TensorFlow's truncation bound, in standard deviations.</summary>
    public const double TruncateValue = 2.0;

    /// <summary>Uniform in [0, 1): the low 23 bits as the mantissa of a float in [1, 2), minus 1.</summary>
    public static float Uint32ToFloat(uint x) => BitConverter.UInt32BitsToSingle(127u << 23 | (x & 0x7FFFFFu)) - 1f;

    /// <summary>Uniform in [0, 1): 20 bits of <paramref name="x0"/> and all of <paramref name="x1"/> as a double's mantissa, minus 1.</summary>
    public static double Uint64ToDouble(uint x0, uint x1) =>
        BitConverter.UInt64BitsToDouble(1023UL << 52 | (ulong)(x0 & 0xFFFFFu) << 32 | x1) - 1.0;

    /// <summary>Two standard normals from two words (Box–Muller): r·sin θ, r·cos θ.</summary>
    public static (float, float) BoxMullerFloat(uint x0, uint x1)
    {
        // The clamp keeps log() finite; TensorFlow clamps at 1e-7 too.
        float u1 = Math.Max(Uint32ToFloat(x0), 1e-7f);
        // TensorFlow multiplies by the double M_PI here, so the angle is computed in double and rounded once.
        float theta = (float)(2.0 * Math.PI * Uint32ToFloat(x1));
        float r = MathF.Sqrt(-2f * MathF.Log(u1));
        return (MathF.Sin(theta) * r, MathF.Cos(theta) * r);
    }

    /// <summary>Two standard normals from four words (Box–Muller in double).</summary>
    public static (double, double) BoxMullerDouble(uint x0, uint x1, uint x2, uint x3)
    {
        double u1 = Math.Max(Uint64ToDouble(x0, x1), 1e-7);
        double theta = 2.0 * Math.PI * Uint64ToDouble(x2, x3);
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        return (Math.Sin(theta) * r, Math.Cos(theta) * r);
    }

    /// <summary>Four uniform floats from one block.</summary>
    public static void UniformFloat(PhiloxBlock b, Span<float> group)
    {
        for (int i = 0; i < 4; i++) group[i] = Uint32ToFloat(b[i]);
    }

    /// <summary>Two uniform doubles from one block.</summary>
    public static void UniformDouble(PhiloxBlock b, Span<double> group)
    {
        group[0] = Uint64ToDouble(b.X0, b.X1);
        group[1] = Uint64ToDouble(b.X2, b.X3);
    }

    /// <summary>Four standard normal floats from one block.</summary>
    public static void NormalFloat(PhiloxBlock b, Span<float> group)
    {
        (group[0], group[1]) = BoxMullerFloat(b.X0, b.X1);
        (group[2], group[3]) = BoxMullerFloat(b.X2, b.X3);
    }

    /// <summary>Two standard normal doubles from one block.</summary>
    public static void NormalDouble(PhiloxBlock b, Span<double> group) => (group[0], group[1]) = BoxMullerDouble(b.X0, b.X1, b.X2, b.X3);

    /// <summary>Four truncated normal floats: Box–Muller pairs from single words, keeping values with |x| &lt; 2 in order.</summary>
    public static void TruncatedNormalFloat(ref PhiloxWords words, Span<float> group)
    {
        int n = 0;
        while (true)
        {
            var (f0, f1) = BoxMullerFloat(words.Next(), words.Next());
            if (MathF.Abs(f0) < (float)TruncateValue && Keep(group, ref n, f0)) return;
            if (MathF.Abs(f1) < (float)TruncateValue && Keep(group, ref n, f1)) return;
        }
    }

    /// <summary>Two truncated normal doubles: Box–Muller pairs from four single words each, keeping |x| &lt; 2.</summary>
    public static void TruncatedNormalDouble(ref PhiloxWords words, Span<double> group)
    {
        int n = 0;
        while (true)
        {
            var (d0, d1) = BoxMullerDouble(words.Next(), words.Next(), words.Next(), words.Next());
            if (Math.Abs(d0) < TruncateValue && Keep(group, ref n, d0)) return;
            if (Math.Abs(d1) < TruncateValue && Keep(group, ref n, d1)) return;
        }
    }

    /// <summary>Appends <paramref name="value"/>; true once the group is full.</summary>
    private static bool Keep<T>(Span<T> group, ref int n, T value)
    {
        group[n++] = value;
        return n == group.Length;
    }
}

/// <summary>Single 32-bit words from a <see cref="PhiloxRandom"/>, one block at a time (TensorFlow's SingleSampleAdapter).</summary>
public struct PhiloxWords
{
    private PhiloxRandom _generator;
    private PhiloxBlock _block;
    private int _used;

    /// <summary>Words from <paramref name="generator"/>'s current position on.</summary>
    public PhiloxWords(PhiloxRandom generator)
    {
        _generator = generator;
        _block = default;
        _used = 4;
    }

    /// <summary>The next word; draws a new block when the current one is used up.</summary>
    public uint Next()
    {
        if (_used == 4) { _block = _generator.Next(); _used = 0; }
        return _block[_used++];
    }
}
