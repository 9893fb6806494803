using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer.Tests.Conv;

/// <summary>
/// The generated Winograd transforms (gen_winograd.py) against the definitions: one tile through filter, input and
/// output transforms is the direct r×r correlation of its α×α input, and the two gradient transforms are the adjoints
/// (transposes) of the forward ones: ⟨Aᵀ M A, dY⟩ = ⟨M, A dY Aᵀ⟩ and ⟨G g Gᵀ, dU⟩ = ⟨g, Gᵀ dU G⟩. Each of the 16 lanes
/// carries its own values. Needs AVX-512 (the path's own requirement); without it there is nothing to check.
/// </summary>
public unsafe class WinogradTests
{
    [Fact]
    public void F2x5_tile_is_the_direct_correlation() => TileIsDirectCorrelation<WinogradF2x5>();

    [Fact]
    public void F4x3_tile_is_the_direct_correlation() => TileIsDirectCorrelation<WinogradF4x3>();

    [Fact]
    public void F2x5_gradient_transforms_are_the_adjoints() => GradientTransformsAreAdjoints<WinogradF2x5>();

    [Fact]
    public void F4x3_gradient_transforms_are_the_adjoints() => GradientTransformsAreAdjoints<WinogradF4x3>();

    [Fact]
    public void Deep_MNIST_second_layer_takes_the_path_and_other_shapes_do_not()
    {
        if (!Avx512F.IsSupported) return;
        var conv2 = ConvGeometry.Create(50, 14, 14, 32, 5, 5, 64, 1, 1, 1, 1, "SAME");
        Assert.True(WinogradConv.Applies<float>(conv2));
        Assert.False(WinogradConv.Applies<double>(conv2));
        Assert.False(WinogradConv.Applies<float>(ConvGeometry.Create(50, 28, 28, 1, 5, 5, 32, 1, 1, 1, 1, "SAME"))); // 1 channel
        Assert.False(WinogradConv.Applies<float>(ConvGeometry.Create(2, 14, 14, 32, 5, 5, 64, 2, 2, 1, 1, "SAME"))); // strided
        Assert.False(WinogradConv.Applies<float>(ConvGeometry.Create(2, 14, 14, 32, 5, 5, 64, 1, 1, 2, 2, "SAME"))); // dilated
        Assert.False(WinogradConv.Applies<float>(ConvGeometry.Create(2, 14, 14, 32, 7, 7, 64, 1, 1, 1, 1, "SAME"))); // 7×7
    }

    private static void TileIsDirectCorrelation<TW>() where TW : IWinogradTransform
    {
        if (!Avx512F.IsSupported) return;
        int m = TW.M, r = TW.R, alpha = TW.Alpha, points = alpha * alpha;
        var rng = new Random(m * 10 + r);
        var d = Values(rng, alpha * alpha * 16);
        var g = Values(rng, r * r * 16);
        var u = new float[points * 16];
        var v = new float[points * 16];
        var y = new float[m * m * 16];
        fixed (float* pd = d, pg = g, pu = u, pv = v, py = y)
        {
            TW.Filter(pg, r * 16, 16, pu, 16);
            TW.Input(pd, alpha * 16, 16, pv, 16);
            for (int i = 0; i < u.Length; i++) pu[i] *= pv[i];
            TW.Output(pu, 16, py, m * 16, 16, Vector512<float>.Zero, relu: false, m, m);
        }
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
                for (int lane = 0; lane < 16; lane++)
                {
                    double expected = 0, scale = 0;
                    for (int k = 0; k < r; k++)
                        for (int l = 0; l < r; l++)
                        {
                            double term = (double)d[((i + k) * alpha + j + l) * 16 + lane] * g[(k * r + l) * 16 + lane];
                            expected += term;
                            scale += Math.Abs(term);
                        }
                    // float32 transforms: a few ulps of the terms' magnitude, scaled by the matrices' entries (at most 20).
                    Assert.True(Math.Abs(y[(i * m + j) * 16 + lane] - expected) <= 1e-5 * (1 + scale), $"y[{i},{j}] lane {lane}: {y[(i * m + j) * 16 + lane]} vs {expected}");
                }
    }

    private static void GradientTransformsAreAdjoints<TW>() where TW : IWinogradTransform
    {
        if (!Avx512F.IsSupported) return;
        int m = TW.M, r = TW.R, alpha = TW.Alpha, points = alpha * alpha;
        var rng = new Random(m * 100 + r);
        var mm = Values(rng, points * 16);
        var dy = Values(rng, m * m * 16);
        var g = Values(rng, r * r * 16);
        var du = Values(rng, points * 16);
        var y = new float[m * m * 16];
        var dm = new float[points * 16];
        var u = new float[points * 16];
        var dg = new float[r * r * 16];
        fixed (float* pm = mm, pdy = dy, pg = g, pdu = du, py = y, pdm = dm, pu = u, pdg = dg)
        {
            TW.Output(pm, 16, py, m * 16, 16, Vector512<float>.Zero, relu: false, m, m);
            TW.OutputGradient(pdy, m * 16, 16, pdm, 16);
            TW.Filter(pg, r * 16, 16, pu, 16);
            TW.FilterGradient(pdu, 16, pdg, r * 16, 16);
        }
        for (int lane = 0; lane < 16; lane++)
        {
            AssertEqualDots(Dot(y, dy, lane), Dot(mm, dm, lane), "output");
            AssertEqualDots(Dot(u, du, lane), Dot(g, dg, lane), "filter");
        }
    }

    private static void AssertEqualDots(double a, double b, string what) =>
        Assert.True(Math.Abs(a - b) <= 1e-4 * (1 + Math.Abs(a)), $"{what} transform: ⟨T x, y⟩ = {a} but ⟨x, Tᵀ y⟩ = {b}");

    private static double Dot(float[] a, float[] b, int lane)
    {
        double s = 0;
        for (int i = lane; i < a.Length; i += 16) s += (double)a[i] * b[i];
        return s;
    }

    private static float[] Values(Random rng, int n)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float)(rng.NextDouble() * 2 - 1);
        return a;
    }
}
