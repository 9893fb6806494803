using GraphTrainer.Runtime;
using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Gpu.Tests.Reductions;

/// <summary>
/// Sum, Mean, Max, Min and Prod on the emulated GPU against the CPU kernels, over contiguous, scattered, negative,
/// repeated and empty axis lists, with and without keep_dims, at awkward sizes.
/// Integers and Max/Min agree exactly. Float Sum/Mean/Prod may add in another order (a group's threads each take a
/// strided share, then a tree), so each output may differ from the CPU's by twice the worst-case rounding error of any
/// order of (R − 1) additions, 2(R − 1)·u·Σ|x| (u the unit roundoff; for Prod, 2(R − 1)·u·Π|x|), plus 2u·|result| for
/// Mean's division — a bound from the arithmetic, not from observed differences.
/// </summary>
[Trait("Category", "Gpu")]
[Collection("GpuKernels")]
public class ReductionAgreementTests
{
    public static TheoryData<string, int[], int[], bool> Cases()
    {
        var data = new TheoryData<string, int[], int[], bool>();
        var shapes = new (int[] Shape, int[] Axes, bool Keep)[]
        {
            (new[] { 7 }, new[] { 0 }, false),
            (new[] { 1025 }, new[] { -1 }, true),
            (new[] { 33, 5 }, new[] { 0 }, false),
            (new[] { 5, 33 }, new[] { -1 }, true),
            (new[] { 3, 4, 5 }, new[] { 0, 2 }, false),
            (new[] { 2, 3, 4, 5 }, new[] { 1, 2 }, true),
            (new[] { 4, 257 }, new[] { 1, 0 }, false),
            (new[] { 6, 1, 3 }, new[] { 0, -3, 1 }, false),
            (new[] { 0, 3 }, new[] { 0 }, false),
            (new[] { 4, 0 }, new[] { 0 }, true),
            (new[] { 2, 3 }, new int[0], false),
            // Long reductions split into chunks: a kept innermost axis (column pass, then the chunks' sums) and few rows.
            (new[] { 1025, 3 }, new[] { 0 }, false),
            (new[] { 130, 2, 3 }, new[] { 0, -2 }, true),
            (new[] { 2, 700 }, new[] { 1 }, false),
        };
        foreach (var op in new[] { "Sum", "Mean", "Max", "Min", "Prod" })
            foreach (var (shape, axes, keep) in shapes) data.Add(op, shape, axes, keep);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float32_agrees_with_cpu(string op, int[] shape, int[] axes, bool keep)
    {
        int n = shape.Aggregate(1, (p, d) => p * d);
        var values = op == "Prod" ? Agreement.Floats(n, n + 1, 0.5, 1.5) : Agreement.Floats(n, n + 1);
        Check(op, shape, axes, keep, np.array(values).reshape(shape), values.Select(v => (double)v).ToArray(), tf.float32, Agreement.U32);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float64_agrees_with_cpu(string op, int[] shape, int[] axes, bool keep)
    {
        int n = shape.Aggregate(1, (p, d) => p * d);
        var values = op == "Prod" ? Agreement.Doubles(n, n + 2, 0.5, 1.5) : Agreement.Doubles(n, n + 2);
        Check(op, shape, axes, keep, np.array(values).reshape(shape), values, tf.float64, Agreement.U64);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Int32_and_int64_agree_exactly(string op, int[] shape, int[] axes, bool keep)
    {
        int n = shape.Aggregate(1, (p, d) => p * d);
        var random = new System.Random(n);
        // Products wrap around on overflow on both devices; small factors keep some products meaningful.
        var ints = Enumerable.Range(0, n).Select(_ => op == "Prod" ? random.Next(-3, 4) : random.Next(-1000, 1000)).ToArray();
        var (gpu, cpu) = RunReduction(op, shape, axes, keep, np.array(ints.Select(v => (long)v * 3_000_000_000L).ToArray()).reshape(shape), tf.int64);
        Agreement.Exact(cpu, gpu);
        // An int32-only op stays on the host unless pinned (as in TensorFlow), so its GPU kernel is run directly.
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.int32, new TensorShape(shape));
        var y = MoreReductionOps.Reduce(op, x, OpBuilder.IntVector(g, axes, "axes"), keep);
        DirectKernels.AssertInt32Agree(y.op, TensorValue.Wrap(ints, shape), TensorValue.Wrap(axes, axes.Length));
    }

    // Unsplit (fewer than 64 elements per output), a kept innermost axis is summed one thread per output in the CPU's order.
    [Fact]
    public void Short_reduction_over_a_kept_innermost_axis_sums_in_the_cpu_order_bit_for_bit()
    {
        var values = Agreement.Floats(33 * 7, 5, -1e4, 1e4);
        var (gpu, cpu) = RunReduction("Sum", new[] { 33, 7 }, new[] { 0 }, false, np.array(values).reshape(33, 7), tf.float32);
        Agreement.Exact(cpu, gpu);
    }

    [Fact]
    public void Max_and_min_propagate_nan_as_the_cpu_does()
    {
        var values = new[] { 1f, float.NaN, 3f, -2f, 5f, 0f, float.NegativeInfinity, 7f, 2f };
        foreach (var op in new[] { "Max", "Min" })
            foreach (var axis in new[] { 0, 1 })
            {
                var (gpu, cpu) = RunReduction(op, new[] { 3, 3 }, new[] { axis }, false, np.array(values).reshape(3, 3), tf.float32);
                Agreement.Exact(cpu, gpu);
            }
    }

    [Fact]
    public void Axis_out_of_range_is_tensorflows_error()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, new TensorShape(2, 3));
        var axes = tf.placeholder(tf.int32, new TensorShape(1));
        var sum = MoreReductionOps.Reduce("Sum", x, axes, false);
        using var sess = EmulatedGpu.Session(g);
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(sum, new FeedDict { [x] = np.zeros(new Shape(2, 3), NPTypeCode.Single), [axes] = np.array(new[] { 2 }) }));
        Assert.Contains("Invalid reduction dimension 2 for input with 2 dimensions", e.Message);
        Agreement.AssertOnGpu(sess, sum.op);
    }

    private static void Check(string op, int[] shape, int[] axes, bool keep, NDArray value, double[] x, DType dtype, double u)
    {
        var (gpu, cpu) = RunReduction(op, shape, axes, keep, value, dtype);
        if (op is "Max" or "Min") { Agreement.Exact(cpu, gpu); return; }
        int rank = shape.Length;
        var norm = axes.Select(a => a < 0 ? a + rank : a).Distinct().ToArray();
        int count = norm.Aggregate(1, (p, k) => p * shape[k]);
        var tolerance = op == "Prod"
            ? Agreement.ReferenceReduce(x, shape, norm, Math.Abs, (a, b) => a * b, 1).Select(p => 2 * Math.Max(count - 1, 0) * u * p * 1.01).ToArray()
            : Agreement.ReferenceReduce(x, shape, norm, Math.Abs, (a, b) => a + b, 0).Select(s => 2 * Math.Max(count - 1, 0) * u * s * 1.01).ToArray();
        if (op == "Mean")
        {
            var mean = Agreement.ToDoubles(cpu);
            tolerance = tolerance.Select((t, i) => t / Math.Max(count, 1) + 2 * u * Math.Abs(mean[i])).ToArray();
        }
        Agreement.Close(cpu, gpu, tolerance);
    }

    private static (NDArray Gpu, NDArray Cpu) RunReduction(string op, int[] shape, int[] axes, bool keep, NDArray value, DType dtype)
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(dtype, new TensorShape(shape));
        var y = MoreReductionOps.Reduce(op, x, OpBuilder.IntVector(g, axes, "axes"), keep);
        var (gpu, cpu) = Agreement.Run(g, new ITensorOrOperation[] { y }, new FeedDict { [x] = value }, y.op);
        return (gpu[0], cpu[0]);
    }
}
