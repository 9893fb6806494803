using GraphTrainer.Runtime;
using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Gpu.Tests.Elementwise;

/// <summary>
/// Runs one graph in a GPU-placed session and in a CPU-only session with the same feeds and compares the fetches:
/// bit for bit (NaN matches any NaN) unless a float budget is given. Every op of the listed types must have been
/// placed on the GPU, so a test cannot pass by running the CPU kernel twice.
/// </summary>
internal static class Agreement
{
    /// <summary>Fetches <paramref name="fetches"/> on both devices; asserts ops of <paramref name="gpuOpTypes"/> ran on the GPU.</summary>
    public static (TensorValue Gpu, TensorValue Cpu)[] Run(Graph g, Tensor[] fetches, FeedDict feeds, params string[] gpuOpTypes)
    {
        using var gpu = EmulatedGpu.Session(g);
        using var cpu = EmulatedGpu.CpuSession(g);
        var onGpu = gpu.run(fetches, feeds);
        var onCpu = cpu.run(fetches, feeds);
        var placement = gpu.Plans.Single().Placement;
        var checkedOps = placement.Keys.Where(op => gpuOpTypes.Contains(op.Type)).ToList();
        Assert.NotEmpty(checkedOps);
        foreach (var op in checkedOps) Assert.True(placement[op] == EmulatedGpu.Device, $"{op.Name} ({op.Type}) ran on {placement[op].Name}, not the GPU");
        return onGpu.Zip(onCpu, (a, b) => (ValueConversion.FromNDArray(a), ValueConversion.FromNDArray(b))).ToArray();
    }

    /// <summary>Asserts identical shapes and identical elements (floats bit for bit, so −0 and +0 differ; any NaN matches any NaN).</summary>
    public static void Exact(TensorValue gpu, TensorValue cpu, string what) => Close(gpu, cpu, 0, what);

    /// <summary>
    /// Asserts identical shapes and elements within <paramref name="relative"/> of the CPU value (absolute near zero,
    /// scaled by 1): special values (NaN, ±inf) must match exactly. 0 means bit for bit.
    /// </summary>
    public static void Close(TensorValue gpu, TensorValue cpu, double relative, string what)
    {
        Assert.True(gpu.DType == cpu.DType, $"{what}: dtype {gpu.DType} vs {cpu.DType}");
        Assert.True(gpu.Shape.SequenceEqual(cpu.Shape), $"{what}: shape {TensorValue.ShapeString(gpu.Shape)} vs {TensorValue.ShapeString(cpu.Shape)}");
        switch (gpu.DType)
        {
            case DType.Float32: CloseFloats(gpu.Span<float>().ToArray().Select(v => (double)v).ToArray(), cpu.Span<float>().ToArray().Select(v => (double)v).ToArray(), relative, what); break;
            case DType.Float64: CloseFloats(gpu.Span<double>().ToArray(), cpu.Span<double>().ToArray(), relative, what); break;
            default: Assert.True(gpu.Bytes.SequenceEqual(cpu.Bytes), $"{what}: elements differ"); break;
        }
    }

    private static void CloseFloats(double[] gpu, double[] cpu, double relative, string what)
    {
        for (int i = 0; i < gpu.Length; i++)
        {
            double a = gpu[i], b = cpu[i];
            if (double.IsNaN(a) || double.IsNaN(b)) { Assert.True(double.IsNaN(a) && double.IsNaN(b), $"{what}[{i}]: {a} vs {b}"); continue; }
            if (relative == 0 || double.IsInfinity(a) || double.IsInfinity(b))
            {
                Assert.True(BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b), $"{what}[{i}]: {a:R} vs {b:R}");
                continue;
            }
            Assert.True(Math.Abs(a - b) <= relative * Math.Max(1, Math.Abs(b)), $"{what}[{i}]: {a:R} vs {b:R} (budget {relative:G2})");
        }
    }

    /// <summary>A host value of <paramref name="shape"/> from <paramref name="data"/> (cycled to fill it).</summary>
    public static TensorValue Value<T>(T[] data, params int[] shape) where T : unmanaged
    {
        int n = TensorValue.ElementCount(shape);
        var filled = new T[n];
        for (int i = 0; i < n; i++) filled[i] = data[i % data.Length];
        return TensorValue.Wrap(filled, shape);
    }

    /// <summary><paramref name="count"/> reproducible values of <paramref name="dtype"/> in [lo, hi) (integers: whole numbers).</summary>
    public static TensorValue Random(DType dtype, int[] shape, double lo, double hi, int seed)
    {
        var rng = new Random(seed);
        int n = TensorValue.ElementCount(shape);
        double Next() => lo + rng.NextDouble() * (hi - lo);
        return dtype switch
        {
            DType.Float32 => TensorValue.Wrap(Enumerable.Range(0, n).Select(_ => (float)Next()).ToArray(), shape),
            DType.Float64 => TensorValue.Wrap(Enumerable.Range(0, n).Select(_ => Next()).ToArray(), shape),
            DType.Int32 => TensorValue.Wrap(Enumerable.Range(0, n).Select(_ => (int)Math.Floor(Next())).ToArray(), shape),
            DType.Int64 => TensorValue.Wrap(Enumerable.Range(0, n).Select(_ => (long)Math.Floor(Next())).ToArray(), shape),
            DType.UInt8 => TensorValue.Wrap(Enumerable.Range(0, n).Select(_ => (byte)Math.Clamp(Math.Floor(Next()), 0, 255)).ToArray(), shape),
            DType.Bool => TensorValue.Wrap(Enumerable.Range(0, n).Select(_ => rng.Next(2) == 1).ToArray(), shape),
            _ => throw new ArgumentException($"No random values for {dtype}"),
        };
    }

    /// <summary>
    /// Pins the ops built in the scope to GPU:0 (placeholders stay fed on the host). Needed for int32-only ops, which
    /// the placer otherwise keeps on the host as TensorFlow does (its int32 GPU kernels use host memory); pinned, they
    /// run on the GPU kernel under test.
    /// </summary>
    public static IDisposable PinToGpu() => tf.device("/gpu:0");

    /// <summary>A placeholder of <paramref name="dtype"/> with unknown shape (so run-time shapes reach the kernels unchecked).</summary>
    public static Tensor Input(DType dtype, string name) => tf.placeholder(dtype, null, name);
}
