using GraphTrainer.Runtime;
using static GraphTrainer.Binding;

namespace GraphTrainer.Gpu.Tests.Elementwise;

/// <summary>
/// Unary math and activations on the GPU against the CPU kernels at awkward lengths (0, 1, 7, 33, 257, 1025) plus the
/// special values. Budgets: arithmetic, rounding and selects (Neg, Abs, Sign, Square, Sqrt, Rsqrt, Reciprocal, Floor,
/// Ceil, Round, Relu, LeakyRelu) are correctly rounded IEEE operations on both devices, so bit for bit. Functions built
/// on exp/log/tanh (Exp, Log, Log1p, Sigmoid, Tanh, Elu, Softplus) come from two libraries (DeviceMath on the device,
/// within 4 float64 ULP and, for float32, rounded once from float64; .NET's TensorPrimitives/Math on the CPU), each within
/// a few units in the last place of the true value, so they may differ by the sum: 16 float32 ULP (2e-6 relative; a
/// composite such as Softplus rounds several float32 steps) and 1e-14 relative (45 ULP) in float64. Floor, Ceil and
/// Round are DeviceMath's own (ILGPU's PTX versions differ from .NET; see DeviceMathTests) and agree bit for bit.
/// </summary>
[Trait("Category", "Gpu")]
[Collection(ElementwiseCollection.Name)]
public class UnaryKernelTests
{
    private static readonly int[] Lengths = { 0, 1, 7, 33, 257, 1025 };
    private static readonly double[] Specials = { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 1e-10, -1e-10 };

    /// <summary>The float32 and float64 budgets for the functions built on transcendentals.</summary>
    public static double Transcendental(DType dtype) => dtype == DType.Float32 ? 2e-6 : 1e-14;

    public static TheoryData<string, DType> Cases()
    {
        var data = new TheoryData<string, DType>();
        foreach (var op in new[] { "Neg", "Abs", "Sign" })
            foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int32, DType.Int64 }) data.Add(op, dtype);
        foreach (var op in new[] { "Square", "Sqrt", "Rsqrt", "Reciprocal", "Exp", "Log", "Log1p", "Floor", "Ceil", "Round", "Sigmoid", "Tanh", "Relu", "Elu", "LeakyRelu", "Softplus" })
            foreach (var dtype in new[] { DType.Float32, DType.Float64 }) data.Add(op, dtype);
        return data;
    }

    // Input ranges where the function is defined and interesting (specials are added on top).
    private static (double Lo, double Hi) Range(string op, DType dtype) => op switch
    {
        "Sqrt" or "Rsqrt" or "Log" => (0, 100),
        "Log1p" => (-1, 10),
        "Exp" => dtype == DType.Float32 ? (-80, 80) : (-700, 700),
        "Floor" or "Ceil" or "Round" or "Reciprocal" => (-10, 10),
        "Sigmoid" or "Tanh" => (-20, 20),
        "Relu" or "Elu" or "LeakyRelu" or "Softplus" => (-30, 30),
        _ => (-100, 100),
    };

    private static bool IsExact(string op) => op is not ("Exp" or "Log" or "Log1p" or "Sigmoid" or "Tanh" or "Elu" or "Softplus");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Unary_op_agrees_with_cpu(string opType, DType dtype)
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        using var pin = Agreement.PinToGpu();
        var feeds = new FeedDict();
        var fetches = new List<Tensor>();
        var (lo, hi) = Range(opType, dtype);
        // The CPU Sigmoid kernel rejects an empty input (TensorPrimitives.Sigmoid throws on empty spans): the GPU's
        // empty case is checked on its own in Empty_input_gives_empty_output.
        foreach (var n in opType == "Sigmoid" ? Lengths[1..] : Lengths)
        {
            var x = Agreement.Input(dtype, $"x{n}");
            feeds[x] = Agreement.Random(dtype, new[] { n }, lo, hi, seed: n);
            fetches.Add(Apply(opType, x));
        }
        if (dtype.IsFloating())
        {
            var s = Agreement.Input(dtype, "specials");
            feeds[s] = dtype == DType.Float32 ? TensorValue.Wrap(Specials.Select(v => (float)v).ToArray(), 1, Specials.Length) : TensorValue.Wrap(Specials, 1, Specials.Length);
            fetches.Add(Apply(opType, s));
        }
        var results = Agreement.Run(g, fetches.ToArray(), feeds, opType);
        double budget = IsExact(opType) ? 0 : Transcendental(dtype);
        for (int i = 0; i < results.Length; i++) Agreement.Close(results[i].Gpu, results[i].Cpu, budget, $"{opType} input {i}");
    }

    [Fact]
    public void Relu_keeps_nan_and_leaky_relu_uses_its_alpha()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = Agreement.Input(DType.Float32, "x");
        var results = Agreement.Run(g, new[] { tf.nn.relu(x), tf.nn.leaky_relu(x, alpha: 0.3) },
            new FeedDict { [x] = TensorValue.Wrap(new[] { float.NaN, -2f, -0f, 3f }, 4) }, "Relu", "LeakyRelu");
        var relu = results[0].Gpu.Span<float>().ToArray();
        Assert.True(float.IsNaN(relu[0]));                 // max(NaN, 0) is NaN, as TensorPrimitives.Max
        Assert.Equal(new[] { 0f, 0f, 3f }, relu[1..]);
        Assert.False(float.IsNegative(relu[2]));           // −0 becomes +0
        Assert.Equal(new[] { -0.6f, 3f }, new[] { results[1].Gpu.Span<float>()[1], results[1].Gpu.Span<float>()[3] });
        Assert.Equal(new[] { 2f, 2f, 0f, 0f }, Round(tf.round, new[] { 2.5f, 1.5f, 0.5f, -0.5f }));
    }

    [Fact]
    public void Empty_input_gives_empty_output()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = Agreement.Input(DType.Float32, "x");
        using var sess = EmulatedGpu.Session(g);
        var y = tf.sigmoid(x);
        var result = sess.run(y, new FeedDict { [x] = TensorValue.Wrap(new float[0], 0, 3) });
        Assert.Equal(new[] { 0, 3 }, result.shape.Select(d => (int)d).ToArray());
        Assert.Same(EmulatedGpu.Device, sess.Plans.Single().Placement[y.op]);
    }

    // Round on the GPU alone: half to even (TensorFlow's banker's rounding), not half away from zero.
    private static float[] Round(Func<Tensor, string, Tensor> round, float[] values)
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = Agreement.Input(DType.Float32, "x");
        return Agreement.Run(g, new[] { round(x, null) }, new FeedDict { [x] = TensorValue.Wrap(values, values.Length) }, "Round")[0].Gpu.Span<float>().ToArray();
    }

    private static Tensor Apply(string opType, Tensor x) => opType switch
    {
        "LeakyRelu" => tf.nn.leaky_relu(x, alpha: 0.15),
        _ => UnaryOps.Unary(opType, x),
    };
}
