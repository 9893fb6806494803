using System.Runtime.Intrinsics;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// Conv2DBackpropInput's GEMM (dcol = dy·fᵀ) with col2im folded in, for float32 on the AVX-512 kernel when the channel
/// count is a multiple of its 32 columns: a 32-column panel of fᵀ is then one filter tap's run of channels, so each 12×32
/// register tile, stored to a scratch tile in L1, is added straight onto 12 runs of 32 channels of dx. The 627 KB dcol of
/// a Deep MNIST image is never written and read back.
/// </summary>
internal static unsafe class InputGradientScatter
{
    private const int MR = 12, NR = 32;

    /// <summary>Whether this path handles the convolution with the given kernel family.</summary>
    public static bool Applies<T>(in ConvGeometry g, GemmKernel kernel) where T : unmanaged =>
        typeof(T) == typeof(float) && kernel == GemmKernel.Avx512 && g.C % NR == 0
        && Avx512KernelF32.MR == MR && Avx512KernelF32.NR == NR;

    /// <summary>Packs fᵀ for <see cref="Image"/> from the filter f ([K, OC], row-major): <see cref="PackedLength"/> floats.</summary>
    public static void PackFilter(in ConvGeometry g, float* f, float* packed) =>
        Gemm.PackB(GemmKernel.Avx512, g.OC, g.K, f, true, g.OC, packed);

    /// <summary>Floats of the packed filter.</summary>
    public static long PackedLength(in ConvGeometry g) => (long)g.K * g.OC;

    /// <summary>
    /// Adds output positions [p0, p0 + rows) of one image's input gradient into <paramref name="dx"/> (that image, NHWC),
    /// from <paramref name="dy"/> (its rows × OC gradient) and the packed filter; <paramref name="packedDy"/> holds
    /// rows rounded up to 12, times OC, floats.
    /// </summary>
    public static void Image(in ConvGeometry g, float* dy, int p0, int rows, float* packedFilter, float* packedDy, float* dx)
    {
        var args = new GemmArgs<float> { A = dy, Lda = g.OC, M = rows, K = g.OC, ScaleA = 1f, SimdPack = true };
        GemmPacking.PackA(in args, MR, 0, rows, 0, g.OC, packedDy);

        // Each position's window origin (top-left input row and column, padding included).
        Span<int> top = rows <= 1024 ? stackalloc int[rows] : new int[rows];
        Span<int> left = rows <= 1024 ? stackalloc int[rows] : new int[rows];
        for (int i = 0; i < rows; i++)
        {
            int p = p0 + i, oh = p / g.OW, ow = p - oh * g.OW;
            top[i] = oh * g.SH - g.PadTop;
            left[i] = ow * g.SW - g.PadLeft;
        }
        float* tile = stackalloc float[MR * NR];
        int panels = g.K / NR;
        for (int j = 0; j < panels; j++)
        {
            int tap = j * NR / g.C, c0 = j * NR % g.C, dh = tap / g.KW * g.DH, dw = tap % g.KW * g.DW;
            float* b = packedFilter + (long)j * NR * g.OC;
            for (int q = 0; q * MR < rows; q++)
            {
                int mr = Math.Min(MR, rows - q * MR);
                float* a = packedDy + (long)q * MR * g.OC;
                if (mr == MR) Avx512KernelF32.Run(g.OC, a, MR, b, NR, tile, NR, 0f, null, false);
                else Avx512KernelF32.RunEdge(g.OC, a, MR, b, NR, tile, NR, 0f, null, false, mr, NR);
                for (int r = 0; r < mr; r++)
                {
                    int i = q * MR + r, ih = top[i] + dh, iw = left[i] + dw;
                    if ((uint)ih >= (uint)g.H || (uint)iw >= (uint)g.W) continue;
                    float* dst = dx + ((long)ih * g.W + iw) * g.C + c0;
                    float* src = tile + r * NR;
                    (Vector512.Load(dst) + Vector512.Load(src)).Store(dst);
                    (Vector512.Load(dst + 16) + Vector512.Load(src + 16)).Store(dst + 16);
                }
            }
        }
    }
}
