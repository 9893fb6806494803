using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>Micro-kernel families; <see cref="Gemm.ForceKernel"/> selects one for tests.</summary>
internal enum GemmKernel
{
    /// <summary>Best kernel the CPU supports.</summary>
    Auto,
    /// <summary>AVX-512F, 512-bit FMA.</summary>
    Avx512,
    /// <summary>AVX2 + FMA3, 256-bit.</summary>
    Avx2,
    /// <summary>System.Numerics.Vector&lt;T&gt; and scalar packing; runs anywhere.</summary>
    Portable,
}

/// <summary>
/// Row-major general matrix multiply (BLAS sgemm/dgemm semantics) with packed panels, cache blocking,
/// SIMD micro-kernels chosen at run time and a persistent worker pool. Pure functions over spans.
/// </summary>
public static unsafe class Gemm
{
    // Below this many multiply-adds per thread the dispatch and duplicated packing cost more than they save
    // (about 5 µs of single-core work at the AVX-512 rate).
    internal static long MinWorkPerThread = 1L << 20;

    // An unsplit operand (the one every thread needs in full) of at most this many elements, padded, is packed
    // whole by each thread (it then stays in that core's 1 MB L2: 512 KB); a larger one is packed per chunk.
    internal static long MaxWholeElements = 128L << 10;

    // Allows reading B in place for short, wide products (see GemmDriver.Execute): copying B is a tenth of a
    // 1-thread 100×784×300 call, and the kernel reads an unpacked panel almost as fast.
    internal static bool ReadBInPlace = true;

    // Largest B (depth × leading dimension) read in place: about the L2 size; beyond it packing pays (see GemmDriver.Execute).
    internal static long MaxDirectBBytes = 2L << 20;

    // Allows reading a transposed A in place (see GemmDriver.Execute).
    internal static bool ReadAInPlace = true;

    // Chunks of C per thread: more let a late or preempted thread's share move to the others.
    internal static int ChunksPerThread = 4;

    // When chunks pack the unsplit operand themselves, a chunk spans at least this many rows (split M) or
    // columns (split N): the duplicated packing then costs a few per cent of the chunk's multiply-adds.
    internal static int MinChunkLength = 512;

    private static int s_maxThreads = Environment.ProcessorCount;

    [ThreadStatic] private static GemmKernel t_forceKernel;

    /// <summary>Maximum worker threads used by one call, caller included (default Environment.ProcessorCount). 1 = single threaded.</summary>
    public static int MaxThreads
    {
        get => s_maxThreads;
        set => s_maxThreads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxThreads must be at least 1.");
    }

    /// <summary>Kernel family for calls made on this thread (tests); Auto picks the best supported one.</summary>
    internal static GemmKernel ForceKernel
    {
        get => t_forceKernel;
        set => t_forceKernel = IsSupported(value) ? value : throw new PlatformNotSupportedException($"GEMM kernel {value} is not supported on this CPU.");
    }

    /// <summary>Whether the CPU can run the given kernel family.</summary>
    internal static bool IsSupported(GemmKernel kernel) => kernel switch
    {
        GemmKernel.Avx512 => Avx512F.IsSupported,
        GemmKernel.Avx2 => Avx2.IsSupported && Fma.IsSupported,
        _ => true,
    };

    /// <summary>The kernel family a call on this thread would use.</summary>
    internal static GemmKernel SelectedKernel =>
        t_forceKernel != GemmKernel.Auto ? t_forceKernel
        : IsSupported(GemmKernel.Avx512) ? GemmKernel.Avx512
        : IsSupported(GemmKernel.Avx2) ? GemmKernel.Avx2
        : GemmKernel.Portable;

    /// <summary>
    /// C = alpha·op(A)·op(B) + beta·C for row-major float matrices; op(X) is X or Xᵀ. op(A) is m×k, op(B) is k×n,
    /// C is m×n. When beta is 0, C is not read (it may hold garbage such as NaN).
    /// </summary>
    /// <param name="transA">Use Aᵀ: A is stored k×m.</param>
    /// <param name="transB">Use Bᵀ: B is stored n×k.</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">Matrix A, row-major.</param>
    /// <param name="lda">Distance between rows of A as stored (at least its column count).</param>
    /// <param name="b">Matrix B, row-major.</param>
    /// <param name="ldb">Distance between rows of B as stored.</param>
    /// <param name="beta">Scale of the existing C.</param>
    /// <param name="c">Matrix C, row-major, updated in place.</param>
    /// <param name="ldc">Distance between rows of C (at least n).</param>
    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc, 0);
        fixed (float* pa = a, pb = b, pc = c)
        {
            var g = Args(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, null, false);
            Execute(SelectedKernel, ref g);
        }
    }

    /// <summary>C = alpha·op(A)·op(B) + beta·C for row-major double matrices; see <see cref="Sgemm"/>.</summary>
    /// <param name="transA">Use Aᵀ: A is stored k×m.</param>
    /// <param name="transB">Use Bᵀ: B is stored n×k.</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">Matrix A, row-major.</param>
    /// <param name="lda">Distance between rows of A as stored.</param>
    /// <param name="b">Matrix B, row-major.</param>
    /// <param name="ldb">Distance between rows of B as stored.</param>
    /// <param name="beta">Scale of the existing C (C not read when 0).</param>
    /// <param name="c">Matrix C, row-major, updated in place.</param>
    /// <param name="ldc">Distance between rows of C.</param>
    public static void Dgemm(bool transA, bool transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
    {
        Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc, 0);
        fixed (double* pa = a, pb = b, pc = c)
        {
            var g = Args(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, null, false);
            Execute(SelectedKernel, ref g);
        }
    }

    /// <summary>
    /// Fused layer: C = op(A)·op(B) + bias (bias[j] added to every row; empty for none), then max(0, ·) if
    /// <paramref name="relu"/>. C is only written, so its previous contents do not matter.
    /// </summary>
    /// <param name="transA">Use Aᵀ: A is stored k×m.</param>
    /// <param name="transB">Use Bᵀ: B is stored n×k.</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="a">Matrix A, row-major.</param>
    /// <param name="lda">Distance between rows of A as stored.</param>
    /// <param name="b">Matrix B, row-major.</param>
    /// <param name="ldb">Distance between rows of B as stored.</param>
    /// <param name="bias">Length n, or empty.</param>
    /// <param name="relu">Apply ReLU after the bias.</param>
    /// <param name="c">Output, row-major.</param>
    /// <param name="ldc">Distance between rows of C.</param>
    public static void SgemmBiasAct(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, ReadOnlySpan<float> bias, bool relu, Span<float> c, int ldc)
    {
        Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc, bias.Length);
        fixed (float* pa = a, pb = b, pc = c, pbias = bias)
        {
            var g = Args(transA, transB, m, n, k, 1f, pa, lda, pb, ldb, 0f, pc, ldc, bias.IsEmpty ? null : pbias, relu);
            Execute(SelectedKernel, ref g);
        }
    }

    /// <summary>Rows (MR) and columns (NR) of the register tile of a kernel family (from <see cref="SelectedKernel"/>) for T.</summary>
    internal static (int MR, int NR) PanelShape<T>(GemmKernel kernel) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            return kernel switch
            {
                GemmKernel.Avx512 => (Avx512KernelF32.MR, Avx512KernelF32.NR),
                GemmKernel.Avx2 => (Avx2KernelF32.MR, Avx2KernelF32.NR),
                _ => (PortableKernelF32.MR, PortableKernelF32.NR),
            };
        return kernel switch
        {
            GemmKernel.Avx512 => (Avx512KernelF64.MR, Avx512KernelF64.NR),
            GemmKernel.Avx2 => (Avx2KernelF64.MR, Avx2KernelF64.NR),
            _ => (PortableKernelF64.MR, PortableKernelF64.NR),
        };
    }

    /// <summary>
    /// C = op(A)·op(B) + beta·C + bias (null for none), then ReLU if asked, over raw pointers, where either operand may
    /// already be packed in the panel layout of <paramref name="kernel"/> (see <see cref="GemmArgs{T}.APacked"/>; its
    /// transpose flag and leading dimension are then ignored). The kernel family is the packer's, passed along because a
    /// worker thread's own choice may differ (<see cref="ForceKernel"/> is per thread).
    /// </summary>
    internal static void Pointers<T>(GemmKernel kernel, int m, int n, int k, bool transA, bool aPacked, T* a, int lda,
        bool transB, bool bPacked, T* b, int ldb, T beta, T* c, int ldc, T* bias = null, bool relu = false) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            var g = Args(transA, transB, m, n, k, 1f, (float*)a, lda, (float*)b, ldb, Unsafe.As<T, float>(ref beta), (float*)c, ldc, (float*)bias, relu);
            g.APacked = aPacked;
            g.BPacked = bPacked;
            Execute(kernel, ref g);
        }
        else
        {
            var g = Args(transA, transB, m, n, k, 1.0, (double*)a, lda, (double*)b, ldb, Unsafe.As<T, double>(ref beta), (double*)c, ldc, (double*)bias, relu);
            g.APacked = aPacked;
            g.BPacked = bPacked;
            Execute(kernel, ref g);
        }
    }

    /// <summary>Elements <see cref="PackB{T}"/> writes for a k×n matrix: n rounded up to whole NR panels, times k.</summary>
    internal static long PackedBLength<T>(GemmKernel kernel, int k, int n) where T : unmanaged
    {
        int nr = PanelShape<T>(kernel).NR;
        return (long)(n + nr - 1) / nr * nr * k;
    }

    /// <summary>Packs op(B) (k×n; B stored n×k when transposed, row-major, leading dimension ldb) whole for <see cref="Pointers{T}"/>.</summary>
    internal static void PackB<T>(GemmKernel kernel, int k, int n, T* b, bool transB, int ldb, T* dst) where T : unmanaged, INumber<T>
    {
        var g = new GemmArgs<T> { B = b, Ldb = ldb, K = k, N = n, TransB = transB, ScaleB = T.One, SimdPack = kernel != GemmKernel.Portable };
        GemmPacking.PackB(in g, PanelShape<T>(kernel).NR, 0, k, 0, n, dst);
    }

    private static GemmArgs<T> Args<T>(bool transA, bool transB, int m, int n, int k, T alpha, T* a, int lda,
        T* b, int ldb, T beta, T* c, int ldc, T* bias, bool relu) where T : unmanaged => new()
    {
        TransA = transA, TransB = transB, M = m, N = n, K = k, Alpha = alpha, Beta = beta,
        A = a, Lda = lda, B = b, Ldb = ldb, C = c, Ldc = ldc, Bias = bias, Relu = relu,
        SimdPack = t_forceKernel != GemmKernel.Portable,
    };

    private static void Execute(GemmKernel kernel, ref GemmArgs<float> g)
    {
        if (g.M == 0 || g.N == 0) return;
        if (g.K == 0 || g.Alpha == 0f) { GemmEpilogue.ScaleOnly(in g); return; }
        g.SimdPack &= kernel != GemmKernel.Portable;
        switch (kernel)
        {
            case GemmKernel.Avx512: GemmDriver<float, Avx512KernelF32>.Execute(ref g, s_maxThreads, MinWorkPerThread); break;
            case GemmKernel.Avx2: GemmDriver<float, Avx2KernelF32>.Execute(ref g, s_maxThreads, MinWorkPerThread); break;
            default: GemmDriver<float, PortableKernelF32>.Execute(ref g, s_maxThreads, MinWorkPerThread); break;
        }
    }

    private static void Execute(GemmKernel kernel, ref GemmArgs<double> g)
    {
        if (g.M == 0 || g.N == 0) return;
        if (g.K == 0 || g.Alpha == 0d) { GemmEpilogue.ScaleOnly(in g); return; }
        g.SimdPack &= kernel != GemmKernel.Portable;
        switch (kernel)
        {
            case GemmKernel.Avx512: GemmDriver<double, Avx512KernelF64>.Execute(ref g, s_maxThreads, MinWorkPerThread); break;
            case GemmKernel.Avx2: GemmDriver<double, Avx2KernelF64>.Execute(ref g, s_maxThreads, MinWorkPerThread); break;
            default: GemmDriver<double, PortableKernelF64>.Execute(ref g, s_maxThreads, MinWorkPerThread); break;
        }
    }

    private static void Validate(bool transA, bool transB, int m, int n, int k, int aLen, int lda,
        int bLen, int ldb, int cLen, int ldc, int biasLen)
    {
        if (m < 0) throw new ArgumentOutOfRangeException(nameof(m), m, "Must be non-negative.");
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "Must be non-negative.");
        if (k < 0) throw new ArgumentOutOfRangeException(nameof(k), k, "Must be non-negative.");
        CheckMatrix("a", "lda", transA ? k : m, transA ? m : k, aLen, lda);
        CheckMatrix("b", "ldb", transB ? n : k, transB ? k : n, bLen, ldb);
        CheckMatrix("c", "ldc", m, n, cLen, ldc);
        if (biasLen != 0 && biasLen < n)
            throw new ArgumentException($"Bias has {biasLen} elements but C has {n} columns.", "bias");
    }

    private static void CheckMatrix(string name, string ldName, int rows, int cols, int length, int ld)
    {
        if (ld < Math.Max(1, cols))
            throw new ArgumentOutOfRangeException(ldName, ld, $"Leading dimension must be at least {Math.Max(1, cols)} (the row width of {name}).");
        long need = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
        if (length < need)
            throw new ArgumentException($"Matrix {name} ({rows}×{cols}, leading dimension {ld}) needs {need} elements but the span has {length}.", name);
    }
}
