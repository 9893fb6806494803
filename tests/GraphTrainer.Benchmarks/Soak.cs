// Soak test (not CI): trains the MNIST MLP (784-300-10, Adam, batches of 100 from next_batch) for many steps and
// reports the process's resident set and the managed heap at intervals, to show memory stays flat over a long run.
// Usage: dotnet run -c Release -- soak [--steps 100000] [--every 5000] [--data data/MNIST_data]
// Prints one line per report on stdout and a verdict comparing the last report with the first after warm-up.
using System.Diagnostics;
using GraphTrainer;
using GraphTrainer.Data;

internal static class Soak
{
    public static int Run(string[] args)
    {
        int steps = 100_000, every = 5_000;
        string data = "data/MNIST_data";
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--steps") steps = int.Parse(args[++i]);
            else if (args[i] == "--every") every = int.Parse(args[++i]);
            else if (args[i] == "--data") data = args[++i];
            else throw new ArgumentException($"soak: unknown option '{args[i]}' (use --steps N, --every N, --data DIR)");
        }
        if (steps <= 0 || every <= 0) throw new ArgumentException("soak: --steps and --every must be positive.");

        var mnist = input_data.read_data_sets(data, one_hot: true);
        tf.reset_default_graph();
        tf.set_random_seed(1);
        var x = tf.placeholder(tf.float32, (Binding.None, 784), name: "x");
        var y = tf.placeholder(tf.float32, (Binding.None, 10), name: "y");
        var w1 = tf.Variable(tf.random_normal(new[] { 784, 300 }, stddev: 0.03f), name: "W1");
        var b1 = tf.Variable(tf.zeros(300), name: "b1");
        var w2 = tf.Variable(tf.random_normal(new[] { 300, 10 }, stddev: 0.03f), name: "W2");
        var b2 = tf.Variable(tf.zeros(10), name: "b2");
        var logits = tf.add(tf.matmul(tf.nn.relu(tf.add(tf.matmul(x, w1), b1)), w2), b2);
        var loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels: y, logits: logits));
        var train = tf.train.AdamOptimizer(0.001).minimize(loss);
        var accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(y, 1), tf.argmax(logits, 1)), tf.float32));
        var (testX, testY) = (mnist.test.images["0:1000"], mnist.test.labels["0:1000"]);

        using var process = Process.GetCurrentProcess();
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        Console.WriteLine("step  rss_mb  heap_mb  gc_heap_mb  gen0  gen1  gen2  plans  loss  test_acc  steps_per_s");
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        (double Rss, double Heap)? baseline = null;
        (double Rss, double Heap) last = default;
        for (int step = 1; step <= steps; step++)
        {
            var (bx, by) = mnist.train.next_batch(100);
            var (_, l) = sess.run((train, loss), new FeedDict { [x] = bx, [y] = by });
            if (step % every != 0 && step != steps) continue;
            float acc = (float)sess.run(accuracy, new FeedDict { [x] = testX, [y] = testY });
            process.Refresh();
            double rss = process.WorkingSet64 / 1048576.0;
            double heap = GC.GetTotalMemory(forceFullCollection: false) / 1048576.0;
            double gcHeap = GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0;
            var now = clock.Elapsed;
            double rate = every / Math.Max(1e-9, (now - lastReport).TotalSeconds);
            lastReport = now;
            Console.WriteLine($"{step}  {rss:F1}  {heap:F1}  {gcHeap:F1}  {GC.CollectionCount(0)}  {GC.CollectionCount(1)}  {GC.CollectionCount(2)}  " +
                              $"{sess.CompiledPlanCount}  {(float)l:F4}  {acc:F3}  {rate:F0}");
            last = (rss, heap);
            // The first report includes warm-up (first plans, GEMM workspaces, thread pool); growth is measured after it.
            baseline ??= last;
        }
        var first = baseline.Value;
        Console.WriteLine($"# {steps} steps in {clock.Elapsed.TotalSeconds:F1} s; RSS {first.Rss:F1} -> {last.Rss:F1} MB ({last.Rss - first.Rss:+0.0;-0.0} MB), " +
                          $"managed heap {first.Heap:F1} -> {last.Heap:F1} MB ({last.Heap - first.Heap:+0.0;-0.0} MB) from the first report to the last");
        return 0;
    }
}
