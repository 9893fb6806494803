namespace GraphTrainer.Tests.Conv;

/// <summary>Convolution and pooling written straight from their definitions (NHWC, float64), to check the kernels against.</summary>
internal static class ConvReference
{
    /// <summary>TensorFlow's output size and padding before, from the documented SAME/VALID formulas.</summary>
    public static (int Out, int Before) Size(int input, int window, int stride, int dilation, string padding)
    {
        int effective = (window - 1) * dilation + 1;
        if (padding == "VALID") return ((input - effective) / stride + 1, 0);
        int output = (input + stride - 1) / stride;
        return (output, Math.Max((output - 1) * stride + effective - input, 0) / 2);
    }

    public static double[,,,] Conv(double[,,,] x, double[,,,] f, int sh, int sw, int dh, int dw, string padding)
    {
        int n = x.GetLength(0), h = x.GetLength(1), w = x.GetLength(2), c = x.GetLength(3);
        int kh = f.GetLength(0), kw = f.GetLength(1), oc = f.GetLength(3);
        var (oh, top) = Size(h, kh, sh, dh, padding);
        var (ow, left) = Size(w, kw, sw, dw, padding);
        var y = new double[n, oh, ow, oc];
        for (int b = 0; b < n; b++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++)
                    for (int o = 0; o < oc; o++)
                    {
                        double s = 0;
                        for (int p = 0; p < kh; p++)
                            for (int q = 0; q < kw; q++)
                            {
                                int ih = i * sh + p * dh - top, iw = j * sw + q * dw - left;
                                if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                                for (int ch = 0; ch < c; ch++) s += x[b, ih, iw, ch] * f[p, q, ch, o];
                            }
                        y[b, i, j, o] = s;
                    }
        return y;
    }

    public static double[,,,] Pool(double[,,,] x, int kh, int kw, int sh, int sw, string padding, bool average)
    {
        int n = x.GetLength(0), h = x.GetLength(1), w = x.GetLength(2), c = x.GetLength(3);
        var (oh, top) = Size(h, kh, sh, 1, padding);
        var (ow, left) = Size(w, kw, sw, 1, padding);
        var y = new double[n, oh, ow, c];
        for (int b = 0; b < n; b++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++)
                    for (int ch = 0; ch < c; ch++)
                    {
                        double best = double.NegativeInfinity, sum = 0;
                        int count = 0;
                        for (int p = 0; p < kh; p++)
                            for (int q = 0; q < kw; q++)
                            {
                                int ih = i * sh + p - top, iw = j * sw + q - left;
                                if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                                best = Math.Max(best, x[b, ih, iw, ch]);
                                sum += x[b, ih, iw, ch];
                                count++;
                            }
                        y[b, i, j, ch] = average ? sum / count : best;
                    }
        return y;
    }

    public static double[,,,] Random(Random rng, int a, int b, int c, int d)
    {
        var x = new double[a, b, c, d];
        for (int i = 0; i < a; i++) for (int j = 0; j < b; j++) for (int k = 0; k < c; k++) for (int l = 0; l < d; l++)
            x[i, j, k, l] = rng.NextDouble() * 2 - 1;
        return x;
    }

    public static double[] Flat(double[,,,] x) => x.Cast<double>().ToArray();
}
