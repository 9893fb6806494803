using GraphTrainer.Runtime;
using static GraphTrainer.Binding;

namespace GraphTrainer.Gpu.Tests.Elementwise;

/// <summary>Cast between every pair of float32, float64, int32, int64, uint8 and bool on the GPU: exactly the CPU's results.</summary>
[Trait("Category", "Gpu")]
[Collection(ElementwiseCollection.Name)]
public class CastKernelTests
{
    private static readonly DType[] All = { DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt8, DType.Bool };

    private static readonly double[] FloatValues =
    {
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 0.1, 0.4, -0.6, 1.5, -2.5, 254.9, 255.5, 256, 300, -1,
        1e10, -1e10, 2147483520, 2147483648, -2147483904, 3e9, 16777217, 9.3e18, -9.3e18, 1e300, -1e-300,
    };

    private static readonly long[] IntegerValues =
    {
        0, 1, -1, 127, 128, 255, 256, 257, -129, int.MaxValue, int.MinValue, 16777217, 1L << 40, (1L << 53) + 1, long.MaxValue, long.MinValue,
    };

    // Each source's edge values, padded by cycling to an awkward length (33) and a 2-D shape, so launches are not all length-1.
    private static TensorValue Source(DType dtype)
    {
        int[] shape = { 3, 11 };
        return dtype switch
        {
            DType.Float32 => Agreement.Value(FloatValues.Select(v => (float)v).ToArray(), shape),
            DType.Float64 => Agreement.Value(FloatValues, shape),
            DType.Int32 => Agreement.Value(IntegerValues.Select(v => unchecked((int)v)).ToArray(), shape),
            DType.Int64 => Agreement.Value(IntegerValues, shape),
            DType.UInt8 => Agreement.Value(new byte[] { 0, 1, 2, 127, 128, 254, 255 }, shape),
            _ => Agreement.Value(new[] { false, true, true, false, true }, shape),
        };
    }

    public static TheoryData<DType> Sources() => new(All);

    [Theory]
    [MemberData(nameof(Sources))]
    public void Cast_to_every_dtype_agrees_with_cpu(DType source)
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        using var pin = Agreement.PinToGpu();
        var x = Agreement.Input(source, "x");
        // A cast to the same dtype only becomes an op when named (tf.cast otherwise returns its input).
        var fetches = All.Select(target => CastOps.Cast(x, target, $"to_{target}")).ToArray();
        var results = Agreement.Run(g, fetches, new FeedDict { [x] = Source(source) }, "Cast");
        for (int i = 0; i < All.Length; i++) Agreement.Exact(results[i].Gpu, results[i].Cpu, $"{source} -> {All[i]}");
    }

    [Fact]
    public void Casts_truncate_toward_zero_wrap_integers_and_test_nonzero()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var f = Agreement.Input(DType.Float32, "f");
        var i = Agreement.Input(DType.Int32, "i");
        var b = Agreement.Input(DType.Bool, "b");
        var results = Agreement.Run(g, new[] { tf.cast(f, tf.int32), tf.cast(f, tf.@bool), tf.cast(i, tf.uint8), tf.cast(b, tf.float32) }, new FeedDict
        {
            [f] = TensorValue.Wrap(new[] { -2.5f, 2.5f, 0.9f, float.NaN }, 4),
            [i] = TensorValue.Wrap(new[] { 257, -1, 255, 0 }, 4),
            [b] = TensorValue.Wrap(new[] { true, false, true, false }, 4),
        }, "Cast");
        Assert.Equal(new[] { -2, 2, 0, 0 }, results[0].Gpu.Span<int>().ToArray());
        Assert.Equal(new[] { true, true, true, true }, results[1].Gpu.Span<bool>().ToArray());
        Assert.Equal(new byte[] { 1, 255, 255, 0 }, results[2].Gpu.Span<byte>().ToArray());
        Assert.Equal(new[] { 1f, 0f, 1f, 0f }, results[3].Gpu.Span<float>().ToArray());
    }
}
