using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Gpu.Tests.Gemm;

/// <summary>
/// Helpers for GPU-vs-CPU agreement of sums of products. Both sides add the same K products in different orders (the
/// CPU GEMM blocks and vectorises K; the GPU tiles it), so they may differ by rounding only. The standard bound for a
/// K-term dot product computed in any order is |error| ≤ γ_K·Σ|a·b| with γ_K = K·u/(1−K·u) ≈ K·u (u the unit
/// roundoff); two such results differ by at most twice that. <see cref="AssertAgree"/> checks exactly that budget, with
/// Σ|a·b| computed by running the same op on |inputs| on the CPU.
/// </summary>
internal static class Agreement
{
    /// <summary>Unit roundoff: 2⁻²⁴ for float32, 2⁻⁵³ for float64.</summary>
    public static double UnitRoundoff(DType dtype) => dtype == tf.float32 ? Math.Pow(2, -24) : Math.Pow(2, -53);

    /// <summary>Uniform values in [−1, 1) of <paramref name="dtype"/> with the given shape (a fixed seed per test).</summary>
    public static NDArray Random(Random rng, DType dtype, params int[] shape)
    {
        int n = shape.Aggregate(1, (p, d) => p * d);
        var values = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        return Of(values, dtype, shape);
    }

    /// <summary>An array of <paramref name="dtype"/> holding <paramref name="values"/> in <paramref name="shape"/>.</summary>
    public static NDArray Of(double[] values, DType dtype, int[] shape) =>
        (dtype == tf.float32 ? np.array(values.Select(v => (float)v).ToArray()) : np.array(values)).reshape(shape);

    /// <summary>|a| element-wise, same dtype and shape.</summary>
    public static NDArray Abs(NDArray a, DType dtype) =>
        Of(Doubles(a).Select(Math.Abs).ToArray(), dtype, a.shape.Select(d => (int)d).ToArray());

    /// <summary>The elements as doubles.</summary>
    public static double[] Doubles(NDArray a) =>
        a.typecode == NPTypeCode.Single ? a.ToArray<float>().Select(v => (double)v).ToArray() : a.ToArray<double>();

    /// <summary>
    /// Asserts |gpu − cpu| ≤ 2·terms·u·magnitude + (tiny) element by element, where magnitude[i] = Σ|a·b| for that
    /// element; identical shapes are required first.
    /// </summary>
    public static void AssertAgree(NDArray cpu, NDArray gpu, NDArray magnitude, int terms, DType dtype)
    {
        Assert.Equal(cpu.shape, gpu.shape);
        double[] c = Doubles(cpu), g = Doubles(gpu), mag = Doubles(magnitude);
        double u = UnitRoundoff(dtype);
        for (int i = 0; i < c.Length; i++)
        {
            double budget = 2 * Math.Max(terms, 1) * u * mag[i] + double.Epsilon;
            Assert.True(Math.Abs(c[i] - g[i]) <= budget, $"element {i}: cpu {c[i]:R} gpu {g[i]:R}, |diff| {Math.Abs(c[i] - g[i]):E3} > budget {budget:E3}");
        }
    }

    /// <summary>Asserts that <paramref name="op"/> ran on the emulated GPU in <paramref name="sess"/>'s only plan.</summary>
    public static void AssertOnGpu(Session sess, Operation op) => Assert.Same(EmulatedGpu.Device, sess.Plans.Single().Placement[op]);
}
