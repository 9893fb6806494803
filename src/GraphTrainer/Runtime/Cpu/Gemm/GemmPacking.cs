using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// Packs blocks of A and B into the micro-kernel's panel layout: a panel of width P (MR for A, NR for B)
/// holds kc groups of P consecutive values, zero-padded past the matrix edge so the kernel never branches.
/// Transposition is absorbed here: whichever of op(X) / X is contiguous along k decides between a
/// strided copy and a transpose, so no transposed copy of a whole matrix is ever made.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs the MR-row panels of op(A)[i0.., p0..p0+kc) for mc rows into <paramref name="dst"/>, scaled by
    /// <see cref="GemmArgs{T}.ScaleA"/> (folding alpha into packing costs nothing extra and keeps it out of the kernel).
    /// </summary>
    public static void PackA<T>(in GemmArgs<T> g, int mr, int i0, int mc, int p0, int kc, T* dst)
        where T : unmanaged, INumber<T>
    {
        for (int ip = 0; ip < mc; ip += mr)
        {
            int w = Math.Min(mr, mc - ip);
            T* d = dst + (nint)ip * kc;
            if (g.TransA) // op(A)[i,k] = a[k*lda + i]: rows of the panel are contiguous per k
                Copy(g.A + p0 * g.Lda + i0 + ip, g.Lda, w, kc, mr, d, g.ScaleA, g.SimdPack);
            else          // op(A)[i,k] = a[i*lda + k]: each panel row is contiguous along k
                Transpose(g.A + (i0 + ip) * g.Lda + p0, g.Lda, w, kc, mr, d, g.ScaleA, g.SimdPack);
        }
    }

    /// <summary>Packs the NR-column panels of op(B)[p0..p0+kc, j0..j0+nc) into <paramref name="dst"/>, scaled by <see cref="GemmArgs{T}.ScaleB"/>.</summary>
    public static void PackB<T>(in GemmArgs<T> g, int nr, int p0, int kc, int j0, int nc, T* dst)
        where T : unmanaged, INumber<T>
    {
        if (!g.TransB && g.SimdPack && g.ScaleB == T.One && nr * sizeof(T) is 64 or 128)
        {
            // Row by row across all full panels: B's rows are read front to back. Panel by panel, a deep block of a wide
            // B is read in short pieces one row (often a page) apart, which thrashes the TLB and the cache sets (Deep
            // MNIST's 3136×1024 fc1 weights: 38 MB of traffic at 8 GB/s).
            int full = nc / nr;
            nint panel = (nint)nr * kc;
            for (int kk = 0; kk < kc; kk++)
            {
                T* src = g.B + (p0 + kk) * g.Ldb + j0;
                T* d = dst + (nint)kk * nr;
                if (nr * sizeof(T) == 128)
                    for (int p = 0; p < full; p++) Unsafe.CopyBlockUnaligned(d + p * panel, src + p * nr, 128);
                else
                    for (int p = 0; p < full; p++) Unsafe.CopyBlockUnaligned(d + p * panel, src + p * nr, 64);
            }
            if (full * nr < nc)
                Copy(g.B + p0 * g.Ldb + j0 + full * nr, g.Ldb, nc - full * nr, kc, nr, dst + full * panel, g.ScaleB, g.SimdPack);
            return;
        }
        for (int jp = 0; jp < nc; jp += nr)
        {
            int w = Math.Min(nr, nc - jp);
            T* d = dst + (nint)jp * kc;
            if (g.TransB) // op(B)[k,j] = b[j*ldb + k]
                Transpose(g.B + (j0 + jp) * g.Ldb + p0, g.Ldb, w, kc, nr, d, g.ScaleB, g.SimdPack);
            else          // op(B)[k,j] = b[k*ldb + j]
                Copy(g.B + p0 * g.Ldb + j0 + jp, g.Ldb, w, kc, nr, d, g.ScaleB, g.SimdPack);
        }
    }

    /// <summary>dst[kk*P + j] = scale·src[kk*ld + j] for j &lt; w, zero for w ≤ j &lt; P.</summary>
    public static void Copy<T>(T* src, nint ld, int w, int kc, int P, T* dst, T scale, bool simd)
        where T : unmanaged, INumber<T>
    {
        bool scaled = scale != T.One;
        if (simd && !scaled && w == P)
        {
            // Full panels of the usual widths: constant-size block copies, which the JIT unrolls into a
            // couple of vector moves (a generic element loop costs several times more per row).
            switch (P * sizeof(T))
            {
                case 32: for (int kk = 0; kk < kc; kk++, src += ld, dst += P) Unsafe.CopyBlockUnaligned(dst, src, 32); return;
                case 48: for (int kk = 0; kk < kc; kk++, src += ld, dst += P) Unsafe.CopyBlockUnaligned(dst, src, 48); return;
                case 64: for (int kk = 0; kk < kc; kk++, src += ld, dst += P) Unsafe.CopyBlockUnaligned(dst, src, 64); return;
                case 96: for (int kk = 0; kk < kc; kk++, src += ld, dst += P) Unsafe.CopyBlockUnaligned(dst, src, 96); return;
                case 128: for (int kk = 0; kk < kc; kk++, src += ld, dst += P) Unsafe.CopyBlockUnaligned(dst, src, 128); return;
            }
        }
        if (w < P) ZeroRows(dst, kc, P, simd);
        for (int kk = 0; kk < kc; kk++, src += ld, dst += P)
        {
            int j = 0;
            if (simd && Vector256.IsHardwareAccelerated)
            {
                var s = Vector256.Create(scale);
                for (; j + Vector256<T>.Count <= w; j += Vector256<T>.Count)
                {
                    var v = Vector256.Load(src + j);
                    Vector256.Store(scaled ? v * s : v, dst + j);
                }
            }
            if (simd && Vector128.IsHardwareAccelerated)
            {
                var s = Vector128.Create(scale);
                for (; j + Vector128<T>.Count <= w; j += Vector128<T>.Count)
                {
                    var v = Vector128.Load(src + j);
                    Vector128.Store(scaled ? v * s : v, dst + j);
                }
            }
            for (; j < w; j++) dst[j] = scaled ? src[j] * scale : src[j];
        }
    }

    /// <summary>Zeroes kc rows of P values (the padding of an edge panel is then left in place by the copy).</summary>
    private static void ZeroRows<T>(T* dst, int kc, int P, bool simd) where T : unmanaged, INumber<T>
    {
        nint total = (nint)kc * P, j = 0;
        if (simd && Vector256.IsHardwareAccelerated)
            for (; j + Vector256<T>.Count <= total; j += Vector256<T>.Count) Vector256.Store(Vector256<T>.Zero, dst + j);
        for (; j < total; j++) dst[j] = T.Zero;
    }

    /// <summary>dst[kk*P + r] = scale·src[r*ld + kk] for r &lt; w, zero for w ≤ r &lt; P.</summary>
    public static void Transpose<T>(T* src, nint ld, int w, int kc, int P, T* dst, T scale, bool simd)
        where T : unmanaged, INumber<T>
    {
        if (w < P) ZeroRows(dst, kc, P, simd);

        int kDone = 0;
        if (typeof(T) == typeof(float) && simd && Sse.IsSupported && w >= 4)
        {
            // Register transposes of 8×8 (AVX) and 4×4 (SSE) blocks cover the panel rows exactly when w is a
            // multiple of 4 (MR = 12 is 8 + 4); any other width reuses an overlapping last 4-row group, which
            // rewrites a few values with the same result instead of going scalar.
            bool avx = Avx.IsSupported;
            kDone = kc & ~7;
            bool scaled = scale != T.One;
            float sc = float.CreateTruncating(scale);
            // k outer: the 8 destination k-rows (8·P values) are completed before moving on.
            for (int kk = 0; kk < kDone; kk += 8)
            {
                float* dk = (float*)dst + (nint)kk * P;
                float* sk = (float*)src + kk;
                int r0 = 0;
                if (avx)
                    for (; r0 + 8 <= w; r0 += 8)
                        Transpose8x8(sk + r0 * ld, ld, dk + r0, P, Vector256.Create(sc), scaled);
                for (; r0 < w; r0 += 4)
                {
                    int rs = Math.Min(r0, w - 4);
                    Transpose4x4(sk + rs * ld, ld, dk + rs, P, Vector128.Create(sc), scaled);
                    Transpose4x4(sk + rs * ld + 4, ld, dk + 4 * P + rs, P, Vector128.Create(sc), scaled);
                }
            }
        }
        if (kDone == kc) return;
        for (int r = 0; r < w; r++)
        {
            T* sp = src + r * ld;
            T* dp = dst + r;
            for (int kk = kDone; kk < kc; kk++) dp[(nint)kk * P] = sp[kk] * scale;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(float* s, nint ld, float* d, nint P, Vector128<float> scale, bool scaled)
    {
        var r0 = Sse.LoadVector128(s); var r1 = Sse.LoadVector128(s + ld);
        var r2 = Sse.LoadVector128(s + 2 * ld); var r3 = Sse.LoadVector128(s + 3 * ld);
        var t0 = Sse.UnpackLow(r0, r1); var t1 = Sse.UnpackLow(r2, r3);
        var t2 = Sse.UnpackHigh(r0, r1); var t3 = Sse.UnpackHigh(r2, r3);
        var o0 = Sse.MoveLowToHigh(t0, t1); var o1 = Sse.MoveHighToLow(t1, t0);
        var o2 = Sse.MoveLowToHigh(t2, t3); var o3 = Sse.MoveHighToLow(t3, t2);
        if (scaled) { o0 *= scale; o1 *= scale; o2 *= scale; o3 *= scale; }
        Sse.Store(d, o0); Sse.Store(d + P, o1); Sse.Store(d + 2 * P, o2); Sse.Store(d + 3 * P, o3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* s, nint ld, float* d, nint P, Vector256<float> scale, bool scaled)
    {
        var r0 = Avx.LoadVector256(s); var r1 = Avx.LoadVector256(s + ld);
        var r2 = Avx.LoadVector256(s + 2 * ld); var r3 = Avx.LoadVector256(s + 3 * ld);
        var r4 = Avx.LoadVector256(s + 4 * ld); var r5 = Avx.LoadVector256(s + 5 * ld);
        var r6 = Avx.LoadVector256(s + 6 * ld); var r7 = Avx.LoadVector256(s + 7 * ld);
        var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5); var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7); var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44); var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44); var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44); var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44); var u7 = Avx.Shuffle(t5, t7, 0xEE);
        var o0 = Avx.Permute2x128(u0, u4, 0x20); var o1 = Avx.Permute2x128(u1, u5, 0x20);
        var o2 = Avx.Permute2x128(u2, u6, 0x20); var o3 = Avx.Permute2x128(u3, u7, 0x20);
        var o4 = Avx.Permute2x128(u0, u4, 0x31); var o5 = Avx.Permute2x128(u1, u5, 0x31);
        var o6 = Avx.Permute2x128(u2, u6, 0x31); var o7 = Avx.Permute2x128(u3, u7, 0x31);
        if (scaled)
        {
            o0 *= scale; o1 *= scale; o2 *= scale; o3 *= scale;
            o4 *= scale; o5 *= scale; o6 *= scale; o7 *= scale;
        }
        Avx.Store(d, o0); Avx.Store(d + P, o1); Avx.Store(d + 2 * P, o2); Avx.Store(d + 3 * P, o3);
        Avx.Store(d + 4 * P, o4); Avx.Store(d + 5 * P, o5); Avx.Store(d + 6 * P, o6); Avx.Store(d + 7 * P, o7);
    }
}
