namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// Runs a body over [0, length) in chunks on the GEMM worker pool, the calling thread included. For memory-bound
/// element-wise kernels over large arrays: an Adam update of a 784×200 layer streams ~4 MB per step, and one core's
/// bandwidth is the limit. Chunks are claimed as <see cref="ChunkClaims"/> describes: the same thread tends to get the
/// same range every step, and a late worker costs nothing.
/// </summary>
internal static unsafe class ParallelRange
{
    /// <summary>Work over an index range [start, end), with its arguments as fields a worker thread can read.</summary>
    internal interface IBody
    {
        /// <summary>Processes [start, end).</summary>
        void Run(int start, int end);
    }

    /// <summary>Below this many elements per thread, waking a worker costs more than it saves.</summary>
    internal static int MinPerThread = 16 * 1024;

    // Chunks per thread: enough that a preempted thread's share moves to the others.
    private const int ChunksPerThread = 4;

    private struct Job
    {
        public delegate*<void*, int, int, void> Body;
        public void* Context;
        public int Length, Chunk, CallerThread;
        public long Unclaimed;
    }

    /// <summary>Calls body(context, start, end) for disjoint ranges covering [0, length), possibly concurrently.</summary>
    public static void For(int length, delegate*<void*, int, int, void> body, void* context)
    {
        int threads = Math.Min(Gemm.MaxThreads, length / Math.Max(1, MinPerThread));
        if (threads <= 1)
        {
            body(context, 0, length);
            return;
        }
        // Chunk starts stay 64-element aligned, so every chunk but the last is whole vectors.
        int chunk = Math.Max(64, (length / (threads * ChunksPerThread) + 63) & ~63);
        Run(length, chunk, threads, body, context);
    }

    /// <summary>
    /// Calls body(context, i, i + 1) for every item i in [0, count), possibly concurrently, items claimed one at a
    /// time: for few heavy items, such as one image's convolution.
    /// </summary>
    public static void ForEach(int count, delegate*<void*, int, int, void> body, void* context)
    {
        int threads = Math.Min(Gemm.MaxThreads, count);
        if (threads <= 1)
        {
            for (int i = 0; i < count; i++) body(context, i, i + 1);
            return;
        }
        Run(count, 1, threads, body, context);
    }

    private static void Run(int length, int chunk, int threads, delegate*<void*, int, int, void> body, void* context)
    {
        var job = new Job
        {
            Body = body, Context = context, Length = length, Chunk = chunk,
            CallerThread = Environment.CurrentManagedThreadId, Unclaimed = ChunkClaims.All((length + chunk - 1) / chunk),
        };
        if (!GemmThreadPool.Shared.TryRun(&Entry, &job, threads))
            for (int start = 0; start < length; start += chunk) // pool busy with another caller: do it all here
                body(context, start, Math.Min(start + chunk, length));
    }

    /// <summary>Runs <paramref name="body"/> over disjoint ranges covering [0, length), possibly concurrently.</summary>
    public static void For<TBody>(int length, ref TBody body) where TBody : unmanaged, IBody
    {
        fixed (TBody* p = &body) For(length, &RunBody<TBody>, p);
    }

    private static void RunBody<TBody>(void* body, int start, int end) where TBody : unmanaged, IBody => ((TBody*)body)->Run(start, end);

    private static void Entry(void* p, GemmWorkspace _)
    {
        var job = (Job*)p;
        bool caller = Environment.CurrentManagedThreadId == job->CallerThread;
        int index;
        while ((index = ChunkClaims.Claim(ref job->Unclaimed, caller)) >= 0)
        {
            int start = index * job->Chunk;
            job->Body(job->Context, start, Math.Min(start + job->Chunk, job->Length));
        }
    }
}
