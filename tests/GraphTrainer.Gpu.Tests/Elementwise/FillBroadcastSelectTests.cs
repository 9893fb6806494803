using GraphTrainer.Runtime;
using static GraphTrainer.Binding;

namespace GraphTrainer.Gpu.Tests.Elementwise;

/// <summary>Fill, ZerosLike, OnesLike, BroadcastTo and Select on the GPU against the CPU kernels (data movement: exact).</summary>
[Trait("Category", "Gpu")]
[Collection(ElementwiseCollection.Name)]
public class FillBroadcastSelectTests
{
    private static readonly DType[] Numeric = { DType.Float32, DType.Float64, DType.Int32, DType.Int64 };
    private static readonly DType[] All = { DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt8, DType.Bool };

    public static TheoryData<DType> NumericTypes() => new(Numeric);
    public static TheoryData<DType> AllTypes() => new(All);

    [Theory]
    [MemberData(nameof(NumericTypes))]
    public void Fill_zeros_like_and_ones_like_agree_with_cpu(DType dtype)
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        using var pin = Agreement.PinToGpu();
        var feeds = new FeedDict();
        var fetches = new List<Tensor>();
        int k = 0;
        foreach (var shape in new[] { new int[0], new[] { 0 }, new[] { 7 }, new[] { 3, 11 }, new[] { 1025 } })
        {
            var dims = tf.placeholder(tf.int32, new TensorShape(shape.Length), $"dims{k}");
            var value = Agreement.Input(dtype, $"value{k}");
            var like = Agreement.Input(dtype, $"like{k}");
            feeds[dims] = TensorValue.Wrap(shape, shape.Length);
            feeds[value] = Agreement.Random(dtype, new int[0], -100, 100, seed: k);
            feeds[like] = Agreement.Random(dtype, shape, -100, 100, seed: k + 100);
            fetches.Add(FillOps.Fill(dims, value));
            fetches.Add(tf.zeros_like(like));
            fetches.Add(tf.ones_like(like));
            k++;
        }
        var results = Agreement.Run(g, fetches.ToArray(), feeds, "Fill", "ZerosLike", "OnesLike");
        for (int i = 0; i < results.Length; i++) Agreement.Exact(results[i].Gpu, results[i].Cpu, $"{fetches[i].op.Type} case {i / 3}");
        Assert.Equal(new[] { 3, 11 }, results[9].Gpu.Shape);
    }

    [Fact]
    public void Fill_reads_its_dims_and_value_on_the_host()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var dims = tf.placeholder(tf.int32, new TensorShape(2), "dims");
        var value = tf.placeholder(tf.float32, new TensorShape(), "value");
        var y = FillOps.Fill(dims, value);
        using var sess = EmulatedGpu.Session(g);
        var result = sess.run(y, new FeedDict { [dims] = new[] { 2, 3 }, [value] = 1.5f });
        Assert.Equal(Enumerable.Repeat(1.5f, 6), result.ToArray<float>());
        var plan = sess.Plans.Single();
        Assert.Same(EmulatedGpu.Device, plan.Placement[y.op]);
        Assert.Equal(1, plan.TransferCount); // only the result comes down: the fed dims and value are not uploaded
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Broadcast_to_agrees_with_cpu(DType dtype)
    {
        var cases = new (int[] X, int[] To)[]
        {
            (new[] { 3 }, new[] { 4, 3 }),
            (new[] { 4, 1 }, new[] { 4, 5 }),
            (new int[0], new[] { 2, 3 }),
            (new[] { 2, 1, 3 }, new[] { 2, 4, 3 }),
            (new[] { 1, 33 }, new[] { 33, 33 }),
            (new[] { 5 }, new[] { 5 }),
            (new[] { 0 }, new[] { 2, 0 }),
        };
        var g = tf.Graph();
        using var _ = g.as_default();
        using var pin = Agreement.PinToGpu();
        var feeds = new FeedDict();
        var fetches = new List<Tensor>();
        for (int c = 0; c < cases.Length; c++)
        {
            var x = Agreement.Input(dtype, $"x{c}");
            feeds[x] = Agreement.Random(dtype, cases[c].X, -100, 100, seed: c);
            fetches.Add(ArrayOps.BroadcastTo(x, tf.constant(cases[c].To)));
        }
        var results = Agreement.Run(g, fetches.ToArray(), feeds, "BroadcastTo");
        for (int c = 0; c < cases.Length; c++)
        {
            Assert.Equal(cases[c].To, results[c].Gpu.Shape);
            Agreement.Exact(results[c].Gpu, results[c].Cpu, $"BroadcastTo {TensorValue.ShapeString(cases[c].X)} -> {TensorValue.ShapeString(cases[c].To)}");
        }
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    [InlineData(DType.Int32)]
    [InlineData(DType.Int64)]
    [InlineData(DType.Bool)]
    public void Select_agrees_with_cpu_for_each_condition_form(DType dtype)
    {
        var cases = new (int[] Condition, int[] Shape)[]
        {
            (new[] { 33 }, new[] { 33 }),          // same shape
            (new[] { 4, 7 }, new[] { 4, 7 }),
            (new int[0], new[] { 3, 5 }),          // scalar
            (new[] { 4 }, new[] { 4, 3 }),         // vector over the first dimension
            (new[] { 6 }, new[] { 6, 2, 5 }),
            (new[] { 0 }, new[] { 0, 3 }),
        };
        var g = tf.Graph();
        using var _ = g.as_default();
        var feeds = new FeedDict();
        var fetches = new List<Tensor>();
        for (int c = 0; c < cases.Length; c++)
        {
            var cond = Agreement.Input(DType.Bool, $"c{c}");
            var t = Agreement.Input(dtype, $"t{c}");
            var e = Agreement.Input(dtype, $"e{c}");
            feeds[cond] = Agreement.Random(DType.Bool, cases[c].Condition, 0, 1, seed: c);
            feeds[t] = Agreement.Random(dtype, cases[c].Shape, 0, 50, seed: c + 10);
            feeds[e] = Agreement.Random(dtype, cases[c].Shape, -50, 0, seed: c + 20);
            fetches.Add(tf.where(cond, t, e));
        }
        var results = Agreement.Run(g, fetches.ToArray(), feeds, "Select");
        for (int c = 0; c < cases.Length; c++) Agreement.Exact(results[c].Gpu, results[c].Cpu, $"Select case {c}");
    }

    [Fact]
    public void Select_picks_rows_by_a_vector_condition()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var cond = Agreement.Input(DType.Bool, "c");
        var t = Agreement.Input(DType.Float32, "t");
        var e = Agreement.Input(DType.Float32, "e");
        var results = Agreement.Run(g, new[] { tf.where(cond, t, e) }, new FeedDict
        {
            [cond] = TensorValue.Wrap(new[] { true, false }, 2),
            [t] = TensorValue.Wrap(new[] { 1f, 2f, 3f, 4f }, 2, 2),
            [e] = TensorValue.Wrap(new[] { -1f, -2f, -3f, -4f }, 2, 2),
        }, "Select");
        Assert.Equal(new[] { 1f, 2f, -3f, -4f }, results[0].Gpu.Span<float>().ToArray());
    }

    [Fact]
    public void Select_with_a_condition_of_another_shape_fails_as_on_the_cpu()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var cond = Agreement.Input(DType.Bool, "c");
        var t = Agreement.Input(DType.Float32, "t");
        var e = Agreement.Input(DType.Float32, "e");
        var y = tf.where(cond, t, e);
        using var sess = EmulatedGpu.Session(g);
        var feeds = new FeedDict { [cond] = TensorValue.Wrap(new bool[3], 3), [t] = TensorValue.Wrap(new float[4], 2, 2), [e] = TensorValue.Wrap(new float[4], 2, 2) };
        var error = Assert.Throws<InvalidArgumentError>(() => sess.run(y, feeds));
        Assert.Contains("condition must be a vector of size 2 or have the shape of 'then' [2,2], got [3]", error.Message);
        feeds[e] = TensorValue.Wrap(new float[2], 2);
        feeds[cond] = TensorValue.Wrap(new bool[2], 2);
        error = Assert.Throws<InvalidArgumentError>(() => sess.run(y, feeds));
        Assert.Contains("'then' and 'else' must have the same size.  but received: [2,2] vs. [2]", error.Message);
        Assert.Same(EmulatedGpu.Device, sess.Plans.Single().Placement[y.op]);
    }
}
