using GraphTrainer.Runtime;
using static GraphTrainer.Binding;

namespace GraphTrainer.Gpu.Tests.Elementwise;

/// <summary>
/// Broadcasting binary arithmetic on the GPU against the CPU kernels. Budgets: the single IEEE operations (add, sub,
/// mul, div, squared difference, max, min) round identically on both devices, so they must agree bit for bit; Pow is
/// DeviceMath's exp(y·ln x) (float32 evaluated in float64 and rounded once: 2e-6 relative like the other
/// transcendentals; float64 8 + 4·|y·ln x| ULP, at most 36 ULP over these operands: 1e-14 relative).
/// </summary>
[Trait("Category", "Gpu")]
[Collection(ElementwiseCollection.Name)]
public class BinaryKernelTests
{
    /// <summary>Operand shape pairs: same shape, scalar either side, row, column-by-row, NHWC-by-channel, mixed, empty, long.</summary>
    public static readonly (int[] X, int[] Y)[] ShapePairs =
    {
        (new[] { 33 }, new[] { 33 }),
        (new[] { 7 }, new int[0]),
        (new int[0], new[] { 7 }),
        (new int[0], new int[0]),
        (new[] { 5, 7 }, new[] { 7 }),
        (new[] { 4, 1 }, new[] { 1, 9 }),
        (new[] { 2, 3, 4, 5 }, new[] { 5 }),
        (new[] { 2, 1, 4, 1 }, new[] { 3, 1, 5 }),
        (new[] { 3, 1 }, new[] { 3, 4 }),
        (new[] { 1, 2, 1, 2, 1, 2, 1 }, new[] { 2, 1, 2, 1, 2, 1, 2 }),
        (new[] { 0, 3 }, new[] { 3 }),
        (new[] { 1025 }, new[] { 1025 }),
        (new[] { 1, 1025 }, new[] { 1 }),
    };

    public static TheoryData<string, DType> Cases()
    {
        var data = new TheoryData<string, DType>();
        foreach (var op in new[] { "AddV2", "Sub", "Mul" })
            foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int32, DType.Int64 }) data.Add(op, dtype);
        foreach (var op in new[] { "RealDiv", "SquaredDifference", "Maximum", "Minimum", "Pow" })
            foreach (var dtype in new[] { DType.Float32, DType.Float64 }) data.Add(op, dtype);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Broadcasting_binary_op_agrees_with_cpu(string opType, DType dtype)
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        using var pin = Agreement.PinToGpu();
        var feeds = new FeedDict();
        var fetches = new List<Tensor>();
        for (int c = 0; c < ShapePairs.Length; c++)
        {
            var (xs, ys) = ShapePairs[c];
            var x = Agreement.Input(dtype, $"x{c}");
            var y = Agreement.Input(dtype, $"y{c}");
            // Pow stays finite and real on a positive base; everything else sees signs, and integer Mul small values.
            double lo = opType == "Pow" ? 0.1 : -50, hi = opType == "Pow" ? 4 : 50;
            feeds[x] = Agreement.Random(dtype, xs, lo, hi, seed: 2 * c);
            feeds[y] = Agreement.Random(dtype, ys, opType == "Pow" ? -3 : lo, opType == "Pow" ? 3 : hi, seed: 2 * c + 1);
            fetches.Add(OpBuilder.SameType(opType, null, new[] { "x", "y" }, x, y));
        }
        var results = Agreement.Run(g, fetches.ToArray(), feeds, opType);
        double budget = opType == "Pow" ? (dtype == DType.Float32 ? UnaryKernelTests.Transcendental(dtype) : 1e-14) : 0;
        for (int c = 0; c < results.Length; c++)
            Agreement.Close(results[c].Gpu, results[c].Cpu, budget, $"{opType} {TensorValue.ShapeString(ShapePairs[c].X)} op {TensorValue.ShapeString(ShapePairs[c].Y)}");
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Special_values_follow_the_cpu_kernels(DType dtype)
    {
        // Every ordered pair of the specials: NaN propagates through Maximum/Minimum, +0 is above −0, x/0 is ±inf.
        double[] specials = { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 1.0, -1.0, 2.5, -3.0, 0.5 };
        var xs = specials.SelectMany(a => specials.Select(_ => a)).ToArray();
        var ys = specials.SelectMany(_ => specials).ToArray();
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = Agreement.Input(dtype, "x");
        var y = Agreement.Input(dtype, "y");
        var feeds = new FeedDict
        {
            [x] = dtype == DType.Float32 ? TensorValue.Wrap(xs.Select(v => (float)v).ToArray(), xs.Length) : TensorValue.Wrap(xs, xs.Length),
            [y] = dtype == DType.Float32 ? TensorValue.Wrap(ys.Select(v => (float)v).ToArray(), ys.Length) : TensorValue.Wrap(ys, ys.Length),
        };
        string[] ops = { "AddV2", "Sub", "Mul", "RealDiv", "SquaredDifference", "Maximum", "Minimum", "Pow" };
        var fetches = ops.Select(op => OpBuilder.SameType(op, null, new[] { "x", "y" }, x, y)).ToArray();
        var results = Agreement.Run(g, fetches, feeds, ops);
        for (int i = 0; i < ops.Length; i++)
            Agreement.Close(results[i].Gpu, results[i].Cpu, ops[i] == "Pow" ? (dtype == DType.Float32 ? 2e-6 : 1e-14) : 0, ops[i]);

        // The documented semantics, independently of the CPU: NaN wins, and max(−0, +0) is +0.
        var max = results[Array.IndexOf(ops, "Maximum")].Gpu;
        var min = results[Array.IndexOf(ops, "Minimum")].Gpu;
        double At(TensorValue v, int i) => dtype == DType.Float32 ? v.Span<float>()[i] : v.Span<double>()[i];
        int nanAndOne = 0 * specials.Length + 5, negZeroAndZero = 4 * specials.Length + 3;
        Assert.True(double.IsNaN(At(max, nanAndOne)) && double.IsNaN(At(min, nanAndOne)));
        Assert.False(double.IsNegative(At(max, negZeroAndZero)));
        Assert.True(double.IsNegative(At(min, negZeroAndZero)));
    }

    [Fact]
    public void Incompatible_shapes_fail_with_the_cpu_kernels_error()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = Agreement.Input(DType.Float32, "x");
        var y = Agreement.Input(DType.Float32, "y");
        var sum = tf.add(x, y);
        using var sess = EmulatedGpu.Session(g);
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(sum, new FeedDict
        {
            [x] = TensorValue.Wrap(new float[6], 2, 3),
            [y] = TensorValue.Wrap(new float[4], 4),
        }));
        Assert.Contains("Incompatible shapes: [2,3] vs. [4]", e.Message);
        Assert.Same(EmulatedGpu.Device, sess.Plans.Single().Placement[sum.op]);
    }

    [Fact]
    public void Broadcast_needing_more_than_eight_dimensions_is_refused_by_name()
    {
        var e = Assert.Throws<InvalidArgumentError>(() =>
            BroadcastMap.Create(Enumerable.Repeat(2, 9).ToArray(), new[] { 2, 1, 2, 1, 2, 1, 2, 1, 2 }, new[] { 1, 2, 1, 2, 1, 2, 1, 2, 1 }, "odd"));
        Assert.Contains("needs 9 dimensions after merging; the GPU kernels support 8 (node 'odd')", e.Message);
    }

    [Fact]
    public void Broadcast_map_merges_dimensions_both_operands_walk_alike()
    {
        // [b,h,w,c] op [c]: the three leading dims merge into one broadcast dimension.
        var nhwc = BroadcastMap.Create(new[] { 2, 3, 4, 5 }, new[] { 2, 3, 4, 5 }, new[] { 5 }, "t");
        Assert.Equal(2, nhwc.Rank);
        Assert.Equal((5, 24), (nhwc.D0, nhwc.D1));
        Assert.Equal((1, 5, 1, 0), (nhwc.X0, nhwc.X1, nhwc.Y0, nhwc.Y1));
        // Output element (1,2,3,4) = 1·60 + 2·20 + 3·5 + 4 reads x there and y at channel 4.
        var at = nhwc.Locate(119);
        Assert.Equal((119, 4), (at.X, at.Y));

        // [n,1] op [1,m]: nothing merges; each operand moves along one dimension only.
        var outer = BroadcastMap.Create(new[] { 4, 9 }, new[] { 4, 1 }, new[] { 1, 9 }, "t");
        Assert.Equal(2, outer.Rank);
        var cell = outer.Locate(3 * 9 + 7);
        Assert.Equal((3, 7), (cell.X, cell.Y));
    }
}
