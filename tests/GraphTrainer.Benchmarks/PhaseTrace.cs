// --trace: where a 2-thread call's time goes, per thread (wake-up, packing, kernels, finish), from the
// library's GemmTrace hooks. They are compiled out unless GEMM_TRACE is defined:
//   dotnet run -c Release -p:DefineConstants=GEMM_TRACE -- --trace [--filter 100x784]
using System.Diagnostics;
using GraphTrainer.Runtime.Cpu;

internal static class PhaseTrace
{
    public static void Run(string name, bool tA, bool tB, int m, int n, int k, int calls)
    {
        if (!GemmTrace.Compiled)
        {
            Console.Error.WriteLine("--trace needs the library built with -p:DefineConstants=GEMM_TRACE");
            return;
        }
        Gemm.MaxThreads = 2;
        var r = new Random(1);
        var a = new float[m * k]; var b = new float[k * n]; var c = new float[m * n];
        for (int i = 0; i < a.Length; i++) a[i] = r.NextSingle() - 0.5f;
        for (int i = 0; i < b.Length; i++) b[i] = r.NextSingle() - 0.5f;
        int lda = tA ? m : k, ldb = tB ? k : n;
        void Once() => Gemm.Sgemm(tA, tB, m, n, k, 1f, a, lda, b, ldb, 0f, c, n);
        // Warm-up long enough for the JIT's tiering to finish (as in Measure).
        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 500) Once();

        int slots = (int)GemmTrace.Slot.Count;
        var samples = new double[calls, 2 * slots + 1];
        double us = 1e6 / Stopwatch.Frequency;
        int missed = 0;
        for (int call = 0; call < calls; call++)
        {
            GemmTrace.Enabled = true;
            Once();
            GemmTrace.Enabled = false;
            if (GemmTrace.Ticks[1, (int)GemmTrace.Slot.Leave] == 0) missed++;
            for (int t = 0; t < 2; t++)
                for (int s = 0; s < slots; s++)
                {
                    long v = GemmTrace.Ticks[t, s];
                    samples[call, t * slots + s] = s == (int)GemmTrace.Slot.Chunks ? v : v * us;
                }
            samples[call, 2 * slots] = GemmTrace.Total * us;
        }
        Console.WriteLine($"{name}, 2 threads, {calls} calls: µs (enter/leave: since the call began), median [p10, p90]; worker took no chunk in {missed} calls");
        for (int t = 0; t < 2; t++)
            for (int s = 0; s < slots; s++)
                Console.WriteLine($"  {(t == 0 ? "caller" : "worker")} {(GemmTrace.Slot)s,-10} {Stats(samples, t * slots + s)}");
        Console.WriteLine($"  call   {"total",-10} {Stats(samples, 2 * slots)}");
    }

    private static string Stats(double[,] samples, int column)
    {
        int n = samples.GetLength(0);
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = samples[i, column];
        Array.Sort(v);
        return $"{v[n / 2],8:F1} [{v[n / 10],8:F1}, {v[n * 9 / 10],8:F1}]";
    }
}
