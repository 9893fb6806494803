using GraphTrainer.Runtime;
using static GraphTrainer.Binding;

namespace GraphTrainer.Gpu.Tests.Elementwise;

/// <summary>
/// The activation-gradient ops on the GPU against the CPU kernels. Budgets: ReluGrad, LeakyReluGrad, EluGrad and
/// SigmoidGrad are selects and products evaluated in the CPU kernel's order, so bit for bit; TanhGrad's 1 − y² may be
/// fused into one FMA by a GPU compiler (one rounding fewer), so it gets 1e-6 (float32) / 1e-15 (float64); SoftplusGrad
/// divides by 1 + e^−x from another exp library (see <see cref="UnaryKernelTests.Transcendental"/>).
/// </summary>
[Trait("Category", "Gpu")]
[Collection(ElementwiseCollection.Name)]
public class ActivationGradKernelTests
{
    public static TheoryData<string, DType> Cases()
    {
        var data = new TheoryData<string, DType>();
        foreach (var op in new[] { "ReluGrad", "SigmoidGrad", "TanhGrad", "EluGrad", "LeakyReluGrad", "SoftplusGrad" })
            foreach (var dtype in new[] { DType.Float32, DType.Float64 }) data.Add(op, dtype);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_op_agrees_with_cpu(string opType, DType dtype)
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var feeds = new FeedDict();
        var fetches = new List<Tensor>();
        foreach (var n in new[] { 0, 1, 7, 33, 1025 })
        {
            var a = Agreement.Input(dtype, $"a{n}");
            var b = Agreement.Input(dtype, $"b{n}");
            // The second operand is the activation's input or output: both signs, and zero exactly at a few places.
            feeds[a] = Agreement.Random(dtype, new[] { n }, -3, 3, seed: n);
            feeds[b] = WithZeros(Agreement.Random(dtype, new[] { n }, -2, 2, seed: n + 1));
            fetches.Add(Grad(opType, a, b, dtype));
        }
        var results = Agreement.Run(g, fetches.ToArray(), feeds, opType);
        double budget = opType switch
        {
            "TanhGrad" => dtype == DType.Float32 ? 1e-6 : 1e-15,
            "SoftplusGrad" => UnaryKernelTests.Transcendental(dtype),
            _ => 0,
        };
        for (int i = 0; i < results.Length; i++) Agreement.Close(results[i].Gpu, results[i].Cpu, budget, $"{opType} input {i}");
    }

    [Fact]
    public void Relu_gradient_from_tf_gradients_runs_on_the_gpu()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, new TensorShape(4), "x");
        var dx = tf.gradients(tf.reduce_sum(tf.nn.relu(x)), x)[0];
        var results = Agreement.Run(g, new[] { dx }, new FeedDict { [x] = TensorValue.Wrap(new[] { -1f, 0f, 2f, float.NaN }, 4) }, "ReluGrad");
        // Strictly positive features pass the gradient: 0 and NaN give 0.
        Assert.Equal(new[] { 0f, 0f, 1f, 0f }, results[0].Gpu.Span<float>().ToArray());
        Agreement.Exact(results[0].Gpu, results[0].Cpu, "ReluGrad");
    }

    [Fact]
    public void Leaky_relu_gradient_of_another_shape_fails_as_on_the_cpu()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var a = Agreement.Input(DType.Float32, "a");
        var b = Agreement.Input(DType.Float32, "b");
        var grad = Grad("LeakyReluGrad", a, b, DType.Float32);
        using var sess = EmulatedGpu.Session(g);
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(grad, new FeedDict { [a] = TensorValue.Wrap(new float[3], 3), [b] = TensorValue.Wrap(new float[2], 2) }));
        Assert.Contains("gradients and features must have the same shape", e.Message);
        Assert.Same(EmulatedGpu.Device, sess.Plans.Single().Placement[grad.op]);
    }

    private static Tensor Grad(string opType, Tensor a, Tensor b, DType dtype) => opType == "LeakyReluGrad"
        ? OpBuilder.Op1(opType, new[] { a, b }, dtype, opType, ("T", dtype), ("alpha", 0.25f))
        : OpBuilder.Op1(opType, new[] { a, b }, dtype, opType, ("T", dtype));

    private static TensorValue WithZeros(TensorValue v)
    {
        for (int i = 0; i < v.Length; i += 5)
            if (v.DType == DType.Float32) v.Span<float>()[i] = 0f; else v.Span<double>()[i] = 0.0;
        return v;
    }
}
