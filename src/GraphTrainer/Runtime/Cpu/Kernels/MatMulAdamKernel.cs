using System.Numerics;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// ApplyAdam whose gradient is a MatMul (a dense layer's weights): the gradient is made a block of rows at a time in a
/// thread's scratch, where Adam's update reads it while it is still in cache, instead of being stored whole and read back
/// (Deep MNIST's fc1: 12.8 MB written and read again per step). Every gradient value is the one the MatMul would
/// give (the same products summed in the same order), so the update is the unfused one's, bit for bit.
/// </summary>
internal static unsafe class MatMulAdamKernel
{
    /// <summary>Gradient rows per block: about 256 KB of scratch, so the block, and the rows of var, m and v it updates, stay in L2.</summary>
    internal static int BlockBytes = 256 * 1024;

    // ThreadScratch slots: each thread's gradient block; the caller's packed op(B), which every thread reads.
    private const int BlockSlot = 0, PackedBSlot = 2;

    private struct Job<T> where T : unmanaged
    {
        public T* Var, M, V, A, PackedB;
        public int Rows, N, K, Lda, BlockRows, Blocks;
        public bool TransA;
        public T Beta1Power, Beta2Power, Lr, Beta1, Beta2, Epsilon;
        public GemmKernel Kernel;
    }

    /// <summary>
    /// var, m, v [rows, n] take Adam's step for the gradient op(A)·op(B), with op(A) [rows, k] and op(B) [k, n] (A stored
    /// k×rows when transposed, B n×k), row-major.
    /// </summary>
    public static void Apply<T>(T* var, T* m, T* v, T beta1Power, T beta2Power, T lr, T beta1, T beta2, T epsilon,
        bool transA, T* a, bool transB, T* b, int rows, int n, int k) where T : unmanaged, IRootFunctions<T>, INumber<T>
    {
        if (rows == 0 || n == 0) return;
        // op(B) is shared by every block: packed once, here, in the kernel's panel layout.
        var kernel = Gemm.SelectedKernel;
        T* packedB = ThreadScratch<T>.Get(PackedBSlot, Gemm.PackedBLength<T>(kernel, k, n));
        Gemm.PackB(kernel, k, n, b, transB, transB ? k : n, packedB);
        int mr = Gemm.PanelShape<T>(kernel).MR;
        int blockRows = Math.Max(mr, BlockBytes / sizeof(T) / Math.Max(1, n) / mr * mr);
        var job = new Job<T>
        {
            Var = var, M = m, V = v, A = a, PackedB = packedB, Rows = rows, N = n, K = k, Lda = transA ? rows : k,
            BlockRows = blockRows, Blocks = (rows + blockRows - 1) / blockRows, TransA = transA, Kernel = kernel,
            Beta1Power = beta1Power, Beta2Power = beta2Power, Lr = lr, Beta1 = beta1, Beta2 = beta2, Epsilon = epsilon,
        };
        ParallelRange.ForEach(job.Blocks, &Blocks<T>, &job);
    }

    private static void Blocks<T>(void* p, int first, int end) where T : unmanaged, IRootFunctions<T>, INumber<T>
    {
        ref var job = ref *(Job<T>*)p;
        for (int block = first; block < end; block++)
        {
            int r0 = block * job.BlockRows, count = Math.Min(job.BlockRows, job.Rows - r0);
            long offset = (long)r0 * job.N, length = (long)count * job.N;
            T* grad = ThreadScratch<T>.Get(BlockSlot, length);
            // Rows r0.. of op(A): columns of A when it is stored transposed.
            T* aRows = job.TransA ? job.A + r0 : job.A + (long)r0 * job.K;
            Gemm.Pointers(job.Kernel, count, job.N, job.K, job.TransA, false, aRows, job.Lda, false, true, job.PackedB, job.N, T.Zero, grad, job.N);
            OptimizerKernels.Adam(new Span<T>(job.Var + offset, (int)length), new Span<T>(job.M + offset, (int)length),
                new Span<T>(job.V + offset, (int)length), job.Beta1Power, job.Beta2Power, job.Lr, job.Beta1, job.Beta2, job.Epsilon,
                new ReadOnlySpan<T>(grad, (int)length));
        }
    }
}
