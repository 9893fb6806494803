namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// One GEMM call, flattened to pointers so that worker threads can read it through a single pointer
/// (spans cannot cross to other threads; the caller keeps them pinned until every worker is done),
/// plus the work plan and the counters through which threads share it out.
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
    /// When not null, the operand that is not split (A for split N, B for split M) packed once for the whole
    /// depth, shared by all threads; otherwise each chunk packs what it needs.
    /// </summary>
    public T* Shared;
    /// <summary>Pack units of <see cref="Shared"/>: one depth block × up to PanelsPerUnit panels each.</summary>
    public int PackUnits, UnitsPerBlock, PanelsPerUnit;

    // ---- counters, claimed with Interlocked so that a late or descheduled thread's share is taken over ----
    public int NextPack, PacksDone, NextChunk;
}
