using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Gpu.Tests.Reductions;

/// <summary>
/// Softmax, LogSoftmax and the two softmax cross-entropies on the emulated GPU against the CPU kernels.
/// Budget, in units of the unit roundoff u, for a row of C classes: k = 2C + 8 — the two devices sum the C positive
/// terms of Σ exp(x − max) in different orders ((C − 1)u each), and exp, log and the division may each be a couple of
/// ulp apart between XMath and the CPU's TensorPrimitives/Math. Probabilities are compared relatively (k·u·p), log
/// quantities absolutely, scaled by the magnitudes that enter them.
/// </summary>
[Trait("Category", "Gpu")]
[Collection("GpuKernels")]
public class SoftmaxAgreementTests
{
    public static TheoryData<int, int> Shapes() => new() { { 1, 7 }, { 33, 10 }, { 5, 1025 }, { 0, 4 }, { 3, 1 }, { 2, 17 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Softmax_and_log_softmax_agree(int rows, int classes)
    {
        foreach (var (dtype, u) in new[] { (tf.float32, Agreement.U32), (tf.float64, Agreement.U64) })
        {
            var g = tf.Graph();
            using var _ = g.as_default();
            var x = tf.placeholder(dtype, new TensorShape(rows, classes));
            var softmax = tf.nn.softmax(x);
            var logSoftmax = tf.nn.log_softmax(x);
            var (gpu, cpu) = Agreement.Run(g, new ITensorOrOperation[] { softmax, logSoftmax }, new FeedDict { [x] = Logits(rows, classes, dtype) }, softmax.op, logSoftmax.op);
            double k = 2 * classes + 8;
            Agreement.Close(cpu[0], gpu[0], Agreement.ToDoubles(cpu[0]).Select(p => k * u * p).ToArray());
            Agreement.Close(cpu[1], gpu[1], Agreement.ToDoubles(cpu[1]).Select(l => k * u * (1 + Math.Abs(l))).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Softmax_cross_entropy_loss_and_backprop_agree(int rows, int classes)
    {
        foreach (var (dtype, u) in new[] { (tf.float32, Agreement.U32), (tf.float64, Agreement.U64) })
        {
            var g = tf.Graph();
            using var _ = g.as_default();
            var x = tf.placeholder(dtype, new TensorShape(rows, classes));
            var labels = tf.placeholder(dtype, new TensorShape(rows, classes));
            var op = NnOps.SoftmaxCrossEntropyWithLogits(x, labels);
            // Soft labels (each row sums to 1), so every term of the loss matters.
            var p = Agreement.Doubles(rows * classes, 3, 0, 1);
            for (int r = 0; r < rows; r++)
            {
                double s = p.Skip(r * classes).Take(classes).Sum();
                for (int c = 0; c < classes; c++) p[r * classes + c] /= s;
            }
            var labelValue = dtype == tf.float32 ? np.array(p.Select(v => (float)v).ToArray()).reshape(rows, classes) : np.array(p).reshape(rows, classes);
            var (gpu, cpu) = Agreement.Run(g, new ITensorOrOperation[] { op.outputs[0], op.outputs[1] },
                new FeedDict { [x] = Logits(rows, classes, dtype), [labels] = labelValue }, op);
            double k = 2 * classes + 8;
            // |x − max| ≤ 6 for logits in [−3, 3]: the loss is at most a sum of terms of that size.
            Agreement.Close(cpu[0], gpu[0], Agreement.ToDoubles(cpu[0]).Select(l => k * u * (Math.Abs(l) + 8)).ToArray());
            Agreement.Close(cpu[1], gpu[1], Enumerable.Repeat(k * u, rows * classes).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Sparse_softmax_cross_entropy_agrees_for_int32_and_int64_labels(int rows, int classes)
    {
        var random = new System.Random(rows * 31 + classes);
        var labels = Enumerable.Range(0, rows).Select(_ => random.Next(classes)).ToArray();
        foreach (var (dtype, u) in new[] { (tf.float32, Agreement.U32), (tf.float64, Agreement.U64) })
            foreach (var labelValue in new[] { np.array(labels), np.array(labels.Select(v => (long)v).ToArray()) })
            {
                var g = tf.Graph();
                using var _ = g.as_default();
                var x = tf.placeholder(dtype, new TensorShape(rows, classes));
                var y = tf.placeholder(labelValue.dtype == typeof(int) ? tf.int32 : tf.int64, new TensorShape(rows));
                var op = LossOps.SparseSoftmaxCrossEntropyWithLogits(x, y);
                var (gpu, cpu) = Agreement.Run(g, new ITensorOrOperation[] { op.outputs[0], op.outputs[1] },
                    new FeedDict { [x] = Logits(rows, classes, dtype), [y] = labelValue }, op);
                double k = 2 * classes + 8;
                Agreement.Close(cpu[0], gpu[0], Agreement.ToDoubles(cpu[0]).Select(l => k * u * (Math.Abs(l) + 8)).ToArray());
                Agreement.Close(cpu[1], gpu[1], Enumerable.Repeat(k * u, rows * classes).ToArray());
            }
    }

    [Fact]
    public void Sparse_label_out_of_range_is_the_cpu_kernels_error()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, new TensorShape(3, 4));
        var y = tf.placeholder(tf.int64, new TensorShape(3));
        var op = LossOps.SparseSoftmaxCrossEntropyWithLogits(x, y);
        using var sess = EmulatedGpu.Session(g);
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(op.outputs[0], new FeedDict { [x] = Logits(3, 4, tf.float32), [y] = np.array(new[] { 1L, 4L, 0L }) }));
        Assert.Contains("Received a label value of 4 which is outside the valid range of [0, 4).  Label values: 1 4 0", e.Message);
        Agreement.AssertOnGpu(sess, op);
    }

    private static NDArray Logits(int rows, int classes, DType dtype) => dtype == tf.float32
        ? np.array(Agreement.Floats(rows * classes, rows + classes, -3, 3)).reshape(rows, classes)
        : np.array(Agreement.Doubles(rows * classes, rows + classes, -3, 3)).reshape(rows, classes);
}
