using GraphTrainer.Gpu.Tests.Gemm;
using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Gpu.Tests.Conv;

/// <summary>
/// Conv2D, Conv2DBackpropInput and Conv2DBackpropFilter on the emulated GPU (im2col + tiled GEMM, col2im gather)
/// against the CPU kernels: strides, SAME (asymmetric) / VALID, dilations, NHWC and NCHW, 1×1 direct, empty batches and
/// outputs. Each result is a sum of products taken in another order than the CPU's, so it must agree within
/// 2·terms·u·Σ|products| (see <see cref="Agreement"/>): terms = KH·KW·C for the forward pass, KH·KW·OC for the input
/// gradient (plus the gather's KH·KW adds), N·OH·OW for the filter gradient.
/// </summary>
[Trait("Category", "Gpu")]
[Collection(ConvCollection.Name)]
public class ConvAgreementTests
{
    public static IEnumerable<object[]> Cases => new[]
    {
        // n, h, w, c, kh, kw, oc, sh, sw, dh, dw, padding, format
        new object[] { 2, 7, 5, 3, 3, 3, 4, 1, 1, 1, 1, "SAME", "NHWC" },
        new object[] { 3, 7, 7, 1, 2, 2, 5, 2, 2, 1, 1, "SAME", "NHWC" },   // one padded row/column, at the bottom/right
        new object[] { 2, 9, 6, 2, 3, 2, 3, 2, 3, 1, 1, "VALID", "NHWC" },
        new object[] { 1, 9, 9, 3, 3, 3, 2, 1, 1, 2, 2, "SAME", "NHWC" },   // dilated
        new object[] { 1, 9, 8, 2, 2, 3, 2, 2, 1, 2, 3, "VALID", "NHWC" },
        new object[] { 2, 4, 4, 5, 1, 1, 7, 1, 1, 1, 1, "VALID", "NHWC" },  // 1×1: the input is its own im2col
        new object[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, "SAME", "NHWC" },
        new object[] { 1, 17, 9, 3, 5, 3, 33, 1, 2, 1, 1, "SAME", "NHWC" },  // 33 channels: partial GEMM tiles
        new object[] { 0, 5, 5, 2, 3, 3, 2, 1, 1, 1, 1, "SAME", "NHWC" },   // empty batch
        new object[] { 2, 3, 5, 2, 4, 2, 3, 1, 1, 1, 1, "VALID", "NHWC" },  // no output rows: zero gradients
        new object[] { 2, 6, 5, 3, 3, 3, 4, 2, 1, 1, 1, "SAME", "NCHW" },
        new object[] { 1, 7, 6, 2, 1, 1, 3, 1, 1, 1, 1, "VALID", "NCHW" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Float32_agrees_with_the_cpu(int n, int h, int w, int c, int kh, int kw, int oc, int sh, int sw, int dh, int dw, string padding, string format) =>
        Check(tf.float32, n, h, w, c, kh, kw, oc, sh, sw, dh, dw, padding, format);

    [Theory]
    [InlineData(2, 7, 5, 3, 3, 3, 4, 1, 1, 1, 1, "SAME", "NHWC")]
    [InlineData(1, 9, 8, 2, 2, 3, 2, 2, 1, 2, 3, "VALID", "NCHW")]
    public void Float64_agrees_with_the_cpu(int n, int h, int w, int c, int kh, int kw, int oc, int sh, int sw, int dh, int dw, string padding, string format) =>
        Check(tf.float64, n, h, w, c, kh, kw, oc, sh, sw, dh, dw, padding, format);

    [Fact]
    public void One_image_per_chunk_gives_the_same_results()
    {
        long saved = Conv2DKernels.ChunkElements;
        Conv2DKernels.ChunkElements = 1; // every image its own im2col chunk: the filter gradient accumulates across chunks
        try { Check(tf.float32, 3, 6, 5, 2, 3, 3, 4, 1, 2, 1, 1, "SAME", "NHWC"); }
        finally { Conv2DKernels.ChunkElements = saved; }
    }

    internal static void Check(DType dtype, int n, int h, int w, int c, int kh, int kw, int oc, int sh, int sw, int dh, int dw, string padding, string format)
    {
        var rng = new Random(n * 7919 + h * 131 + w * 17 + kh * 5 + oc + (format == "NCHW" ? 1 : 0));
        bool nchw = format == "NCHW";
        int[] Layout(int b, int hh, int ww, int cc) => nchw ? new[] { b, cc, hh, ww } : new[] { b, hh, ww, cc };
        int oh = OutSize(h, kh, sh, dh, padding), ow = OutSize(w, kw, sw, dw, padding);
        var xv = Agreement.Random(rng, dtype, Layout(n, h, w, c));
        var fv = Agreement.Random(rng, dtype, kh, kw, c, oc);
        var dyv = Agreement.Random(rng, dtype, Layout(n, oh, ow, oc));

        var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(dtype);
        var f = tf.placeholder(dtype);
        var dy = tf.placeholder(dtype);
        int[] strides = nchw ? new[] { 1, 1, sh, sw } : new[] { 1, sh, sw, 1 }, dilations = nchw ? new[] { 1, 1, dh, dw } : new[] { 1, dh, dw, 1 };
        var y = tf.nn.conv2d(x, f, strides, padding, data_format: format, dilations: dilations);
        var dx = tf.nn.conv2d_backprop_input(Layout(n, h, w, c), f, dy, strides, padding, data_format: format, dilations: dilations);
        var df = tf.nn.conv2d_backprop_filter(x, new[] { kh, kw, c, oc }, dy, strides, padding, data_format: format, dilations: dilations);
        var fetches = new ITensorOrOperation[] { y, dx, df };
        FeedDict Feed(NDArray a, NDArray b, NDArray d) => new() { [x] = a, [f] = b, [dy] = d };

        using var gpu = EmulatedGpu.Session(g);
        var onGpu = gpu.run(fetches, Feed(xv, fv, dyv));
        foreach (var t in new[] { y, dx, df }) Agreement.AssertOnGpu(gpu, t.op);
        using var cpu = EmulatedGpu.CpuSession(g);
        var onCpu = cpu.run(fetches, Feed(xv, fv, dyv));
        var magnitude = cpu.run(fetches, Feed(Agreement.Abs(xv, dtype), Agreement.Abs(fv, dtype), Agreement.Abs(dyv, dtype)));
        Agreement.AssertAgree(onCpu[0], onGpu[0], magnitude[0], kh * kw * c, dtype);
        Agreement.AssertAgree(onCpu[1], onGpu[1], magnitude[1], kh * kw * (oc + 1), dtype);
        Agreement.AssertAgree(onCpu[2], onGpu[2], magnitude[2], n * oh * ow, dtype);
        if (n * oh * ow == 0) Assert.All(Agreement.Doubles(onGpu[2]), v => Assert.Equal(0.0, v));
    }

    private static int OutSize(int input, int k, int s, int d, string padding) =>
        padding == "SAME" ? (input + s - 1) / s : Math.Max(0, (input - ((k - 1) * d + 1) + s) / s);

    [Fact]
    public void Mismatched_depths_fail_with_the_cpu_kernels_message()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32);
        var f = tf.placeholder(tf.float32);
        var y = tf.nn.conv2d(x, f, new[] { 1, 1, 1, 1 }, "SAME");
        using var sess = EmulatedGpu.Session(g);
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(y, new FeedDict { [x] = np.zeros<float>(new[] { 1, 3, 3, 2 }), [f] = np.zeros<float>(new[] { 2, 2, 3, 1 }) }));
        Assert.Contains("input and filter must have the same depth: 2 vs 3", e.Message);
    }
}

/// <summary>Conv tests change <see cref="Conv2DKernels.ChunkElements"/> for a while, so they do not run beside each other.</summary>
[CollectionDefinition(Name)]
public class ConvCollection
{
    public const string Name = "GPU convolution";
}
