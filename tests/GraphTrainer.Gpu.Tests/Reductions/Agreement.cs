using NumSharp;

namespace GraphTrainer.Gpu.Tests.Reductions;

/// <summary>
/// Runs a graph on the emulated GPU and on the CPU and compares: the GPU run must have placed the named ops on GPU:0
/// (so a test cannot pass by running everything on the CPU).
/// </summary>
internal static class Agreement
{
    /// <summary>Float32 unit roundoff, 2⁻²⁴.</summary>
    public const double U32 = 1.0 / (1 << 24);
    /// <summary>Float64 unit roundoff, 2⁻⁵³.</summary>
    public const double U64 = 1.0 / (1L << 53);

    /// <summary>The fetched values from the GPU-placed session and the CPU session.</summary>
    public static (NDArray[] Gpu, NDArray[] Cpu) Run(Graph g, ITensorOrOperation[] fetches, FeedDict feeds, params Operation[] onGpu)
    {
        NDArray[] gpu, cpu;
        using (var sess = EmulatedGpu.Session(g))
        {
            gpu = sess.run(fetches, feeds ?? new FeedDict());
            AssertOnGpu(sess, onGpu);
        }
        using (var sess = EmulatedGpu.CpuSession(g)) cpu = sess.run(fetches, feeds ?? new FeedDict());
        return (gpu, cpu);
    }

    /// <summary>Asserts every plan of the session that runs one of <paramref name="ops"/> put it on the emulated GPU.</summary>
    public static void AssertOnGpu(Session sess, params Operation[] ops)
    {
        foreach (var op in ops)
        {
            var placements = sess.Plans.Where(p => p.Placement.ContainsKey(op)).Select(p => p.Placement[op]).ToArray();
            Assert.NotEmpty(placements);
            Assert.All(placements, d => Assert.Same(EmulatedGpu.Device, d));
        }
    }

    /// <summary>Deterministic values uniform in [lo, hi).</summary>
    public static float[] Floats(int n, int seed, double lo = -1, double hi = 1)
    {
        var random = new System.Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(lo + (hi - lo) * random.NextDouble())).ToArray();
    }

    /// <summary>Deterministic doubles uniform in [lo, hi).</summary>
    public static double[] Doubles(int n, int seed, double lo = -1, double hi = 1)
    {
        var random = new System.Random(seed);
        return Enumerable.Range(0, n).Select(_ => lo + (hi - lo) * random.NextDouble()).ToArray();
    }

    /// <summary>Same shape and every element within <paramref name="tolerance"/>[i] (NaN matches NaN).</summary>
    public static void Close(NDArray expected, NDArray actual, double[] tolerance)
    {
        Assert.Equal(expected.shape, actual.shape);
        var e = ToDoubles(expected);
        var a = ToDoubles(actual);
        for (int i = 0; i < e.Length; i++)
        {
            if (double.IsNaN(e[i])) { Assert.True(double.IsNaN(a[i]), $"element {i}: expected NaN, got {a[i]}"); continue; }
            Assert.True(Math.Abs(e[i] - a[i]) <= tolerance[i], $"element {i}: expected {e[i]:R}, got {a[i]:R} (tolerance {tolerance[i]:R})");
        }
    }

    /// <summary>Same shape, dtype and elements, bit for bit (NaN matches NaN).</summary>
    public static void Exact(NDArray expected, NDArray actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(expected.dtype, actual.dtype);
        if (expected.dtype == typeof(float))
            Assert.Equal(expected.ToArray<float>().Select(Bits), actual.ToArray<float>().Select(Bits));
        else if (expected.dtype == typeof(double))
            Assert.Equal(expected.ToArray<double>().Select(Bits), actual.ToArray<double>().Select(Bits));
        else Assert.Equal(ToDoubles(expected), ToDoubles(actual));
    }

    private static long Bits(float v) => float.IsNaN(v) ? -1 : BitConverter.SingleToInt32Bits(v);
    private static long Bits(double v) => double.IsNaN(v) ? -1 : BitConverter.DoubleToInt64Bits(v);

    /// <summary>The elements as doubles (any numeric dtype).</summary>
    public static double[] ToDoubles(NDArray a) => a.dtype == typeof(float) ? a.ToArray<float>().Select(v => (double)v).ToArray()
        : a.dtype == typeof(double) ? a.ToArray<double>()
        : a.dtype == typeof(int) ? a.ToArray<int>().Select(v => (double)v).ToArray()
        : a.dtype == typeof(long) ? a.ToArray<long>().Select(v => (double)v).ToArray()
        : throw new NotSupportedException(a.dtype.Name);

    /// <summary>
    /// Per output of a reduction of <paramref name="x"/> (shape <paramref name="shape"/>) over <paramref name="axes"/>:
    /// the aggregate of <paramref name="f"/>(element) by <paramref name="combine"/>, in float64, by naive loops.
    /// </summary>
    public static double[] ReferenceReduce(double[] x, int[] shape, int[] axes, Func<double, double> f, Func<double, double, double> combine, double identity)
    {
        var norm = axes.Select(a => a < 0 ? a + shape.Length : a).ToHashSet();
        int outputs = 1;
        for (int k = 0; k < shape.Length; k++) if (!norm.Contains(k)) outputs *= shape[k];
        var result = Enumerable.Repeat(identity, outputs).ToArray();
        var index = new int[shape.Length];
        for (int i = 0; i < x.Length; i++)
        {
            int o = 0;
            for (int k = 0; k < shape.Length; k++) if (!norm.Contains(k)) o = o * shape[k] + index[k];
            result[o] = combine(result[o], f(x[i]));
            for (int k = shape.Length - 1; k >= 0; k--) { if (++index[k] < shape[k]) break; index[k] = 0; }
        }
        return result;
    }
}
