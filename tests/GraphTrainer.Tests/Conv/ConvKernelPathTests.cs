namespace GraphTrainer.Tests.Conv;

/// <summary>
/// The float32 kernels build im2col tiles straight into the GEMM's packed panels (vector blends of one or two runs per
/// panel row), while float64 takes the general element-by-element path that the gradient checks verify: both must give
/// the same convolution and gradients, at sizes where panels straddle filter taps and output rows, and for few-channel
/// images, whose filter gradient copies window rows from a zero-bordered image in whole vectors. Stride-1 5×5 and 3×3
/// convolutions of 16k channels take the Winograd path (WinogradConv), and stride-1 one-channel images SingleChannelConv,
/// which the same comparison covers.
/// </summary>
[Collection("DefaultGraph")]
public class ConvKernelPathTests
{
    public static IEnumerable<object[]> Cases => new[]
    {
        // n, h, w, c, kh, kw, oc, sh, sw, dh, dw, padding
        new object[] { 2, 14, 14, 32, 5, 5, 64, 1, 1, 1, 1, "SAME" }, // Deep MNIST's second layer
        new object[] { 3, 9, 11, 13, 3, 3, 7, 1, 1, 1, 1, "SAME" },   // 12-column panels straddle taps of 13 channels
        new object[] { 2, 11, 9, 16, 3, 2, 5, 2, 1, 1, 1, "VALID" },
        new object[] { 1, 12, 13, 12, 3, 3, 4, 1, 2, 2, 1, "SAME" },
        new object[] { 2, 7, 5, 20, 5, 5, 3, 1, 1, 2, 2, "SAME" },    // 5 positions per output row: panels span 3 rows
        new object[] { 2, 28, 28, 1, 5, 5, 32, 1, 1, 1, 1, "SAME" },  // Deep MNIST's first layer: one channel, read from the zero-bordered image
        new object[] { 2, 9, 9, 3, 3, 3, 4, 2, 1, 1, 2, "SAME" },     // window columns apart (width dilation): the general fill
        new object[] { 2, 9, 7, 64, 3, 3, 5, 2, 1, 2, 1, "SAME" },    // 64 channels, strided: input-gradient tiles added onto dx
        new object[] { 2, 9, 11, 16, 3, 3, 48, 1, 1, 1, 1, "SAME" },  // Winograd F(4×4, 3×3): partial tiles, 48 = 32 + 16 columns
        new object[] { 3, 13, 10, 32, 5, 5, 16, 1, 1, 1, 1, "VALID" }, // Winograd F(2×2, 5×5), VALID: odd output sizes
        new object[] { 1, 6, 5, 16, 5, 5, 80, 1, 1, 1, 1, "SAME" },   // 80 = 64 + 16 columns; the image is smaller than a tile block
        new object[] { 2, 13, 17, 1, 3, 5, 64, 1, 1, 1, 1, "VALID" }, // one channel, read from the image: 13-wide rows, odd filter rows
        new object[] { 1, 12, 14, 1, 4, 3, 32, 1, 1, 1, 1, "SAME" },  // one channel, 3 columns: forward only
    };

    [Theory, MemberData(nameof(Cases))]
    public void Float32_convolution_and_gradients_match_float64(int n, int h, int w, int c, int kh, int kw, int oc, int sh, int sw, int dh, int dw, string padding)
    {
        var rng = new Random(h * 100 + c);
        var xv = ConvReference.Random(rng, n, h, w, c);
        var fv = ConvReference.Random(rng, kh, kw, c, oc);
        var expected = Run(tf.float64, xv, fv, sh, sw, dh, dw, padding);
        var got = Run(tf.float32, xv, fv, sh, sw, dh, dw, padding);
        for (int i = 0; i < 3; i++) ConvForwardTests.AssertClose(expected[i], got[i], 1e-4);

        int saved = GraphTrainer.Runtime.Cpu.ConvKernels.TileBytes, savedBlock = GraphTrainer.Runtime.Cpu.WinogradConv.BlockBytes;
        // About 7 output positions per tile: tiles start inside output rows and end in partial panels. Winograd: blocks
        // of 6 tiles, so an image takes several and the last is partial.
        GraphTrainer.Runtime.Cpu.ConvKernels.TileBytes = 7 * kh * kw * c * sizeof(float);
        GraphTrainer.Runtime.Cpu.WinogradConv.BlockBytes = 1;
        try
        {
            var tiled = Run(tf.float32, xv, fv, sh, sw, dh, dw, padding);
            for (int i = 0; i < 3; i++) ConvForwardTests.AssertClose(expected[i], tiled[i], 1e-4);
        }
        finally
        {
            GraphTrainer.Runtime.Cpu.ConvKernels.TileBytes = saved;
            GraphTrainer.Runtime.Cpu.WinogradConv.BlockBytes = savedBlock;
        }
    }

    // y = conv(x, f), and the gradients of Σ y·r (r fixed) with respect to x and f, as float64 arrays.
    private static double[][] Run(DType dtype, double[,,,] xv, double[,,,] fv, int sh, int sw, int dh, int dw, string padding)
    {
        tf.reset_default_graph();
        var x = tf.constant(xv, dtype);
        var f = tf.constant(fv, dtype);
        var y = tf.nn.conv2d(x, f, new[] { 1, sh, sw, 1 }, padding, dilations: new[] { 1, dh, dw, 1 });
        var dims = y.shape.dims;
        var r = ConvReference.Random(new Random(7), dims[0], dims[1], dims[2], dims[3]);
        var loss = tf.reduce_sum(y * tf.constant(r, dtype));
        var grads = tf.gradients(loss, new[] { x, f });
        using var sess = tf.Session();
        return new[] { y, grads[0], grads[1] }.Select(t => sess.run(tf.cast(t, tf.float64)).ToArray<double>()).ToArray();
    }
}
