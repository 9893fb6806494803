using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Gpu.Tests.Gemm;

/// <summary>MatMul on the emulated GPU (the tiled ILGPU GEMM) against the CPU GEMM at sizes that are not multiples of a tile.</summary>
[Trait("Category", "Gpu")]
public class MatMulAgreementTests
{
    // (m, k, n): empty, single, below a tile, one over 32 and 64 (partial 16×16 tiles on the CPU accelerator and 64×64 on a GPU).
    public static IEnumerable<object[]> Cases()
    {
        int[][] sizes = { new[] { 0, 3, 4 }, new[] { 5, 0, 3 }, new[] { 4, 3, 0 }, new[] { 1, 1, 1 }, new[] { 7, 33, 65 }, new[] { 65, 7, 33 }, new[] { 33, 65, 7 } };
        foreach (var s in sizes)
            foreach (var (ta, tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
                yield return new object[] { s[0], s[1], s[2], ta, tb };
    }

    [Theory, MemberData(nameof(Cases))]
    public void Float32_agrees_with_the_cpu(int m, int k, int n, bool ta, bool tb) => Check(m, k, n, ta, tb, tf.float32);

    [Theory]
    [InlineData(7, 33, 65, false, false)]
    [InlineData(65, 17, 33, true, true)]
    [InlineData(1, 5, 1, true, false)]
    public void Float64_agrees_with_the_cpu(int m, int k, int n, bool ta, bool tb) => Check(m, k, n, ta, tb, tf.float64);

    private static void Check(int m, int k, int n, bool ta, bool tb, DType dtype)
    {
        var rng = new Random(m * 10007 + k * 101 + n + (ta ? 3 : 0) + (tb ? 5 : 0));
        var av = Agreement.Random(rng, dtype, ta ? new[] { k, m } : new[] { m, k });
        var bv = Agreement.Random(rng, dtype, tb ? new[] { n, k } : new[] { k, n });
        var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.placeholder(dtype);
        var b = tf.placeholder(dtype);
        var y = tf.matmul(a, b, transpose_a: ta, transpose_b: tb);
        using var gpu = EmulatedGpu.Session(g);
        using var cpu = EmulatedGpu.CpuSession(g);
        var onGpu = gpu.run(y, new FeedDict { [a] = av, [b] = bv });
        Agreement.AssertOnGpu(gpu, y.op);
        var onCpu = cpu.run(y, new FeedDict { [a] = av, [b] = bv });
        var magnitude = cpu.run(y, new FeedDict { [a] = Agreement.Abs(av, dtype), [b] = Agreement.Abs(bv, dtype) });
        Assert.Equal(new long[] { m, n }, onGpu.shape.Select(d => (long)d).ToArray());
        Agreement.AssertAgree(onCpu, onGpu, magnitude, k, dtype);
        if (k == 0 && m * n > 0) Assert.All(Agreement.Doubles(onGpu), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void A_sum_of_integers_is_exact()
    {
        // 1·1 + 2·2 + ... + 33·33 = 33·34·67/6 = 12529, exactly representable: any summation order must give it.
        var g = tf.Graph();
        using var _ = g.as_default();
        var v = Enumerable.Range(1, 33).Select(i => (float)i).ToArray();
        var y = tf.matmul(tf.constant(np.array(v).reshape(1, 33)), tf.constant(np.array(v).reshape(33, 1)));
        using var sess = EmulatedGpu.Session(g);
        Assert.Equal(12529f, sess.run(y).ToArray<float>().Single());
        Agreement.AssertOnGpu(sess, y.op);
    }

    [Fact]
    public void Mismatched_inner_sizes_fail_with_tensorflows_message()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.placeholder(tf.float32);
        var b = tf.placeholder(tf.float32);
        var y = tf.matmul(a, b);
        using var sess = EmulatedGpu.Session(g);
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(y, new FeedDict { [a] = np.zeros<float>(new[] { 2, 3 }), [b] = np.zeros<float>(new[] { 4, 5 }) }));
        Assert.Contains("Matrix size-incompatible: In[0]: [2,3], In[1]: [4,5]", e.Message);
    }

    [Fact]
    public void The_cpu_accelerator_never_loads_cublas_and_uses_the_ilgpu_kernel()
    {
        Assert.SkipWhen(EmulatedGpu.IsCuda, "about the emulated device; on a CUDA GPU cuBLAS may load");
        Assert.Equal("ILGPU", DeviceGemm.ImplementationFor(EmulatedGpu.Device));
        Assert.False(Cublas.LoadAttempted);
        Assert.False(Cublas.IsLoaded);
        Assert.Equal(IntPtr.Zero, Cublas.HandleFor(EmulatedGpu.Device));
    }
}
