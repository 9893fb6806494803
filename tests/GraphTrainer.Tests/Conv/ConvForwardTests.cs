using NumSharp;

namespace GraphTrainer.Tests.Conv;

/// <summary>Conv2D, pooling and BiasAdd forward values against the definitions, at awkward sizes, and hand-computed cases.</summary>
[Collection("DefaultGraph")]
public class ConvForwardTests
{
    public static IEnumerable<object[]> ConvCases => new[]
    {
        // n, h, w, c, kh, kw, oc, sh, sw, dh, dw, padding
        new object[] { 2, 7, 5, 3, 3, 3, 4, 1, 1, 1, 1, "SAME" },
        new object[] { 1, 8, 9, 2, 5, 5, 3, 1, 1, 1, 1, "SAME" },
        new object[] { 3, 7, 7, 1, 2, 2, 5, 2, 2, 1, 1, "SAME" },
        new object[] { 2, 9, 6, 2, 3, 2, 3, 2, 3, 1, 1, "VALID" },
        new object[] { 1, 9, 9, 3, 3, 3, 2, 1, 1, 2, 2, "SAME" },
        new object[] { 1, 9, 8, 2, 2, 3, 2, 2, 1, 2, 3, "VALID" },
        new object[] { 2, 4, 4, 5, 1, 1, 7, 1, 1, 1, 1, "VALID" },
        new object[] { 1, 33, 31, 4, 5, 5, 33, 1, 1, 1, 1, "SAME" },
    };

    [Theory, MemberData(nameof(ConvCases))]
    public void Conv2D_matches_the_definition(int n, int h, int w, int c, int kh, int kw, int oc, int sh, int sw, int dh, int dw, string padding)
    {
        var rng = new Random(n * 1000 + h * 10 + kh);
        var x = ConvReference.Random(rng, n, h, w, c);
        var f = ConvReference.Random(rng, kh, kw, c, oc);
        var expected = ConvReference.Conv(x, f, sh, sw, dh, dw, padding);
        foreach (var dtype in new[] { tf.float64, tf.float32 })
        {
            tf.reset_default_graph();
            var y = tf.nn.conv2d(tf.constant(x, dtype), tf.constant(f, dtype), new[] { 1, sh, sw, 1 }, padding, dilations: new[] { 1, dh, dw, 1 });
            Assert.Equal(new[] { n, expected.GetLength(1), expected.GetLength(2), oc }, y.shape.dims);
            using var sess = tf.Session();
            var got = sess.run(tf.cast(y, tf.float64)).ToArray<double>();
            AssertClose(ConvReference.Flat(expected), got, dtype == tf.float64 ? 1e-12 : 1e-4);
        }
    }

    [Theory]
    [InlineData("float64", 1e-12)]
    [InlineData("float32", 1e-4)]
    public void Several_tiles_per_image_give_the_same_convolution_and_gradients(string dtypeName, double tolerance)
    {
        var dtype = dtypeName == "float64" ? tf.float64 : tf.float32;
        var rng = new Random(5);
        var xv = ConvReference.Random(rng, 3, 9, 8, 3);
        var fv = ConvReference.Random(rng, 3, 3, 3, 4);
        double[][] Run()
        {
            tf.reset_default_graph();
            var x = tf.constant(xv, dtype);
            var f = tf.constant(fv, dtype);
            var y = tf.nn.conv2d(x, f, new[] { 1, 2, 1, 1 }, "SAME");
            var grads = tf.gradients(tf.reduce_sum(tf.square(y)), new[] { x, f });
            using var sess = tf.Session();
            return new[] { y, grads[0], grads[1] }.Select(t => sess.run(tf.cast(t, tf.float64)).ToArray<double>()).ToArray();
        }
        var whole = Run();
        int saved = GraphTrainer.Runtime.Cpu.ConvKernels.TileBytes;
        // 5 of an image's 40 rows per tile: tiles start inside an output row (which has 8 positions).
        GraphTrainer.Runtime.Cpu.ConvKernels.TileBytes = 5 * 27 * (dtype == tf.float64 ? sizeof(double) : sizeof(float));
        try
        {
            var tiled = Run();
            AssertClose(ConvReference.Flat(ConvReference.Conv(xv, fv, 2, 1, 1, 1, "SAME")), tiled[0], tolerance);
            for (int i = 0; i < 3; i++) AssertClose(whole[i], tiled[i], tolerance);
        }
        finally { GraphTrainer.Runtime.Cpu.ConvKernels.TileBytes = saved; }
    }

    [Theory]
    [InlineData("Avx512")]
    [InlineData("Avx2")]
    [InlineData("Portable")]
    public void Every_GEMM_kernel_family_packs_the_convolution_it_multiplies(string kernel)
    {
        // The im2col tiles are written in the GEMM kernel's own panel layout (rows per panel differ between families).
        var family = Enum.Parse<GraphTrainer.Runtime.Cpu.GemmKernel>(kernel);
        if (!GraphTrainer.Runtime.Cpu.Gemm.IsSupported(family)) return;
        var saved = GraphTrainer.Runtime.Cpu.Gemm.ForceKernel;
        GraphTrainer.Runtime.Cpu.Gemm.ForceKernel = family;
        try
        {
            foreach (var row in ConvCases)
                Conv2D_matches_the_definition((int)row[0], (int)row[1], (int)row[2], (int)row[3], (int)row[4], (int)row[5],
                    (int)row[6], (int)row[7], (int)row[8], (int)row[9], (int)row[10], (string)row[11]);
        }
        finally { GraphTrainer.Runtime.Cpu.Gemm.ForceKernel = saved; }
    }

    [Fact]
    public void Conv2D_NCHW_equals_NHWC_transposed()
    {
        var rng = new Random(3);
        var x = ConvReference.Random(rng, 2, 6, 5, 3);
        var f = ConvReference.Random(rng, 3, 3, 3, 4);
        var expected = ConvReference.Conv(x, f, 2, 1, 1, 1, "SAME");
        var nchw = tf.transpose(tf.constant(x, tf.float64), new[] { 0, 3, 1, 2 });
        var y = tf.transpose(tf.nn.conv2d(nchw, tf.constant(f, tf.float64), new[] { 1, 1, 2, 1 }, "SAME", data_format: "NCHW"), new[] { 0, 2, 3, 1 });
        using var sess = tf.Session();
        AssertClose(ConvReference.Flat(expected), sess.run(y).ToArray<double>(), 1e-12);
    }

    [Fact]
    public void SAME_padding_puts_the_extra_row_at_the_bottom()
    {
        // 4x4 input, 3x3 ones filter, stride 2: output 2x2, total padding (2-1)·2+3-4 = 1, all of it after.
        // So output (0,0) sums rows 0-2, cols 0-2 and output (1,1) sums rows 2-3, cols 2-3.
        var x = Enumerable.Range(0, 16).Select(i => (double)i).ToArray();
        var y = tf.nn.conv2d(tf.constant(np.array(x).reshape(1, 4, 4, 1)), tf.ones(new[] { 3, 3, 1, 1 }, tf.float64), new[] { 1, 2, 2, 1 }, "SAME");
        using var sess = tf.Session();
        Assert.Equal(new double[] { 0 + 1 + 2 + 4 + 5 + 6 + 8 + 9 + 10, 2 + 3 + 6 + 7 + 10 + 11, 8 + 9 + 10 + 12 + 13 + 14, 10 + 11 + 14 + 15 },
            sess.run(y).ToArray<double>());
    }

    [Fact]
    public void Conv2d_transpose_is_the_adjoint_of_conv2d()
    {
        // ⟨conv(x, f), y⟩ = ⟨x, conv_transpose(y, f)⟩ for every x and y: the defining property of the transpose.
        var rng = new Random(9);
        var x = tf.constant(ConvReference.Random(rng, 2, 7, 6, 3), tf.float64);
        var f = tf.constant(ConvReference.Random(rng, 3, 3, 3, 4), tf.float64);
        var strides = new[] { 1, 2, 2, 1 };
        var conv = tf.nn.conv2d(x, f, strides, "SAME");
        Assert.Equal(new[] { 2, 4, 3, 4 }, conv.shape.dims);
        var y = tf.constant(ConvReference.Random(rng, 2, 4, 3, 4), tf.float64);
        var transposed = tf.nn.conv2d_transpose(y, f, new[] { 2, 7, 6, 3 }, strides, "SAME");
        Assert.Equal(new[] { 2, 7, 6, 3 }, transposed.shape.dims);
        using var sess = tf.Session();
        double left = (double)sess.run(tf.reduce_sum(conv * y)), right = (double)sess.run(tf.reduce_sum(x * transposed));
        Assert.Equal(left, right, 10);
        Assert.Throws<ValueError>(() => tf.nn.conv2d_transpose(y, f, new[] { 2, 7, 6, 5 }, strides, "SAME"));
    }

    public static IEnumerable<object[]> PoolCases => new[]
    {
        new object[] { 2, 2, 2, 2, "VALID", 6, 6, 3 },
        new object[] { 2, 2, 2, 2, "SAME", 7, 5, 2 },
        new object[] { 3, 3, 2, 2, "SAME", 5, 7, 17 },
        new object[] { 3, 2, 1, 2, "VALID", 6, 5, 9 },
    };

    [Theory, MemberData(nameof(PoolCases))]
    public void Pools_match_the_definition(int kh, int kw, int sh, int sw, string padding, int h, int w, int c)
    {
        var x = ConvReference.Random(new Random(h * w), 2, h, w, c);
        foreach (var average in new[] { false, true })
        {
            tf.reset_default_graph();
            var expected = ConvReference.Pool(x, kh, kw, sh, sw, padding, average);
            var ksize = new[] { 1, kh, kw, 1 };
            var strides = new[] { 1, sh, sw, 1 };
            var y = average ? tf.nn.avg_pool(tf.constant(x, tf.float64), ksize, strides, padding) : tf.nn.max_pool(tf.constant(x, tf.float64), ksize, strides, padding);
            using var sess = tf.Session();
            AssertClose(ConvReference.Flat(expected), sess.run(y).ToArray<double>(), 1e-12);
        }
    }

    [Fact]
    public void MaxPoolGrad_gives_a_tied_window_gradient_to_its_first_maximum()
    {
        // One 2x2 window of equal values, 3 channels (the vector and scalar tails both run for wide channel counts).
        foreach (int channels in new[] { 3, 19 })
        {
            tf.reset_default_graph();
            var x = tf.constant(np.ones(new Shape(1, 2, 2, channels), NPTypeCode.Double));
            var y = tf.nn.max_pool(x, new[] { 1, 2, 2, 1 }, new[] { 1, 2, 2, 1 }, "VALID");
            var dx = tf.gradients(tf.reduce_sum(y), x)[0];
            using var sess = tf.Session();
            var g = sess.run(dx).ToArray<double>();
            for (int ch = 0; ch < channels; ch++)
            {
                Assert.Equal(1.0, g[ch]);
                Assert.Equal(0.0, g[channels + ch]);
                Assert.Equal(0.0, g[2 * channels + ch]);
                Assert.Equal(0.0, g[3 * channels + ch]);
            }
        }
    }

    [Fact]
    public void BiasAdd_adds_along_the_channel_dimension()
    {
        var value = tf.zeros(new[] { 1, 2, 2, 2 }, tf.float64);
        var bias = tf.constant(new[] { 1.0, 2.0 }, tf.float64);
        var nchw = tf.nn.bias_add(value, bias, data_format: "NCHW");
        using var sess = tf.Session();
        Assert.Equal(new[] { 1.0, 2, 1, 2, 1, 2, 1, 2 }, sess.run(tf.nn.bias_add(value, bias)).ToArray<double>());
        Assert.Equal(new[] { 1.0, 1, 1, 1, 2, 2, 2, 2 }, sess.run(nchw).ToArray<double>());
    }

    internal static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])), $"element {i}: expected {expected[i]}, got {actual[i]}");
    }
}
