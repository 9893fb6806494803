using System.Diagnostics;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// Per-phase timing of the last GEMM call (wake-up, packing, kernels, finish) for the caller and one worker,
/// to see where a multi-threaded call loses time. Every hook is [Conditional]: unless the library is built
/// with GEMM_TRACE defined (dotnet build -p:DefineConstants=GEMM_TRACE) the calls are compiled out entirely.
/// Not thread safe across concurrent GEMM calls; the benchmark's --trace mode is its only user.
/// </summary>
internal static class GemmTrace
{
    /// <summary>What a slot of <see cref="Ticks"/> holds: offsets from the call's start, or summed durations.</summary>
    public enum Slot { Enter, Leave, Chunks, PackWhole, PackA, PackB, Kernel, Count }

    /// <summary>True when the hooks were compiled in.</summary>
    public static bool Compiled
    {
        get
        {
            bool on = false;
            SetCompiled(ref on);
            return on;
        }
    }

    /// <summary>Record the next calls (the harness sets it around the calls it looks at).</summary>
    public static bool Enabled;

    /// <summary>[thread: 0 caller, 1 worker][slot] in Stopwatch ticks (Chunks: a count); cleared by <see cref="Start"/>.</summary>
    public static readonly long[,] Ticks = new long[2, (int)Slot.Count];

    /// <summary>Stopwatch ticks from the call's start to its return.</summary>
    public static long Total;

    private static long s_start;
    [ThreadStatic] private static int t_thread;
    [ThreadStatic] private static long t_begin;

    [Conditional("GEMM_TRACE")]
    private static void SetCompiled(ref bool on) => on = true;

    [Conditional("GEMM_TRACE")]
    public static void Start()
    {
        if (!Enabled) return;
        Array.Clear(Ticks);
        Total = 0;
        s_start = Stopwatch.GetTimestamp();
    }

    [Conditional("GEMM_TRACE")]
    public static void Finish()
    {
        if (Enabled) Total = Stopwatch.GetTimestamp() - s_start;
    }

    [Conditional("GEMM_TRACE")]
    public static void Enter(bool caller)
    {
        t_thread = caller ? 0 : 1;
        if (Enabled) Ticks[t_thread, (int)Slot.Enter] = Stopwatch.GetTimestamp() - s_start;
    }

    [Conditional("GEMM_TRACE")]
    public static void Leave()
    {
        if (Enabled) Ticks[t_thread, (int)Slot.Leave] = Stopwatch.GetTimestamp() - s_start;
    }

    [Conditional("GEMM_TRACE")]
    public static void Chunk()
    {
        if (Enabled) Ticks[t_thread, (int)Slot.Chunks]++;
    }

    [Conditional("GEMM_TRACE")]
    public static void Begin() => t_begin = Stopwatch.GetTimestamp();

    [Conditional("GEMM_TRACE")]
    public static void End(Slot phase)
    {
        if (Enabled) Ticks[t_thread, (int)phase] += Stopwatch.GetTimestamp() - t_begin;
    }
}
