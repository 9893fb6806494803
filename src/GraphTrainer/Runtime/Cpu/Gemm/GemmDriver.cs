using System.Numerics;
using System.Runtime.CompilerServices;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// The GotoBLAS/BLIS loop nest around one micro-kernel: jc (NC columns of B) → pc (KC depth, pack B unless it
/// is read in place) → ic (MC rows of A, pack A unless Aᵀ is read in place) → jr (NR-wide B panel, from L1/L2)
/// → ir (MR-tall A panel, streamed from L2) → kernel. Specialised by the JIT per (element type, kernel) because
/// TK is a struct.
/// </summary>
internal static unsafe class GemmDriver<T, TK>
    where T : unmanaged, INumber<T>
    where TK : struct, IMicroKernel<T>
{
    /// <summary>Plans the call (threads, split, chunks) and runs it on the pool or on the calling thread.</summary>
    public static void Execute(ref GemmArgs<T> g, int maxThreads, long minWorkPerThread)
    {
        GemmTrace.Start();
        int m = g.M, n = g.N, k = g.K, MR = TK.MR, NR = TK.NR;
        long panelsM = (m + MR - 1) / MR, panelsN = (n + NR - 1) / NR;
        int threads = (int)Math.Clamp((long)m * n * k / minWorkPerThread, 1, maxThreads);
        g.KcMax = Balanced(k, TK.Blocking.KC, 1);

        // B is read in place when it is not transposed and each of its panels meets only one MC block of A per
        // depth block: with more, a packed copy is read from L1/L2 several times and pays for itself (1024³ runs
        // 20 % slower in place), with one it is a copy made to be read once. Not when a panel's rows are 4 KB apart
        // (they share cache sets) or B is much larger than L2 (each panel then streams from memory in page-sized
        // strides): Deep MNIST's fc1, 50×3136×1024 with ldb 1024, took 14 ms in place and 6 ms packed.
        g.DirectB = !g.BPacked && !g.TransB && m <= TK.Blocking.MC && Gemm.ReadBInPlace && !StridesAlias<T>(g.Ldb, k)
                    && (long)k * g.Ldb * sizeof(T) <= Gemm.MaxDirectBBytes;
        // Aᵀ stored k×m already holds, for each depth, MR consecutive values of the rows of op(A): the kernel can
        // broadcast them in place. Alpha is then folded into packed B instead, so B must be packed unless alpha = 1.
        g.DirectA = !g.APacked && g.TransA && (g.Alpha == T.One || !g.DirectB) && Gemm.ReadAInPlace;
        g.ScaleA = g.DirectA ? T.One : g.Alpha;
        g.ScaleB = g.DirectA ? g.Alpha : T.One;

        // Split the dimension whose operand is larger, so that the operand every thread needs in full (and packs
        // for itself) is the smaller one. (Splitting N when op(A) is read in place measured 4 % slower at
        // 784x100x300_tA, though it spares the next write of B a cross-core invalidation in the MLP step.)
        bool splitN = n >= m ? panelsN >= threads || panelsN >= panelsM
                             : !(panelsM >= threads || panelsM >= panelsN);
        long panels = splitN ? panelsN : panelsM;
        threads = (int)Math.Min(threads, panels);
        g.SplitN = splitN;
        g.CallerThread = Environment.CurrentManagedThreadId;
        g.PackWhole = false;

        if (threads == 1)
        {
            g.Chunks = 1;
            g.ChunkPanels = (int)panels;
            g.Unclaimed = ChunkClaims.All(1);
            Entry(Unsafe.AsPointer(ref g), GemmWorkspace.Current);
            GemmTrace.Finish();
            return;
        }

        // Nothing packed is shared between threads: on this machine a core reading what the other core has just
        // written (a shared packed operand) costs far more than packing it twice (sharing, A of 100×784×300 took
        // 29 µs to pack on two threads against 11 µs on one, and the kernels then ran ~30 % slower). A small unsplit operand is packed
        // whole by each thread that takes part, and C is cut into about ChunksPerThread chunks per thread so that a
        // thread that starts late or is preempted hands its share to the others. A large one is packed block by block
        // inside each chunk, so chunks are kept long enough (MinChunkLength) for that duplicated packing to stay small.
        // (An operand read in place needs no packing at all.)
        bool unsplitPacked = splitN ? !g.DirectA && !g.APacked : !g.DirectB && !g.BPacked;
        long unsplit = (splitN ? panelsM * MR : panelsN * NR) * k;
        // One that a chunk would pack as a single block anyway (it fits one KC-deep NC or MC block) is packed whole
        // too, or every chunk repacks the same block (10000x784x200, B 784x200: +4 % on two threads).
        bool oneBlock = k <= g.KcMax && (splitN ? m <= TK.Blocking.MC : n <= TK.Blocking.NC);
        g.PackWhole = unsplitPacked && (unsplit <= Gemm.MaxWholeElements || oneBlock);
        bool packPerChunk = unsplitPacked && !g.PackWhole;
        long chunks = (long)Gemm.ChunksPerThread * threads;
        if (packPerChunk)
            chunks = Math.Clamp((splitN ? n : m) / Gemm.MinChunkLength, threads, chunks);
        int chunk = (int)Math.Max(1, panels / chunks);
        // Unless B is repacked per chunk, a split-M chunk stays within one MC block so that its packed A lives in L2.
        if (!packPerChunk && !splitN) chunk = Math.Min(chunk, Math.Max(1, TK.Blocking.MC / MR));
        g.ChunkPanels = chunk;
        g.Chunks = (int)((panels + chunk - 1) / chunk);
        g.Unclaimed = ChunkClaims.All(g.Chunks);

        void* ctx = Unsafe.AsPointer(ref g);
        if (!GemmThreadPool.Shared.TryRun(&Entry, ctx, threads))
            Entry(ctx, GemmWorkspace.Current); // pool busy with another caller: do it all here
        GemmTrace.Finish();
    }

    // Rows whose distance is a multiple of 4 KB map to the same L1/L2 sets: a deep panel read in place evicts itself.
    private static bool StridesAlias<TE>(nint ld, int k) where TE : unmanaged => k > 16 && ld * sizeof(TE) % 4096 == 0;

    /// <summary>Thread entry (the pool's job signature): claims chunks of C until none is left.</summary>
    public static void Entry(void* ctx, GemmWorkspace ws)
    {
        ref GemmArgs<T> g = ref Unsafe.AsRef<GemmArgs<T>>(ctx);
        bool caller = Environment.CurrentManagedThreadId == g.CallerThread;
        GemmTrace.Enter(caller);
        T* whole = null;
        int chunk;
        while ((chunk = ChunkClaims.Claim(ref g.Unclaimed, caller)) >= 0)
        {
            GemmTrace.Chunk();
            if (g.PackWhole && whole == null) whole = PackWholeOperand(ref g, ws);
            int p0 = chunk * g.ChunkPanels, p1 = p0 + g.ChunkPanels;
            if (g.SplitN)
                Block(ref g, 0, g.M, p0 * TK.NR, Math.Min(g.N, p1 * TK.NR), ws, whole);
            else
                Block(ref g, p0 * TK.MR, Math.Min(g.M, p1 * TK.MR), 0, g.N, ws, whole);
        }
        GemmTrace.Leave();
    }

    /// <summary>
    /// Packs the whole unsplit operand (A for split N, B for split M) into this thread's workspace. For each depth
    /// block starting at pc it holds all panels, PaddedM·kc (or PaddedN·kc) values at offset pc·PaddedM (pc·PaddedN).
    /// </summary>
    private static T* PackWholeOperand(ref GemmArgs<T> g, GemmWorkspace ws)
    {
        GemmTrace.Begin();
        nint padded = g.SplitN ? PaddedM(in g) : PaddedN(in g);
        T* dst = ws.PackWhole<T>(padded * g.K);
        for (int pc = 0; pc < g.K; pc += g.KcMax)
        {
            int kc = Math.Min(g.KcMax, g.K - pc);
            if (g.SplitN) GemmPacking.PackA(in g, TK.MR, 0, g.M, pc, kc, dst + pc * padded);
            else GemmPacking.PackB(in g, TK.NR, pc, kc, 0, g.N, dst + pc * padded);
        }
        GemmTrace.End(GemmTrace.Slot.PackWhole);
        return dst;
    }

    private static nint PaddedM(in GemmArgs<T> g) => (g.M + TK.MR - 1) / TK.MR * TK.MR;
    private static nint PaddedN(in GemmArgs<T> g) => (g.N + TK.NR - 1) / TK.NR * TK.NR;

    /// <summary>C[m0..m1, n0..n1) over the whole depth K; packs what <paramref name="whole"/> (when not null) does not hold.</summary>
    private static void Block(ref GemmArgs<T> g, int m0, int m1, int n0, int n1, GemmWorkspace ws, T* whole)
    {
        if (m0 >= m1 || n0 >= n1) return;
        int MR = TK.MR, NR = TK.NR;
        GemmBlocking bl = TK.Blocking;
        bool wholeA = whole != null && g.SplitN, wholeB = whole != null && !g.SplitN;

        int kcMax = g.KcMax;
        int mcMax = Balanced(m1 - m0, bl.MC, MR);
        int ncMax = Balanced(n1 - n0, bl.NC, NR);
        // An operand read in place needs a packed buffer only for a last, partial panel (the kernel reads MR rows
        // of A and NR columns of B).
        T* pa = wholeA || g.APacked ? null : ws.PackA<T>((nint)(g.DirectA ? MR : mcMax) * kcMax);
        T* pb = wholeB || g.BPacked ? null : ws.PackB<T>((nint)(g.DirectB ? NR : ncMax) * kcMax);
        nint ldc = g.Ldc;

        for (int jc = n0; jc < n1; jc += ncMax)
        {
            int nc = Math.Min(ncMax, n1 - jc);
            for (int pc = 0; pc < g.K; pc += kcMax)
            {
                int kc = Math.Min(kcMax, g.K - pc);
                T* bBlock = pb;
                // Distance between consecutive panels: the block's depth when packed here, the whole K when pre-packed.
                nint bPanelDepth = g.BPacked ? g.K : kc;
                if (wholeB) bBlock = whole + pc * PaddedN(in g) + (nint)jc * kc;
                else if (g.BPacked) bBlock = g.B + (nint)jc * g.K + (nint)pc * NR;
                else if (!g.DirectB)
                {
                    GemmTrace.Begin();
                    GemmPacking.PackB(in g, NR, pc, kc, jc, nc, pb);
                    GemmTrace.End(GemmTrace.Slot.PackB);
                }

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
                    nint aPanelDepth = g.APacked ? g.K : kc;
                    if (wholeA) aBlock = whole + pc * PaddedM(in g) + (nint)ic * kc;
                    else if (g.APacked) aBlock = g.A + (nint)ic * g.K + (nint)pc * MR;
                    else if (g.DirectA)
                    {
                        if (mc % MR != 0) GemmPacking.PackA(in g, MR, ic + mc / MR * MR, mc % MR, pc, kc, pa);
                    }
                    else
                    {
                        GemmTrace.Begin();
                        GemmPacking.PackA(in g, MR, ic, mc, pc, kc, pa);
                        GemmTrace.End(GemmTrace.Slot.PackA);
                    }
                    GemmTrace.Begin();
                    for (int jr = 0; jr < nc; jr += NR)
                    {
                        int nr = Math.Min(NR, nc - jr);
                        T* bp = bBlock + jr * bPanelDepth;
                        nint ldb = NR;
                        if (g.DirectB) bp = PanelInPlace(ref g, pc, kc, jc + jr, nr, pb, ref ldb);
                        T* biasj = bias == null ? null : bias + jr;
                        T* crow = g.C + ic * ldc + jc + jr;
                        for (int ir = 0; ir < mc; ir += MR)
                        {
                            int mr = Math.Min(MR, mc - ir);
                            T* ap = aBlock + ir * aPanelDepth;
                            nint lda = MR;
                            if (g.DirectA)
                            {
                                ap = mr == MR ? g.A + pc * g.Lda + ic + ir : pa;
                                lda = mr == MR ? g.Lda : MR;
                            }
                            T* cp = crow + ir * ldc;
                            if (mr == MR && nr == NR)
                                TK.Run(kc, ap, lda, bp, ldb, cp, ldc, beta, biasj, relu);
                            else
                                TK.RunEdge(kc, ap, lda, bp, ldb, cp, ldc, beta, biasj, relu, mr, nr);
                        }
                    }
                    GemmTrace.End(GemmTrace.Slot.Kernel);
                }
            }
        }
    }

    /// <summary>
    /// A B panel read in place: rows pc.. of columns j0..j0+NR of B itself (stride ldb), or, for a last panel narrower
    /// than NR, that panel packed into <paramref name="buffer"/> (stride NR) so that the kernel never reads past B.
    /// </summary>
    private static T* PanelInPlace(ref GemmArgs<T> g, int pc, int kc, int j0, int nr, T* buffer, ref nint ldb)
    {
        if (nr == TK.NR)
        {
            ldb = g.Ldb;
            return g.B + pc * g.Ldb + j0;
        }
        GemmPacking.PackB(in g, TK.NR, pc, kc, j0, nr, buffer); // (timed as kernel time by GemmTrace)
        return buffer;
    }

    /// <summary>Splits length into equal blocks of at most max (rounded up to a multiple): 784 → 4 × 196, not 3 × 256 + 16.</summary>
    private static int Balanced(int length, int max, int multiple)
    {
        int blocks = Math.Max(1, (length + max - 1) / max);
        int size = (length + blocks - 1) / blocks;
        return Math.Max(multiple, (size + multiple - 1) / multiple * multiple);
    }
}
