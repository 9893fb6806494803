using System.Diagnostics;
using System.Runtime.Intrinsics.X86;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// Persistent workers for GEMM. A training step issues a handful of small GEMMs back to back, so waking a
/// worker must cost about a microsecond: after each job a worker spins on a generation counter for a while
/// (SpinTime) and only then blocks on a monitor. A job is a function pointer plus a context pointer, so
/// dispatching allocates nothing; the caller works on it too and never waits for a worker that has not
/// joined by the time the work is gone. One caller owns the pool at a time; a concurrent caller is told to run
/// on its own thread instead (TryRun returns false) rather than queueing behind the owner.
/// </summary>
internal sealed unsafe class GemmThreadPool
{
    /// <summary>The process-wide pool.</summary>
    public static readonly GemmThreadPool Shared = new();

    /// <summary>How long an idle worker spins before blocking (long enough to bridge the gaps between a step's GEMMs).</summary>
    public static TimeSpan SpinTime { get; set; } = TimeSpan.FromMilliseconds(0.2);

    private readonly object _gate = new();
    private readonly List<Worker> _workers = new();
    private int _owned;

    // The current job; written by the owner before _generation is bumped (Interlocked = full fence).
    private delegate*<void*, GemmWorkspace, void> _fn;
    private void* _ctx;
    private long _generation;
    // Every job up to this generation is closed: a worker that only now wakes up for it must not touch it.
    private long _closed;
    // Workers inside the current job (entered before it was closed).
    private int _active;
    private int _sleepers;
    private Exception _error;

    /// <summary>
    /// Runs fn(ctx, workspace) on the calling thread and on up to threads-1 workers, and returns when every
    /// thread that joined has finished. fn must share its work out dynamically: a worker that is slow to
    /// wake (or preempted by another process) is not waited for unless it has already joined. Returns
    /// false, without running anything, when another thread is using the pool.
    /// </summary>
    public bool TryRun(delegate*<void*, GemmWorkspace, void> fn, void* ctx, int threads)
    {
        if (Interlocked.CompareExchange(ref _owned, 1, 0) != 0) return false;
        try
        {
            if (_workers.Count < threads - 1) Grow(threads - 1);
            _fn = fn;
            _ctx = ctx;
            _error = null;
            long generation = Interlocked.Increment(ref _generation);
            if (Volatile.Read(ref _sleepers) > 0)
                lock (_gate) Monitor.PulseAll(_gate);
            try
            {
                fn(ctx, GemmWorkspace.Current);
            }
            finally
            {
                // Close the job, then wait for those who joined before the close: they read the caller's
                // stack through ctx, so never return while one of them may still be running, even on error.
                // (Close-then-read here and join-then-check in Join are both full fences, so a worker either
                // sees the job closed or is counted in _active.)
                Interlocked.Exchange(ref _closed, generation);
                var spin = new SpinWait();
                while (Volatile.Read(ref _active) != 0) spin.SpinOnce(sleep1Threshold: -1);
            }
            if (_error is { } e) throw new AggregateException("A GEMM worker thread failed.", e);
            return true;
        }
        finally
        {
            Volatile.Write(ref _owned, 0);
        }
    }

    /// <summary>Runs job <paramref name="generation"/> on a worker if it is still open.</summary>
    private void Join(long generation, GemmWorkspace workspace)
    {
        Interlocked.Increment(ref _active);
        try
        {
            if (Interlocked.Read(ref _closed) < generation)
                _fn(_ctx, workspace);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _error, e, null);
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }

    private void Grow(int count)
    {
        while (_workers.Count < count)
            _workers.Add(new Worker(this, _workers.Count + 1, Interlocked.Read(ref _generation)));
    }

    private long WaitForJob(long seen)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(SpinTime.TotalSeconds * Stopwatch.Frequency);
        for (int i = 1; ; i++)
        {
            long g = Interlocked.Read(ref _generation);
            if (g != seen) return g;
            if ((i & 255) == 0 && Stopwatch.GetTimestamp() > deadline) break;
            if (X86Base.IsSupported) X86Base.Pause(); else Thread.SpinWait(1);
        }
        lock (_gate)
        {
            // Increment before re-checking (both full fences) pairs with the owner's bump-then-read of
            // _sleepers, so a wake-up can never be lost.
            Interlocked.Increment(ref _sleepers);
            while (Interlocked.Read(ref _generation) == seen) Monitor.Wait(_gate);
            Interlocked.Decrement(ref _sleepers);
        }
        return Interlocked.Read(ref _generation);
    }

    private sealed class Worker
    {
        private readonly GemmThreadPool _pool;
        private readonly GemmWorkspace _workspace = new();
        private long _seen;

        public Worker(GemmThreadPool pool, int index, long generation)
        {
            _pool = pool;
            _seen = generation;
            var thread = new Thread(Loop, maxStackSize: 256 * 1024) { IsBackground = true, Name = $"GemmWorker-{index}" };
            thread.Start();
        }

        private void Loop()
        {
            while (true)
            {
                _seen = _pool.WaitForJob(_seen);
                _pool.Join(_seen, _workspace);
            }
        }
    }
}
