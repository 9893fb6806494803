namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// A register-blocked GEMM micro-kernel: multiplies an MR×kc packed A panel by a kc×NR packed B panel
/// and writes the MR×NR tile to C through a small epilogue. Implementations are structs so that the
/// generic driver is specialised per kernel by the JIT and the call inlines (static abstract members).
/// </summary>
internal unsafe interface IMicroKernel<T> where T : unmanaged
{
    /// <summary>Rows of the register tile (broadcast from packed A).</summary>
    static abstract int MR { get; }

    /// <summary>Columns of the register tile (vector loads from packed B).</summary>
    static abstract int NR { get; }

    /// <summary>Cache blocking for this kernel: depth, rows of A and columns of B per block.</summary>
    static abstract GemmBlocking Blocking { get; }

    /// <summary>
    /// Full tile: C[0..MR, 0..NR) = acc + beta*C (C not read when beta is 0) + bias[j], then ReLU if asked.
    /// The MR values of A for depth p start at a + p·<paramref name="lda"/> and B row p of the panel at
    /// b + p·<paramref name="ldb"/>: lda = MR and ldb = NR for packed panels, or the matrix's own leading dimension
    /// when Aᵀ or B is read in place; any alignment.
    /// </summary>
    static abstract void Run(int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, T beta, T* bias, bool relu);

    /// <summary>
    /// Partial tile at the matrix edge: as <see cref="Run"/> but only the first <paramref name="mr"/> rows and
    /// <paramref name="nr"/> columns of C (and of bias) are touched. All MR values of A and all NR columns of B must
    /// still be readable for every depth (packed, zero-padded panels at the matrix edge).
    /// </summary>
    static abstract void RunEdge(int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, T beta, T* bias, bool relu, int mr, int nr);
}

/// <summary>Cache block sizes: the packed MC×KC block of A should sit in L2; the KC×NR panel of B is read from L1 or L2.</summary>
internal sealed class GemmBlocking
{
    /// <summary>Maximum depth (k) of one packed block.</summary>
    public int KC;

    /// <summary>Maximum rows of A packed at a time (rounded to MR).</summary>
    public int MC;

    /// <summary>Maximum columns of B packed at a time (rounded to NR).</summary>
    public int NC;

    public GemmBlocking(int kc, int mc, int nc) { KC = kc; MC = mc; NC = nc; }
}
