using GraphTrainer.Runtime;
using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Gpu.Tests.Reductions;

/// <summary>
/// ArgMax and ArgMin on the emulated GPU against the CPU kernels: indices agree exactly, including ties (first index),
/// ±0, NaN (a NaN first element gives 0, a later one is skipped), both output types and integer inputs.
/// </summary>
[Trait("Category", "Gpu")]
[Collection("GpuKernels")]
public class ArgReductionAgreementTests
{
    public static TheoryData<string, int[], int> Cases()
    {
        var data = new TheoryData<string, int[], int>();
        foreach (var op in new[] { "ArgMax", "ArgMin" })
            foreach (var (shape, axis) in new[] { (new[] { 7 }, 0), (new[] { 1025 }, -1), (new[] { 33, 5 }, 0), (new[] { 5, 33 }, 1), (new[] { 3, 4, 5 }, 1), (new[] { 4, 1 }, 1), (new[] { 0, 3 }, 1) })
                data.Add(op, shape, axis);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Random_values_agree_for_every_dtype_and_output_type(string op, int[] shape, int axis)
    {
        int n = shape.Aggregate(1, (p, d) => p * d);
        // Few distinct values, so rows hold ties.
        var random = new System.Random(n + 7);
        var ints = Enumerable.Range(0, n).Select(_ => random.Next(-4, 5)).ToArray();
        var inputs = new (NDArray, DType)[]
        {
            (np.array(ints.Select(v => v * 0.5f).ToArray()).reshape(shape), tf.float32),
            (np.array(ints.Select(v => v * 0.25).ToArray()).reshape(shape), tf.float64),
            (np.array(ints).reshape(shape), tf.int32),
            (np.array(ints.Select(v => v * 5_000_000_000L).ToArray()).reshape(shape), tf.int64),
        };
        foreach (var (value, dtype) in inputs)
            foreach (var outputType in new[] { tf.int64, tf.int32 })
            {
                // An int32-only op stays on the host unless pinned (as in TensorFlow): its GPU kernel is run directly.
                if (dtype == tf.int32 && outputType == tf.int32) continue;
                var (gpu, cpu) = RunArg(op, value, dtype, axis, outputType);
                Agreement.Exact(cpu, gpu);
            }
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.int32, new TensorShape(shape));
        var y = op == "ArgMax" ? tf.argmax(x, axis, output_type: tf.int32) : tf.argmin(x, axis, output_type: tf.int32);
        DirectKernels.AssertInt32Agree(y.op, TensorValue.Wrap(ints, shape), TensorValue.Scalar(axis));
    }

    [Theory]
    [InlineData("ArgMax")]
    [InlineData("ArgMin")]
    public void Nan_and_signed_zero_rows_agree(string op)
    {
        var rows = new[]
        {
            new[] { float.NaN, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f, 13f, 14f, 15f, 16f, 17f },
            new[] { 1f, float.NaN, 9f, 3f, 9f, 5f, float.NaN, 7f, -8f, 9f, 10f, 11f, -12f, 13f, 14f, -15f, 16f, 17f },
            new[] { -0f, 0f, -0f, 0f, -0f, 0f, -0f, 0f, -0f, 0f, -0f, 0f, -0f, 0f, -0f, 0f, -0f, 0f },
            new[] { 3f, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN },
        };
        var value = np.array(rows.SelectMany(r => r).ToArray()).reshape(4, 18);
        foreach (var axis in new[] { 1, 0 })
        {
            var (gpu, cpu) = RunArg(op, value, tf.float32, axis, tf.int64);
            Agreement.Exact(cpu, gpu);
        }
    }

    private static (NDArray Gpu, NDArray Cpu) RunArg(string op, NDArray value, DType dtype, int axis, DType outputType)
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(dtype, new TensorShape(value.shape.Select(d => (int)d).ToArray()));
        var y = op == "ArgMax" ? tf.argmax(x, axis, output_type: outputType) : tf.argmin(x, axis, output_type: outputType);
        Assert.Equal(outputType, y.dtype);
        var (gpu, cpu) = Agreement.Run(g, new ITensorOrOperation[] { y }, new FeedDict { [x] = value }, y.op);
        return (gpu[0], cpu[0]);
    }
}
