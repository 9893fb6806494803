// GEMM throughput harness: median GFLOP/s of several timed runs after warm-up (Stopwatch), one
// "<metric> <value>" line per shape and thread count on stdout; spread and run counts on stderr.
// Usage: dotnet run -c Release [--runs N] [--filter substring] [--trace] (see PhaseTrace.cs)
//        dotnet run -c Release -- soak [--steps N] [--every N] (memory over a long training run; see Soak.cs)
using System.Diagnostics;
using GraphTrainer.Runtime.Cpu;

if (args.Length > 0 && args[0] == "soak") return Soak.Run(args[1..]);

int runs = 7;
string filter = null;
bool trace = false;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--trace") trace = true;
    else if (args[i] == "--runs") runs = int.Parse(args[++i]);
    else if (args[i] == "--filter") filter = args[++i];
}

// (name, transA, transB, m, k, n): names give op(A) as m×k and op(B) as k×n.
var shapes = new (string name, bool tA, bool tB, int m, int k, int n)[]
{
    ("1024x1024x1024", false, false, 1024, 1024, 1024),
    ("100x784x300", false, false, 100, 784, 300),           // MLP layer 1 forward
    ("784x100x300_tA", true, false, 784, 100, 300),         // dW1 = Xᵀ·dH
    ("100x300x784_tB", false, true, 100, 300, 784),         // dX = dH·W1ᵀ
    ("100x300x10", false, false, 100, 300, 10),             // layer 2 forward
    ("300x100x10_tA", true, false, 300, 100, 10),           // dW2
    ("100x10x300_tB", false, true, 100, 10, 300),           // dH
    ("10000x784x300", false, false, 10000, 784, 300),       // eval forward
    ("10000x784x200", false, false, 10000, 784, 200),       // eval forward, Adam model (hidden 200)
};

// Blocking overrides for tuning experiments (AVX-512 float kernel): GEMM_KC, GEMM_MC, GEMM_NC.
var block = Avx512KernelF32.Block;
if (int.TryParse(Environment.GetEnvironmentVariable("GEMM_KC"), out int kcEnv)) block.KC = kcEnv;
if (int.TryParse(Environment.GetEnvironmentVariable("GEMM_MC"), out int mcEnv)) block.MC = mcEnv;
if (int.TryParse(Environment.GetEnvironmentVariable("GEMM_NC"), out int ncEnv)) block.NC = ncEnv;
// GEMM_KERNEL=Avx512|Avx2|Portable forces a kernel family (forcing is per thread, and the harness runs on this one).
if (Enum.TryParse<GemmKernel>(Environment.GetEnvironmentVariable("GEMM_KERNEL"), out var forced)) Gemm.ForceKernel = forced;
Console.Error.WriteLine($"KC={block.KC} MC={block.MC} NC={block.NC}");
Console.Error.WriteLine($"kernel={Gemm.SelectedKernel} cores={Environment.ProcessorCount} runs={runs}");
if (trace)
{
    foreach (var s in shapes)
        if (filter == null || s.name.Contains(filter))
            PhaseTrace.Run(s.name, s.tA, s.tB, s.m, s.n, s.k, calls: (int)Math.Clamp(2e9 / ((double)s.m * s.n * s.k), 20, 2000));
    return 0;
}
foreach (var s in shapes)
{
    if (filter != null && !s.name.Contains(filter)) continue;
    foreach (int threads in new[] { 1, 2 })
        Report($"gemm_{s.name}_{threads}t_gflops", Measure(s.tA, s.tB, s.m, s.n, s.k, threads, fused: false));
}
if (filter == null || "bias_relu".Contains(filter))
    foreach (int threads in new[] { 1, 2 })
        Report($"gemm_bias_relu_100x784x300_{threads}t_gflops", Measure(false, false, 100, 300, 784, threads, fused: true));
if (filter == null || "mlp_step".Contains(filter))
    foreach (int threads in new[] { 1, 2 })
        Report($"gemm_mlp_step_{threads}t_us", MlpStep(threads));
if (filter == null || "alloc".Contains(filter))
    AllocationCheck();
return 0;

void Report(string metric, double[] samples)
{
    Array.Sort(samples);
    Console.WriteLine($"{metric} {samples[samples.Length / 2]:F1}");
    Console.Error.WriteLine($"  {metric}: min {samples[0]:F1} max {samples[^1]:F1} all [{string.Join(", ", samples.Select(x => x.ToString("F1")))}]");
}

double[] Measure(bool tA, bool tB, int m, int n, int k, int threads, bool fused)
{
    Gemm.MaxThreads = threads;
    var r = new Random(1);
    var a = new float[m * k]; var b = new float[k * n]; var c = new float[m * n]; var bias = new float[n];
    for (int i = 0; i < a.Length; i++) a[i] = r.NextSingle() - 0.5f;
    for (int i = 0; i < b.Length; i++) b[i] = r.NextSingle() - 0.5f;
    int lda = tA ? m : k, ldb = tB ? k : n;
    void Once()
    {
        if (fused) Gemm.SgemmBiasAct(tA, tB, m, n, k, a, lda, b, ldb, bias, true, c, n);
        else Gemm.Sgemm(tA, tB, m, n, k, 1f, a, lda, b, ldb, 0f, c, n);
    }
    // Warm-up (JIT tiers, buffers, worker wake-up), then size each run to take about 100 ms.
    var warm = Stopwatch.StartNew();
    int reps = 0;
    while (warm.ElapsedMilliseconds < 200 || reps < 3) { Once(); reps++; }
    int perRun = Math.Max(1, (int)(reps * 100 / warm.Elapsed.TotalMilliseconds));
    var samples = new double[runs];
    double flops = 2.0 * m * n * k * perRun;
    for (int run = 0; run < runs; run++)
    {
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < perRun; i++) Once();
        samples[run] = flops / sw.Elapsed.TotalSeconds / 1e9;
    }
    return samples;
}

void AllocationCheck()
{
    // Steady-state calls must not allocate (the engine calls GEMM several times per training step).
    Gemm.MaxThreads = 2;
    var a = new float[100 * 784]; var b = new float[784 * 300]; var c = new float[100 * 300];
    for (int i = 0; i < 10; i++) Gemm.Sgemm(false, false, 100, 300, 784, 1f, a, 784, b, 300, 0f, c, 300);
    long before = GC.GetAllocatedBytesForCurrentThread();
    for (int i = 0; i < 1000; i++) Gemm.Sgemm(false, false, 100, 300, 784, 1f, a, 784, b, 300, 0f, c, 300);
    long after = GC.GetAllocatedBytesForCurrentThread();
    Console.WriteLine($"gemm_steady_state_bytes_per_call {(after - before) / 1000.0:F1}");
    var sw = Stopwatch.StartNew();
    var t = new float[100 * 10]; var w2 = new float[300 * 10];
    for (int i = 0; i < 100000; i++) Gemm.Sgemm(false, false, 100, 10, 300, 1f, c, 300, w2, 10, 0f, t, 10);
    Console.WriteLine($"gemm_100x300x10_us_per_call {sw.Elapsed.TotalMilliseconds * 1000 / 100000:F2}");
}

// The GEMMs of one SGD step of the 784-300-10 MLP at batch 100 (forward with fused bias+ReLU, then the
// weight and input gradients), in microseconds per step: what the engine's MatMul kernels will spend.
double[] MlpStep(int threads)
{
    Gemm.MaxThreads = threads;
    var r = new Random(2);
    float[] Fill(int n) { var x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.NextSingle() - 0.5f; return x; }
    var x = Fill(100 * 784); var w1 = Fill(784 * 300); var b1 = Fill(300); var w2 = Fill(300 * 10); var b2 = Fill(10);
    var h = new float[100 * 300]; var logits = new float[100 * 10]; var dlogits = Fill(100 * 10);
    var dw2 = new float[300 * 10]; var dh = new float[100 * 300]; var dw1 = new float[784 * 300];
    void Step()
    {
        Gemm.SgemmBiasAct(false, false, 100, 300, 784, x, 784, w1, 300, b1, true, h, 300);
        Gemm.SgemmBiasAct(false, false, 100, 10, 300, h, 300, w2, 10, b2, false, logits, 10);
        Gemm.Sgemm(true, false, 300, 10, 100, 1f, h, 300, dlogits, 10, 0f, dw2, 10);
        Gemm.Sgemm(false, true, 100, 300, 10, 1f, dlogits, 10, w2, 10, 0f, dh, 300);
        Gemm.Sgemm(true, false, 784, 300, 100, 1f, x, 784, dh, 300, 0f, dw1, 300);
    }
    for (int i = 0; i < 200; i++) Step();
    var samples = new double[runs];
    for (int run = 0; run < runs; run++)
    {
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < 300; i++) Step();
        samples[run] = sw.Elapsed.TotalMilliseconds * 1000 / 300;
    }
    return samples;
}
