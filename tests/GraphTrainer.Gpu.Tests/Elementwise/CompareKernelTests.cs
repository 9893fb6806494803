using GraphTrainer.Runtime;
using static GraphTrainer.Binding;

namespace GraphTrainer.Gpu.Tests.Elementwise;

/// <summary>Comparisons, logical ops and AddN on the GPU against the CPU kernels: bool and integer results, so exact.</summary>
[Trait("Category", "Gpu")]
[Collection(ElementwiseCollection.Name)]
public class CompareKernelTests
{
    public static TheoryData<string, DType> Cases()
    {
        var data = new TheoryData<string, DType>();
        foreach (var op in new[] { "Equal", "NotEqual", "Less", "LessEqual", "Greater", "GreaterEqual" })
            foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int32, DType.Int64 }) data.Add(op, dtype);
        data.Add("Equal", DType.Bool);
        data.Add("NotEqual", DType.Bool);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Comparison_agrees_with_cpu(string opType, DType dtype)
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var feeds = new FeedDict();
        var fetches = new List<Tensor>();
        for (int c = 0; c < BinaryKernelTests.ShapePairs.Length; c++)
        {
            var (xs, ys) = BinaryKernelTests.ShapePairs[c];
            var x = Agreement.Input(dtype, $"x{c}");
            var y = Agreement.Input(dtype, $"y{c}");
            // A narrow integer range makes ties (where Equal and LessEqual differ from Less) common.
            feeds[x] = Agreement.Random(dtype, xs, -3, 3, seed: 2 * c);
            feeds[y] = Agreement.Random(dtype, ys, -3, 3, seed: 2 * c + 1);
            fetches.Add(Compare(opType, x, y));
        }
        var results = Agreement.Run(g, fetches.ToArray(), feeds, opType);
        for (int c = 0; c < results.Length; c++)
        {
            Assert.Equal(DType.Bool, results[c].Gpu.DType);
            Agreement.Exact(results[c].Gpu, results[c].Cpu, $"{opType} case {c}");
        }
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Nan_compares_false_and_negative_zero_equals_zero(DType dtype)
    {
        double[] specials = { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 1.0 };
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
        string[] ops = { "Equal", "NotEqual", "Less", "LessEqual", "Greater", "GreaterEqual" };
        var results = Agreement.Run(g, ops.Select(op => Compare(op, x, y)).ToArray(), feeds, ops);
        for (int i = 0; i < ops.Length; i++) Agreement.Exact(results[i].Gpu, results[i].Cpu, ops[i]);

        var equal = results[0].Gpu.Span<bool>();
        var notEqual = results[1].Gpu.Span<bool>();
        Assert.False(equal[0]);                       // NaN == NaN
        Assert.True(notEqual[0]);                     // NaN != NaN
        Assert.True(equal[3 * specials.Length + 4]);  // 0 == −0
        Assert.True(equal[1 * specials.Length + 1]);  // inf == inf
    }

    [Fact]
    public void Logical_ops_agree_with_cpu_under_broadcasting()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var feeds = new FeedDict();
        var fetches = new List<Tensor>();
        for (int c = 0; c < BinaryKernelTests.ShapePairs.Length; c++)
        {
            var (xs, ys) = BinaryKernelTests.ShapePairs[c];
            var x = Agreement.Input(DType.Bool, $"x{c}");
            var y = Agreement.Input(DType.Bool, $"y{c}");
            feeds[x] = Agreement.Random(DType.Bool, xs, 0, 1, seed: 2 * c);
            feeds[y] = Agreement.Random(DType.Bool, ys, 0, 1, seed: 2 * c + 1);
            fetches.Add(tf.logical_and(x, y));
            fetches.Add(tf.logical_or(x, y));
            fetches.Add(tf.logical_not(x));
        }
        var results = Agreement.Run(g, fetches.ToArray(), feeds, "LogicalAnd", "LogicalOr", "LogicalNot");
        for (int i = 0; i < results.Length; i++) Agreement.Exact(results[i].Gpu, results[i].Cpu, fetches[i].op.Type);

        var a = Agreement.Input(DType.Bool, "a");
        var b = Agreement.Input(DType.Bool, "b");
        var table = Agreement.Run(g, new[] { tf.logical_and(a, b), tf.logical_or(a, b), tf.logical_not(a) },
            new FeedDict { [a] = TensorValue.Wrap(new[] { false, false, true, true }, 4), [b] = TensorValue.Wrap(new[] { false, true, false, true }, 4) },
            "LogicalAnd", "LogicalOr", "LogicalNot");
        Assert.Equal(new[] { false, false, false, true }, table[0].Gpu.Span<bool>().ToArray());
        Assert.Equal(new[] { false, true, true, true }, table[1].Gpu.Span<bool>().ToArray());
        Assert.Equal(new[] { true, true, false, false }, table[2].Gpu.Span<bool>().ToArray());
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    [InlineData(DType.Int32)]
    [InlineData(DType.Int64)]
    public void AddN_sums_any_count_in_input_order(DType dtype)
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        using var pin = Agreement.PinToGpu();
        var feeds = new FeedDict();
        var fetches = new List<Tensor>();
        int seed = 0;
        foreach (var (count, shape) in new[] { (1, new[] { 7 }), (2, new[] { 33 }), (3, new[] { 4, 5 }), (5, new[] { 257 }), (4, new[] { 0, 2 }) })
        {
            var inputs = new Tensor[count];
            for (int i = 0; i < count; i++)
            {
                inputs[i] = Agreement.Input(dtype, $"in{seed}");
                feeds[inputs[i]] = Agreement.Random(dtype, shape, -1000, 1000, seed++);
            }
            // tf.add_n returns a lone input itself; build a one-input AddN as an imported graph may hold one.
            fetches.Add(OpBuilder.Op1("AddN", inputs, dtype, "AddN", ("T", dtype), ("N", count)));
        }
        var results = Agreement.Run(g, fetches.ToArray(), feeds, "AddN");
        for (int i = 0; i < results.Length; i++) Agreement.Exact(results[i].Gpu, results[i].Cpu, $"AddN of {fetches[i].op.Inputs.Length}");
    }

    [Fact]
    public void AddN_of_different_shapes_fails_with_tensorflows_error()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var a = Agreement.Input(DType.Float32, "a");
        var b = Agreement.Input(DType.Float32, "b");
        var sum = tf.add_n(new[] { a, b });
        using var sess = EmulatedGpu.Session(g);
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(sum, new FeedDict { [a] = TensorValue.Wrap(new float[3], 3), [b] = TensorValue.Wrap(new float[4], 4) }));
        Assert.Contains("must have the same size and shape.  Input 0: [3] != input 1: [4]", e.Message);
        Assert.Same(EmulatedGpu.Device, sess.Plans.Single().Placement[sum.op]);
    }

    private static Tensor Compare(string opType, Tensor x, Tensor y) =>
        opType == "Equal" ? tf.equal(x, y) : ComparisonOps.Compare(opType, x, y);
}
