namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// One GEMM call, flattened to pointers so that worker threads can read it through a single pointer
/// (spans cannot cross to other threads; the caller keeps them pinned until every worker is done),
/// plus the work plan and the counter through which threads share it out.
/// </summary>
internal unsafe struct GemmArgs<T> where T : unmanaged
{
    public T* A, B, C;
    /// <summary>Bias of length N, or null.</summary>
    public T* Bias;
    public nint Lda, Ldb, Ldc;
    public int M, N, K;
    public T Alpha, Beta;
    public bool TransA, TransB, Relu;
    /// <summary>
    /// A (B) already holds the kernel's packed panels over the whole depth, as <see cref="GemmPacking.PackA{T}"/>
    /// (<see cref="GemmPacking.PackB{T}"/>) writes them for all M rows (N columns) and kc = K: panel i at i·MR·K (i·NR·K),
    /// zero-padded to whole panels; the matrix's transpose flag and leading dimension are then ignored.
    /// </summary>
    public bool APacked, BPacked;
    /// <summary>False forces scalar packing (tests of the portable path).</summary>
    public bool SimdPack;

    // ---- plan (GemmDriver.Execute) ----
    /// <summary>C is cut into chunks along N (true) or along M (false).</summary>
    public bool SplitN;
    /// <summary>Number of chunks and their size in MR (split M) or NR (split N) panels.</summary>
    public int Chunks, ChunkPanels;
    /// <summary>Depth of every packed block but the last (same for all threads).</summary>
    public int KcMax;
    /// <summary>
    /// Each thread packs the whole unsplit operand (A for split N, B for split M) once, into its own
    /// workspace, before its first chunk; otherwise every chunk packs the blocks it needs as it goes.
    /// </summary>
    public bool PackWhole;
    /// <summary>The kernel reads B (not transposed) in place, row by row, instead of a packed copy.</summary>
    public bool DirectB;
    /// <summary>The kernel reads Aᵀ (transposed A) in place instead of a packed copy.</summary>
    public bool DirectA;
    /// <summary>Factors that packing A and packing B fold in: alpha for exactly one of them (B when A is read in place), 1 for the other.</summary>
    public T ScaleA, ScaleB;

    // ---- work sharing ----
    /// <summary>
    /// Unclaimed chunks [low 32 bits, high 32 bits), claimed with compare-and-swap: the caller takes them from the
    /// front and workers from the back, so each thread tends to get the same part of C (and of the split operand)
    /// call after call, which then is still in its own cache; a late or preempted thread's share is taken over.
    /// </summary>
    public long Unclaimed;
    /// <summary>Managed thread id of the caller (it claims from the front).</summary>
    public int CallerThread;
}
