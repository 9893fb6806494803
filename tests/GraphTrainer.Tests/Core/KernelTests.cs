using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer.Tests.Core;

/// <summary>The vectorized kernels against naive loops at awkward lengths.</summary>
public class KernelTests
{
    public static readonly TheoryData<int> Lengths = new() { 0, 1, 3, 7, 8, 9, 33, 1024 };

    private static float[] Random(int n, int seed, float lo = -2, float hi = 2)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => lo + (float)r.NextDouble() * (hi - lo)).ToArray();
    }

    [Theory, MemberData(nameof(Lengths))]
    public void Row_broadcast_add_matches_naive(int n)
    {
        int rows = 3;
        var x = Random(rows * n, 1);
        var y = Random(n, 2);
        var d = new float[rows * n];
        Broadcasting.Binary<float, AddFunction<float>>(x, new[] { rows, n }, y, new[] { n }, d, new[] { rows, n });
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < n; c++) Assert.Equal(x[r * n + c] + y[c], d[r * n + c]);
    }

    [Theory, MemberData(nameof(Lengths))]
    public void General_broadcast_matches_naive(int n)
    {
        // [2,1,n] - [3,1] -> [2,3,n]: both operands broadcast, in different dimensions.
        var x = Random(2 * n, 3);
        var y = Random(3, 4);
        var d = new float[2 * 3 * n];
        Broadcasting.Binary<float, SubtractFunction<float>>(x, new[] { 2, 1, n }, y, new[] { 3, 1 }, d, new[] { 2, 3, n });
        for (int a = 0; a < 2; a++)
            for (int b = 0; b < 3; b++)
                for (int c = 0; c < n; c++) Assert.Equal(x[a * n + c] - y[b], d[(a * 3 + b) * n + c]);
    }

    [Theory, MemberData(nameof(Lengths))]
    public void Sum_over_each_axis_matches_naive(int n)
    {
        var x = Random(4 * n, 5);
        var rows = new float[4];
        ReductionKernels.Sum<float>(x, 4, n, 1, rows);
        var cols = new float[n];
        ReductionKernels.Sum<float>(x, 1, 4, n, cols);
        for (int r = 0; r < 4; r++) Assert.Equal(Enumerable.Range(0, n).Sum(c => (double)x[r * n + c]), rows[r], 3);
        for (int c = 0; c < n; c++) Assert.Equal(Enumerable.Range(0, 4).Sum(r => (double)x[r * n + c]), cols[c], 3);
    }

    [Theory, MemberData(nameof(Lengths))]
    public void Softmax_rows_sum_to_one_and_match_the_formula(int n)
    {
        if (n == 0) return;
        var x = Random(2 * n, 6, -30, 30);
        var d = new float[2 * n];
        SoftmaxKernels.Softmax<float>(x, n, d);
        for (int r = 0; r < 2; r++)
        {
            var row = x.Skip(r * n).Take(n).Select(v => (double)v).ToArray();
            double max = row.Max(), sum = row.Sum(v => Math.Exp(v - max));
            for (int c = 0; c < n; c++) Assert.Equal(Math.Exp(row[c] - max) / sum, d[r * n + c], 5);
        }
    }

    [Theory, MemberData(nameof(Lengths))]
    public void Cross_entropy_matches_minus_sum_labels_log_softmax(int n)
    {
        if (n == 0) return;
        var logits = Random(2 * n, 7, -5, 5);
        var labels = new float[2 * n];
        labels[n / 2] = 1;                 // row 0: one-hot
        for (int c = 0; c < n; c++) labels[n + c] = 1f / n; // row 1: uniform
        var loss = new float[2];
        var backprop = new float[2 * n];
        SoftmaxKernels.SoftmaxCrossEntropy<float>(logits, labels, n, loss, backprop);
        for (int r = 0; r < 2; r++)
        {
            var row = logits.Skip(r * n).Take(n).Select(v => (double)v).ToArray();
            double max = row.Max(), lse = max + Math.Log(row.Sum(v => Math.Exp(v - max)));
            double expected = -Enumerable.Range(0, n).Sum(c => labels[r * n + c] * (row[c] - lse));
            Assert.Equal(expected, loss[r], 4);
            for (int c = 0; c < n; c++) Assert.Equal(Math.Exp(row[c] - lse) - labels[r * n + c], backprop[r * n + c], 5);
        }
    }

    [Theory, MemberData(nameof(Lengths))]
    public void Transpose_matches_naive(int n)
    {
        var x = Random(3 * n, 8);
        var d = new float[3 * n];
        LayoutKernels.Transpose<float>(x, new[] { 3, n }, new[] { 1, 0 }, d);
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < n; c++) Assert.Equal(x[r * n + c], d[c * 3 + r]);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Matmul_matches_naive_for_every_transpose(bool ta, bool tb)
    {
        foreach (var (m, n, k) in new[] { (1, 1, 1), (3, 7, 9), (8, 33, 7), (17, 9, 33), (0, 3, 2), (2, 3, 0) })
        {
            var a = Random(m * k, m + k);
            var b = Random(k * n, n + k);
            var c = new float[m * n];
            MatMulDispatch.Multiply<float>(ta, tb, m, n, k, a, b, c);
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    double s = 0;
                    for (int p = 0; p < k; p++) s += (double)(ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                    Assert.Equal(s, c[i * n + j], 3);
                }
        }
    }
}

/// <summary>The one-pass Adam kernel against TF's rule written out in double, across the vector body and the scalar tail.</summary>
public class AdamKernelTests
{
    [Theory]
    [InlineData(37)]   // vector body plus a tail on any vector width
    [InlineData(3)]    // tail only
    public void Float_and_double_updates_follow_the_rule(int length)
    {
        var rng = new Random(length);
        double[] var0 = Enumerable.Range(0, length).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double[] m0 = var0.Select(_ => rng.NextDouble() * 0.1).ToArray(), v0 = var0.Select(_ => rng.NextDouble() * 0.01).ToArray();
        double[] g = var0.Select(_ => rng.NextDouble() - 0.5).ToArray();
        const double b1p = 0.81, b2p = 0.998, lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        double lrT = lr * Math.Sqrt(1 - b2p) / (1 - b1p);
        var m = m0.Select((x, i) => x + (g[i] - x) * (1 - b1)).ToArray();
        var v = v0.Select((x, i) => x + (g[i] * g[i] - x) * (1 - b2)).ToArray();
        var expected = var0.Select((x, i) => x - m[i] * lrT / (Math.Sqrt(v[i]) + eps)).ToArray();

        double[] vd = (double[])var0.Clone(), md = (double[])m0.Clone(), vvd = (double[])v0.Clone();
        OptimizerKernels.Adam<double>(vd, md, vvd, b1p, b2p, lr, b1, b2, eps, g);
        for (int i = 0; i < length; i++) Assert.Equal(expected[i], vd[i], 12);

        float[] F(double[] a) => a.Select(x => (float)x).ToArray();
        float[] vf = F(var0), mf = F(m0), vvf = F(v0);
        OptimizerKernels.Adam<float>(vf, mf, vvf, (float)b1p, (float)b2p, (float)lr, (float)b1, (float)b2, (float)eps, F(g));
        for (int i = 0; i < length; i++)
        {
            Assert.Equal(expected[i], vf[i], 5);
            Assert.Equal(m[i], mf[i], 6);
            Assert.Equal(v[i], vvf[i], 6);
        }
    }
}
