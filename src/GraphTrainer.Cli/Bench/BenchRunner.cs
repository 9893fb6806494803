using GraphTrainer.Cli.Commands;
using GraphTrainer.Runtime;
using System.Diagnostics;
using GraphTrainer.Runtime.Cpu;
using static GraphTrainer.Binding;

namespace GraphTrainer.Cli.Bench;

/// <summary>
/// The workloads of <c>graphtrainer bench</c>: the peer's workloads through the public API, printed one metric per line in the
/// peer's format (<c>graphtrainer mlp_sgd_1000steps_s 0.41</c>), medians of <c>--runs</c> (default 3; GEMM rates: at least 5 runs of ~0.3 s) after a
/// warm-up of one epoch and two evaluations. Also GEMM GFLOP/s, sess.run overhead and bytes allocated per step.
/// </summary>
internal static class BenchRunner
{
    /// <summary>The <c>--only</c> choices.</summary>
    public static readonly IReadOnlyList<string> Parts = new[] { "mlp", "gemm", "overhead", "cnn" };

    /// <summary>Runs the benchmarks.</summary>
    /// <param name="runs">Timed runs per metric (medians), at least 1.</param>
    /// <param name="only">One of <see cref="Parts"/>, or null for all.</param>
    /// <param name="device"><c>CPU</c> or <c>GPU</c> for that device only; null for the CPU, then the GPU when one is present.</param>
    /// <param name="stdout">Receives the metric lines.</param>
    /// <param name="stderr">Receives context lines starting with <c>#</c>.</param>
    public static int Run(int runs, string only, string device, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine($"# GraphTrainer bench: .NET {Environment.Version}, {Environment.ProcessorCount} cores, GEMM threads {Gemm.MaxThreads}, runs {runs}");
        if (device is null or KernelRegistry.Cpu)
        {
            if (only is null or "gemm") GemmRates(stdout, runs);
            if (only is null or "overhead") Overheads(stdout, stderr);
            if (only is null or "mlp") MlpWorkloads(stdout, stderr, runs, KernelRegistry.Cpu);
            if (only is null or "cnn") CnnWorkload(stdout, stderr, runs, KernelRegistry.Cpu);
        }
        if (device == "GPU" || (device == null && DeviceChoice.HasGpu))
        {
            // The same workloads with every op that has a GPU kernel on GPU:0 (GEMM rates and overheads are the CPU's).
            stderr.WriteLine($"# GPU: {DeviceChoice.Describe("GPU")}");
            if (only is null or "mlp") MlpWorkloads(stdout, stderr, runs, "GPU");
            if (only is null or "cnn") CnnWorkload(stdout, stderr, runs, "GPU");
        }
        return 0;
    }

    // Metric names of GPU runs carry a gpu_ prefix, so CPU and GPU lines can be compared side by side.
    private static string Metric(string device, string name) => device == "GPU" ? "gpu_" + name : name;

    private static void Line(TextWriter stdout, string metric, double value, string format = "F4") =>
        stdout.WriteLine($"graphtrainer {metric} {value.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}");

    private static void MlpWorkloads(TextWriter stdout, TextWriter stderr, int runs, string device)
    {
        var data = new MlpBenchmark();
        foreach (var (name, hidden, optimizer) in new (string, int, Func<Train.Optimizer>)[]
        {
            ("mlp_sgd", 300, () => tf.train.GradientDescentOptimizer(0.5)),
            ("mlp_adam", 200, () => tf.train.AdamOptimizer(0.001)),
        })
        {
            using var model = new MlpBenchmark.Model(data, hidden, optimizer, device);
            model.Steps(MlpBenchmark.NTrain / MlpBenchmark.Batch);
            model.Eval();
            model.Eval();
            float accuracy = 0;
            Line(stdout, Metric(device, $"{name}_1000steps_s"), MlpBenchmark.MedianSeconds(runs, model.Rewind, () => model.Steps(1000)));
            Line(stdout, Metric(device, $"{name}_epoch_s"), MlpBenchmark.MedianSeconds(runs, model.Rewind, () => model.Steps(MlpBenchmark.NTrain / MlpBenchmark.Batch)));
            Line(stdout, Metric(device, $"{name}_eval10k_s"), MlpBenchmark.MedianSeconds(runs, () => { }, () => accuracy = model.Eval()));
            stderr.WriteLine($"# {Metric(device, name)}: hidden={hidden} test accuracy {accuracy:F4} (random labels: ~0.1 expected)");
            if (name == "mlp_sgd" && device == KernelRegistry.Cpu)
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                model.Steps(1000);
                long after = GC.GetTotalAllocatedBytes(precise: true);
                Line(stdout, "step_alloc_bytes", (after - before) / 1000.0, "F0");
            }
        }
    }

    // Warm-up as the peer: 20 steps and one evaluation; then 100 steps and one 10,000-image evaluation per run.
    private static void CnnWorkload(TextWriter stdout, TextWriter stderr, int runs, string device)
    {
        using var model = new CnnBenchmark(device: device);
        model.Steps(20);
        float accuracy = model.Eval();
        Line(stdout, Metric(device, "cnn_adam_100steps_s"), MlpBenchmark.MedianSeconds(runs, model.Rewind, () => model.Steps(100)));
        Line(stdout, Metric(device, "cnn_eval10k_s"), MlpBenchmark.MedianSeconds(runs, () => { }, () => accuracy = model.Eval()));
        using var process = Process.GetCurrentProcess();
        Line(stdout, Metric(device, "cnn_peak_rss_mb"), process.PeakWorkingSet64 / 1048576.0, "F0");
        stderr.WriteLine($"# {Metric(device, "cnn_adam")}: batch {CnnBenchmark.Batch}, test accuracy {accuracy:F4} (random labels: ~0.1 expected)");
    }

    private static void GemmRates(TextWriter stdout, int runs)
    {
        foreach (var (m, k, n) in new[] { (1024, 1024, 1024), (100, 784, 300), (10000, 784, 300) })
        {
            var a = RandomArray(m * k, 1);
            var b = RandomArray(k * n, 2);
            var c = new float[m * n];
            double flops = 2.0 * m * n * k;
            // ~0.3 s per timed run and at least five runs: with ~50 ms runs, one descheduled slice on this shared VM
            // moved the median of three by up to 25 %.
            int reps = Math.Max(3, (int)(1.2e11 / flops));
            // Warm up for a while, not one call: tiered JIT only promotes the kernels to optimized code after ~30
            // calls; after one warm-up call the timed runs were partly unoptimized (1024³ read 258–282, now ~340).
            var warm = Stopwatch.StartNew();
            while (warm.ElapsedMilliseconds < 300) Gemm.Sgemm(false, false, m, n, k, 1f, a, k, b, n, 0f, c, n);
            var rates = new List<double>();
            for (int r = 0; r < Math.Max(runs, 5); r++)
            {
                var sw = Stopwatch.StartNew();
                for (int i = 0; i < reps; i++) Gemm.Sgemm(false, false, m, n, k, 1f, a, k, b, n, 0f, c, n);
                rates.Add(flops * reps / sw.Elapsed.TotalSeconds / 1e9);
            }
            rates.Sort();
            Line(stdout, $"gemm_{m}x{k}x{n}_gflops", rates[rates.Count / 2], "F1");
        }
    }

    private static void Overheads(TextWriter stdout, TextWriter stderr)
    {
        var graph = new Graph();
        using var _ = graph.as_default();
        var a = tf.placeholder(tf.float32, TensorShape.Scalar, name: "a");
        var sum = a + 1f;
        using var sess = new Session(graph);
        var feed = new FeedDict { [a] = 2f };
        for (int i = 0; i < 20_000; i++) sess.run(sum, feed);
        const int N = 200_000;
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < N; i++) sess.run(sum, feed);
        Line(stdout, "sessrun_overhead_us", sw.Elapsed.TotalMilliseconds * 1000 / N, "F2");
    }

    private static float[] RandomArray(int n, int seed)
    {
        var r = new Random(seed);
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = r.NextSingle() - 0.5f;
        return a;
    }
}
