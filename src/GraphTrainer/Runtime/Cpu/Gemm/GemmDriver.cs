using System.Numerics;
using System.Runtime.CompilerServices;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// The GotoBLAS/BLIS loop nest around one micro-kernel: jc (NC columns of B) → pc (KC depth, pack B)
/// → ic (MC rows of A, pack A) → jr (NR-wide B panel, stays in L1) → ir (MR-tall A panel, streamed
/// from L2) → kernel. Specialised by the JIT per (element type, kernel) because TK is a struct.
/// </summary>
internal static unsafe class GemmDriver<T, TK>
    where T : unmanaged, INumber<T>
    where TK : struct, IMicroKernel<T>
{
    /// <summary>Plans the call (threads, split, chunks) and runs it on the pool or on the calling thread.</summary>
    public static void Execute(ref GemmArgs<T> g, int maxThreads, long minWorkPerThread)
    {
        int m = g.M, n = g.N, k = g.K, MR = TK.MR, NR = TK.NR;
        long panelsM = (m + MR - 1) / MR, panelsN = (n + NR - 1) / NR;
        int threads = (int)Math.Clamp((long)m * n * k / minWorkPerThread, 1, maxThreads);
        g.KcMax = Balanced(k, TK.Blocking.KC, 1);

        // Split the dimension whose operand is larger: the other one is packed once and shared, so the
        // packing work is not duplicated, and the larger one is packed slice by slice by whoever owns it.
        bool splitN = (long)n * k >= (long)m * k ? panelsN >= threads || panelsN >= panelsM
                                                 : !(panelsM >= threads || panelsM >= panelsN);
        long panels = splitN ? panelsN : panelsM;
        threads = (int)Math.Min(threads, panels);
        g.SplitN = splitN;
        g.NextChunk = g.NextPack = g.PacksDone = 0;
        g.Shared = null;

        if (threads == 1)
        {
            g.Chunks = 1;
            g.ChunkPanels = (int)panels;
            GemmDriver<T, TK>.Entry(Unsafe.AsPointer(ref g), GemmWorkspace.Current);
            return;
        }

        // About four chunks per thread, so that a thread that starts late or is preempted hands its share
        // to the others; a split-M chunk stays within one MC block so its A block lives in L2.
        int chunk = (int)Math.Max(1, panels / ((long)Gemm.ChunksPerThread * threads));
        if (!splitN) chunk = Math.Min(chunk, Math.Max(1, TK.Blocking.MC / MR));
        else chunk = Math.Min(chunk, Math.Max(1, TK.Blocking.NC / NR));
        g.ChunkPanels = chunk;
        g.Chunks = (int)((panels + chunk - 1) / chunk);

        var ws = GemmWorkspace.Current;
        int sharedPanel = splitN ? MR : NR, sharedLength = splitN ? m : n;
        long sharedPadded = (long)(sharedLength + sharedPanel - 1) / sharedPanel * sharedPanel;
        if (sharedPadded * k <= Gemm.MaxSharedElements)
        {
            g.Shared = ws.PackShared<T>((nint)(sharedPadded * k));
            int sharedPanels = (int)(sharedPadded / sharedPanel);
            g.PanelsPerUnit = Math.Max(1, Math.Min(16, (sharedPanels + 1) / 2));
            g.UnitsPerBlock = (sharedPanels + g.PanelsPerUnit - 1) / g.PanelsPerUnit;
            g.PackUnits = g.UnitsPerBlock * ((k + g.KcMax - 1) / g.KcMax);
        }
        else
        {
            g.Chunks = threads; // every chunk repacks the unsplit operand: keep them few
            g.ChunkPanels = (int)((panels + threads - 1) / threads);
        }

        void* ctx = Unsafe.AsPointer(ref g);
        if (!GemmThreadPool.Shared.TryRun(&Entry, ctx, threads))
            Entry(ctx, ws); // pool busy with another caller: do it all here
    }

    /// <summary>Thread entry (the pool's job signature): helps pack the shared operand, then claims chunks.</summary>
    public static void Entry(void* ctx, GemmWorkspace ws)
    {
        ref GemmArgs<T> g = ref Unsafe.AsRef<GemmArgs<T>>(ctx);
        if (g.Shared != null)
        {
            int unit;
            while ((unit = Interlocked.Increment(ref g.NextPack) - 1) < g.PackUnits)
            {
                PackSharedUnit(ref g, unit);
                Interlocked.Increment(ref g.PacksDone);
            }
            var spin = new SpinWait();
            while (Volatile.Read(ref g.PacksDone) < g.PackUnits) spin.SpinOnce(sleep1Threshold: -1);
        }

        int chunk;
        while ((chunk = Interlocked.Increment(ref g.NextChunk) - 1) < g.Chunks)
        {
            int p0 = chunk * g.ChunkPanels, p1 = p0 + g.ChunkPanels;
            if (g.SplitN)
                Block(ref g, 0, g.M, p0 * TK.NR, Math.Min(g.N, p1 * TK.NR), ws);
            else
                Block(ref g, p0 * TK.MR, Math.Min(g.M, p1 * TK.MR), 0, g.N, ws);
        }
    }

    /// <summary>Packs one depth block × PanelsPerUnit panels of the shared operand.</summary>
    private static void PackSharedUnit(ref GemmArgs<T> g, int unit)
    {
        int pc = unit / g.UnitsPerBlock * g.KcMax, kc = Math.Min(g.KcMax, g.K - pc);
        int group = unit % g.UnitsPerBlock;
        if (g.SplitN)
        {
            int i0 = group * g.PanelsPerUnit * TK.MR, mc = Math.Min(g.PanelsPerUnit * TK.MR, g.M - i0);
            if (mc > 0) GemmPacking.PackA(in g, TK.MR, i0, mc, pc, kc, g.Shared + pc * PaddedM(in g) + (nint)i0 * kc);
        }
        else
        {
            int j0 = group * g.PanelsPerUnit * TK.NR, nc = Math.Min(g.PanelsPerUnit * TK.NR, g.N - j0);
            if (nc > 0) GemmPacking.PackB(in g, TK.NR, pc, kc, j0, nc, g.Shared + pc * PaddedN(in g) + (nint)j0 * kc);
        }
    }

    // The shared operand holds, for each depth block starting at pc, all its panels: PaddedM·kc (or PaddedN·kc)
    // values at offset pc·PaddedM, so block q never depends on the sizes of the others.
    private static nint PaddedM(in GemmArgs<T> g) => (g.M + TK.MR - 1) / TK.MR * TK.MR;
    private static nint PaddedN(in GemmArgs<T> g) => (g.N + TK.NR - 1) / TK.NR * TK.NR;

    /// <summary>C[m0..m1, n0..n1) over the whole depth K, packing whatever is not shared.</summary>
    private static void Block(ref GemmArgs<T> g, int m0, int m1, int n0, int n1, GemmWorkspace ws)
    {
        if (m0 >= m1 || n0 >= n1) return;
        int MR = TK.MR, NR = TK.NR;
        GemmBlocking bl = TK.Blocking;
        bool sharedA = g.Shared != null && g.SplitN, sharedB = g.Shared != null && !g.SplitN;

        int kcMax = g.KcMax;
        int mcMax = Balanced(m1 - m0, bl.MC, MR);
        int ncMax = Balanced(n1 - n0, bl.NC, NR);
        T* pa = sharedA ? null : ws.PackA<T>((nint)mcMax * kcMax);
        T* pb = sharedB ? null : ws.PackB<T>((nint)ncMax * kcMax);
        nint ldc = g.Ldc;

        for (int jc = n0; jc < n1; jc += ncMax)
        {
            int nc = Math.Min(ncMax, n1 - jc);
            for (int pc = 0; pc < g.K; pc += kcMax)
            {
                int kc = Math.Min(kcMax, g.K - pc);
                T* bBlock = pb;
                if (sharedB) bBlock = g.Shared + pc * PaddedN(in g) + (nint)jc * kc;
                else GemmPacking.PackB(in g, NR, pc, kc, jc, nc, pb);

                // Beta and bias apply once, on the first depth block; later blocks accumulate into C.
                // ReLU can only be applied once the last block has been added.
                bool first = pc == 0;
                T beta = first ? g.Beta : T.One;
                T* bias = first && g.Bias != null ? g.Bias + jc : null;
                bool relu = g.Relu && pc + kc == g.K;

                for (int ic = m0; ic < m1; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, m1 - ic);
                    T* aBlock = pa;
                    if (sharedA) aBlock = g.Shared + pc * PaddedM(in g) + (nint)ic * kc;
                    else GemmPacking.PackA(in g, MR, ic, mc, pc, kc, pa);
                    for (int jr = 0; jr < nc; jr += NR)
                    {
                        int nr = Math.Min(NR, nc - jr);
                        T* bp = bBlock + (nint)jr * kc;
                        T* biasj = bias == null ? null : bias + jr;
                        T* crow = g.C + ic * ldc + jc + jr;
                        for (int ir = 0; ir < mc; ir += MR)
                        {
                            int mr = Math.Min(MR, mc - ir);
                            T* ap = aBlock + (nint)ir * kc;
                            T* cp = crow + ir * ldc;
                            if (mr == MR && nr == NR)
                                TK.Run(kc, ap, bp, cp, ldc, beta, biasj, relu);
                            else
                                TK.RunEdge(kc, ap, bp, cp, ldc, beta, biasj, relu, mr, nr);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Splits length into equal blocks of at most max (rounded up to a multiple): 784 → 4 × 196, not 3 × 256 + 16.</summary>
    private static int Balanced(int length, int max, int multiple)
    {
        int blocks = Math.Max(1, (length + max - 1) / max);
        int size = (length + blocks - 1) / blocks;
        return Math.Max(multiple, (size + multiple - 1) / multiple * multiple);
    }
}
