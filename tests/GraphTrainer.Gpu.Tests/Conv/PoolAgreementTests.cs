using GraphTrainer.Gpu.Tests.Gemm;
using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Gpu.Tests.Conv;

/// <summary>
/// MaxPool, MaxPoolGrad, AvgPool and AvgPoolGrad on the emulated GPU against the CPU kernels. The inputs are small
/// integers, so windows hold ties: MaxPoolGrad must give each gradient to the FIRST maximum, as TensorFlow and the CPU.
/// Max pooling and its gradient select and add in the CPU's order, and average pooling adds in the CPU's order then
/// multiplies by the same reciprocal, so those agree exactly; AvgPoolGrad adds dy·(1/count) terms, which a GPU compiler
/// may fuse into one rounding each, so it is held to 2·terms·u·Σ|dy/count| with terms = the windows covering an input.
/// </summary>
[Trait("Category", "Gpu")]
[Collection(ConvCollection.Name)]
public class PoolAgreementTests
{
    public static IEnumerable<object[]> Cases => new[]
    {
        // n, h, w, c, kh, kw, sh, sw, padding, format
        new object[] { 2, 7, 5, 3, 2, 2, 2, 2, "SAME", "NHWC" },   // odd sizes: the last window is clipped
        new object[] { 1, 9, 8, 2, 3, 3, 2, 2, "VALID", "NHWC" },
        new object[] { 2, 6, 6, 33, 3, 3, 1, 1, "SAME", "NHWC" },  // overlapping windows: gradients add up
        new object[] { 1, 5, 4, 2, 4, 3, 1, 2, "SAME", "NHWC" },   // asymmetric padding
        new object[] { 1, 1, 1, 1, 1, 1, 1, 1, "VALID", "NHWC" },
        new object[] { 0, 4, 4, 2, 2, 2, 2, 2, "SAME", "NHWC" },
        new object[] { 2, 5, 7, 3, 3, 2, 2, 1, "SAME", "NCHW" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Float32_agrees_with_the_cpu(int n, int h, int w, int c, int kh, int kw, int sh, int sw, string padding, string format) =>
        Check(tf.float32, n, h, w, c, kh, kw, sh, sw, padding, format);

    [Theory]
    [InlineData(2, 6, 6, 3, 3, 3, 1, 1, "SAME", "NHWC")]
    [InlineData(2, 5, 7, 3, 3, 2, 2, 1, "VALID", "NCHW")]
    public void Float64_agrees_with_the_cpu(int n, int h, int w, int c, int kh, int kw, int sh, int sw, string padding, string format) =>
        Check(tf.float64, n, h, w, c, kh, kw, sh, sw, padding, format);

    private static void Check(DType dtype, int n, int h, int w, int c, int kh, int kw, int sh, int sw, string padding, string format)
    {
        var rng = new Random(n * 4099 + h * 257 + w * 31 + c * 7 + kh + sh * 3 + (format == "NCHW" ? 1 : 0));
        bool nchw = format == "NCHW";
        int[] Layout(int hh, int ww) => nchw ? new[] { n, c, hh, ww } : new[] { n, hh, ww, c };
        int oh = padding == "SAME" ? (h + sh - 1) / sh : (h - kh + sh) / sh, ow = padding == "SAME" ? (w + sw - 1) / sw : (w - kw + sw) / sw;
        int inputs = n * h * w * c;
        var xv = Agreement.Of(Enumerable.Range(0, inputs).Select(_ => (double)rng.Next(3)).ToArray(), dtype, Layout(h, w));
        var dyv = Agreement.Random(rng, dtype, Layout(oh, ow));

        var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(dtype);
        var dy = tf.placeholder(dtype);
        int[] ksize = nchw ? new[] { 1, 1, kh, kw } : new[] { 1, kh, kw, 1 }, strides = nchw ? new[] { 1, 1, sh, sw } : new[] { 1, sh, sw, 1 };
        var max = tf.nn.max_pool(x, ksize, strides, padding, format);
        var avg = tf.nn.avg_pool(x, ksize, strides, padding, format);
        var maxGrad = tf.gradients(max, new[] { x }, new[] { dy })[0];
        var avgGrad = tf.gradients(avg, new[] { x }, new[] { dy })[0];
        Assert.Equal("MaxPoolGrad", maxGrad.op.Type);
        Assert.Equal("AvgPoolGrad", avgGrad.op.Type);
        var fetches = new ITensorOrOperation[] { max, avg, maxGrad, avgGrad };

        using var gpu = EmulatedGpu.Session(g);
        var onGpu = gpu.run(fetches, new FeedDict { [x] = xv, [dy] = dyv });
        foreach (var t in new[] { max, avg, maxGrad, avgGrad }) Agreement.AssertOnGpu(gpu, t.op);
        using var cpu = EmulatedGpu.CpuSession(g);
        var onCpu = cpu.run(fetches, new FeedDict { [x] = xv, [dy] = dyv });
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(onCpu[i].shape, onGpu[i].shape);
            Assert.Equal(Agreement.Doubles(onCpu[i]), Agreement.Doubles(onGpu[i]));
        }
        var magnitude = cpu.run(avgGrad, new FeedDict { [x] = xv, [dy] = Agreement.Abs(dyv, dtype) });
        Agreement.AssertAgree(onCpu[3], onGpu[3], magnitude, ((kh + sh - 1) / sh) * ((kw + sw - 1) / sw), dtype);
    }

    [Fact]
    public void A_tied_window_sends_its_gradient_to_the_first_maximum_only()
    {
        // One 2×2 window of equal values: TensorFlow gives the whole gradient to the top-left input.
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(np.array(new[] { 5f, 5f, 5f, 5f }).reshape(1, 2, 2, 1));
        var y = tf.nn.max_pool(x, new[] { 1, 2, 2, 1 }, new[] { 1, 2, 2, 1 }, "VALID");
        var dx = tf.gradients(y, new[] { x }, new[] { tf.constant(np.array(new[] { 3f }).reshape(1, 1, 1, 1)) })[0];
        using var sess = EmulatedGpu.Session(g);
        Assert.Equal(new[] { 3f, 0f, 0f, 0f }, sess.run(dx).ToArray<float>());
        Agreement.AssertOnGpu(sess, dx.op);
    }

    [Fact]
    public void A_nan_in_a_window_is_its_maximum_as_on_the_cpu()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(np.array(new[] { 1f, float.NaN, 3f, 2f, 0f, 1f, 4f, 5f }).reshape(1, 2, 4, 1));
        var y = tf.nn.max_pool(x, new[] { 1, 2, 2, 1 }, new[] { 1, 2, 2, 1 }, "VALID");
        using var gpu = EmulatedGpu.Session(g);
        using var cpu = EmulatedGpu.CpuSession(g);
        var expected = cpu.run(y).ToArray<float>();
        Assert.True(float.IsNaN(expected[0]));
        Assert.Equal(expected, gpu.run(y).ToArray<float>());
        Agreement.AssertOnGpu(gpu, y.op);
    }

    [Fact]
    public void Average_counts_only_the_real_inputs_under_a_padded_window()
    {
        // 3×3 input, 2×2 windows, stride 2, SAME: windows cover 4, 2, 2 and 1 real inputs.
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(np.array(new[] { 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f }).reshape(1, 3, 3, 1));
        var y = tf.nn.avg_pool(x, new[] { 1, 2, 2, 1 }, new[] { 1, 2, 2, 1 }, "SAME");
        using var sess = EmulatedGpu.Session(g);
        Assert.Equal(new[] { 3f, 4.5f, 7.5f, 9f }, sess.run(y).ToArray<float>());
        Agreement.AssertOnGpu(sess, y.op);
    }
}
