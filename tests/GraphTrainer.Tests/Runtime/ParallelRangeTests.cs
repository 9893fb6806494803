using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer.Tests.Runtime;

/// <summary>Ranges run on the worker pool cover every index exactly once, and the parallel optimizer updates equal one pass.</summary>
public unsafe class ParallelRangeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(1000)]
    [InlineData(100_003)]
    public void Every_index_is_visited_once(int length)
    {
        WithSmallRanges(() =>
        {
            var visits = new int[length];
            fixed (int* p = visits) ParallelRange.For(length, &CountVisits, p);
            Assert.All(visits, v => Assert.Equal(1, v));
        });
    }

    private static void CountVisits(void* context, int start, int end)
    {
        var visits = (int*)context;
        for (int i = start; i < end; i++) Interlocked.Increment(ref visits[i]);
    }

    private const int N = 157_003; // a 784×200 layer plus a tail that no vector or chunk divides

    private static float[][] Arrays(int count, int seed)
    {
        var rng = new Random(seed);
        // Non-negative values, so the same arrays can serve as second-moment slots (ms, v, accum).
        return Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, N).Select(_ => rng.NextSingle() * 0.5f + 0.01f).ToArray()).ToArray();
    }

    private static float[][] Copy(float[][] arrays) => arrays.Select(a => (float[])a.Clone()).ToArray();

    [Fact]
    public void Parallel_updates_equal_the_single_pass_bit_for_bit()
    {
        var a = Arrays(4, 3);
        var g = Arrays(1, 4)[0].Select(x => x - 0.3f).ToArray();
        (string name, Action<float[][]> single, Action<float[][]> parallel)[] updates =
        {
            ("GradientDescent", x => OptimizerKernels.GradientDescent<float>(x[0], 0.1f, g), x => ParallelOptimizerKernels.GradientDescent<float>(x[0], 0.1f, g)),
            ("Momentum", x => OptimizerKernels.Momentum<float>(x[0], x[1], 0.1f, g, 0.9f, false), x => ParallelOptimizerKernels.Momentum<float>(x[0], x[1], 0.1f, g, 0.9f, false)),
            ("Nesterov", x => OptimizerKernels.Momentum<float>(x[0], x[1], 0.1f, g, 0.9f, true), x => ParallelOptimizerKernels.Momentum<float>(x[0], x[1], 0.1f, g, 0.9f, true)),
            ("Adam", x => OptimizerKernels.Adam<float>(x[0], x[1], x[2], 0.81f, 0.998f, 0.001f, 0.9f, 0.999f, 1e-8f, g),
                     x => ParallelOptimizerKernels.Adam<float>(x[0], x[1], x[2], 0.81f, 0.998f, 0.001f, 0.9f, 0.999f, 1e-8f, g)),
            ("RmsProp", x => OptimizerKernels.RmsProp<float>(x[0], x[1], x[2], 0.01f, 0.9f, 0.5f, 1e-10f, g),
                        x => ParallelOptimizerKernels.RmsProp<float>(x[0], x[1], x[2], 0.01f, 0.9f, 0.5f, 1e-10f, g)),
            ("Adagrad", x => OptimizerKernels.Adagrad<float>(x[0], x[1], 0.1f, g), x => ParallelOptimizerKernels.Adagrad<float>(x[0], x[1], 0.1f, g)),
        };
        foreach (var (name, single, parallel) in updates)
        {
            var expected = Copy(a);
            single(expected);
            var actual = Copy(a);
            WithSmallRanges(() => parallel(actual));
            for (int k = 0; k < a.Length; k++) Assert.True(expected[k].AsSpan().SequenceEqual(actual[k]), $"{name}: array {k} differs");
        }
    }

    [Fact]
    public void Parallel_updates_reject_slots_of_another_length()
    {
        var var = new float[100];
        var error = Assert.Throws<ArgumentException>(() => ParallelOptimizerKernels.Adagrad<float>(var, new float[99], 0.1f, new float[100]));
        Assert.Contains("99", error.Message);
    }

    // Two threads and small ranges, so that even short inputs are cut into many chunks.
    [Fact]
    public void Element_wise_kernels_split_across_threads_equal_one_pass()
    {
        // ReluGrad(gradients, features) and Tanh through the kernel factories, which hand large spans out in pieces.
        var x = Arrays(2, 11);
        for (int i = 0; i < N; i += 3) x[1][i] = -x[1][i];
        WithSmallRanges(() =>
        {
            var d = new float[N];
            ParallelSpans.Binary<float>(ActivationKernels.ReluGrad<float>, x[0], x[1], d);
            for (int i = 0; i < N; i++) Assert.Equal(x[1][i] > 0 ? x[0][i] : 0f, d[i]);
            var t = new float[N];
            ParallelSpans.Unary<float>(ActivationKernels.Tanh<float>, x[1], t);
            var whole = new float[N];
            ActivationKernels.Tanh<float>(x[1], whole);
            Assert.Equal(whole, t);
        });
    }

    private static void WithSmallRanges(Action test)
    {
        int savedThreads = Gemm.MaxThreads, savedMin = ParallelRange.MinPerThread;
        try
        {
            Gemm.MaxThreads = 2;
            ParallelRange.MinPerThread = 16;
            test();
        }
        finally { Gemm.MaxThreads = savedThreads; ParallelRange.MinPerThread = savedMin; }
    }
}
