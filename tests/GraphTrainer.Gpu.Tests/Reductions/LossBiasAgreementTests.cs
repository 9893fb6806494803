using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Gpu.Tests.Reductions;

/// <summary>
/// L2Loss, BiasAdd and BiasAddGrad on the emulated GPU against the CPU kernels. BiasAdd is one addition per element and
/// NHWC BiasAddGrad sums each channel in the CPU's order, so both agree bit for bit; L2Loss and NCHW BiasAddGrad sum in
/// another order and may differ by twice the worst-case error of n − 1 additions, 2(n − 1)·u·Σ|terms|.
/// </summary>
[Trait("Category", "Gpu")]
[Collection("GpuKernels")]
public class LossBiasAgreementTests
{
    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 1 })]
    [InlineData(new[] { 7 })]
    [InlineData(new[] { 33, 31 })]
    [InlineData(new[] { 1025 })]
    public void L2_loss_agrees(int[] shape)
    {
        int n = shape.Aggregate(1, (p, d) => p * d);
        foreach (var (dtype, u) in new[] { (tf.float32, Agreement.U32), (tf.float64, Agreement.U64) })
        {
            var g = tf.Graph();
            using var _ = g.as_default();
            var x = tf.placeholder(dtype, new TensorShape(shape));
            var loss = tf.nn.l2_loss(x);
            var values = Agreement.Doubles(n, n + 11, -2, 2);
            var fed = dtype == tf.float32 ? np.array(values.Select(v => (float)v).ToArray()).reshape(shape) : np.array(values).reshape(shape);
            var (gpu, cpu) = Agreement.Run(g, new ITensorOrOperation[] { loss }, new FeedDict { [x] = fed }, loss.op);
            double squares = values.Sum(v => v * v);
            Agreement.Close(cpu[0], gpu[0], new[] { (2 * Math.Max(n - 1, 0) + 4) * u * squares });
        }
    }

    [Theory]
    [InlineData("NHWC", new[] { 2, 3, 4, 5 })]
    [InlineData("NCHW", new[] { 2, 5, 3, 4 })]
    [InlineData("NHWC", new[] { 33, 7 })]
    [InlineData("NCHW", new[] { 33, 7 })]
    [InlineData("NCHW", new[] { 3, 17, 19 })]
    [InlineData("NHWC", new[] { 0, 3 })]
    public void Bias_add_and_its_gradient_agree(string format, int[] shape)
    {
        int n = shape.Aggregate(1, (p, d) => p * d);
        int channels = format == "NCHW" && shape.Length >= 3 ? shape[1] : shape[^1];
        foreach (var (dtype, u) in new[] { (tf.float32, Agreement.U32), (tf.float64, Agreement.U64) })
        {
            var g = tf.Graph();
            using var _ = g.as_default();
            var x = tf.placeholder(dtype, new TensorShape(shape));
            var b = tf.placeholder(dtype, new TensorShape(channels));
            var y = tf.nn.bias_add(x, b, data_format: format);
            var grad = OpBuilder.Op1("BiasAddGrad", new[] { x }, dtype, "BiasAddGrad", ("T", dtype), ("data_format", format));
            var values = Agreement.Doubles(n, n, -1, 1);
            var bias = Agreement.Doubles(channels, 99, -1, 1);
            NDArray Fed(double[] v, int[] s) => dtype == tf.float32 ? np.array(v.Select(e => (float)e).ToArray()).reshape(s) : np.array(v).reshape(s);
            var (gpu, cpu) = Agreement.Run(g, new ITensorOrOperation[] { y, grad }, new FeedDict { [x] = Fed(values, shape), [b] = Fed(bias, new[] { channels }) }, y.op, grad.op);
            Agreement.Exact(cpu[0], gpu[0]);
            if (format == "NHWC" || shape.Length < 3) { Agreement.Exact(cpu[1], gpu[1]); continue; }
            int perChannel = n / channels;
            var sumAbs = Agreement.ReferenceReduce(values, shape, Enumerable.Range(0, shape.Length).Where(k => k != 1).ToArray(), Math.Abs, (a, c) => a + c, 0);
            Agreement.Close(cpu[1], gpu[1], sumAbs.Select(s => 2 * (perChannel - 1) * u * s).ToArray());
        }
    }
}
