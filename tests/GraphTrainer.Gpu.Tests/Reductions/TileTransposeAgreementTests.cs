using GraphTrainer.Runtime;
using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Gpu.Tests.Reductions;

/// <summary>Tile and Transpose of ranks 0–5 on the emulated GPU against the CPU kernels: elements move unchanged, so exactly.</summary>
[Trait("Category", "Gpu")]
[Collection("GpuKernels")]
public class TileTransposeAgreementTests
{
    public static TheoryData<int[], int[]> TransposeCases() => new()
    {
        { new int[0], new int[0] },
        { new[] { 7 }, new[] { 0 } },
        { new[] { 33, 31 }, new[] { 1, 0 } },
        { new[] { 2, 3, 4 }, new[] { 2, 0, 1 } },
        { new[] { 2, 1, 5, 3 }, new[] { 0, 2, 3, 1 } },
        { new[] { 2, 3, 1, 4, 5 }, new[] { 4, 2, 0, 3, 1 } },
        { new[] { 3, 0, 2 }, new[] { 2, 1, 0 } },
        { new[] { 4, 5, 6 }, new[] { 0, 1, 2 } },
        // Matrix and batched-matrix transposes (shared-memory tiles), NCHW → NHWC and back among them.
        { new[] { 3, 17, 5 }, new[] { 0, 2, 1 } },
        { new[] { 2, 5, 3, 4 }, new[] { 0, 2, 3, 1 } },
        { new[] { 2, 3, 4, 5 }, new[] { 0, 3, 1, 2 } },
        { new[] { 1, 65 }, new[] { 1, 0 } },
        { new[] { 257, 2 }, new[] { 1, 0 } },
    };

    public static TheoryData<int[], int[]> TileCases() => new()
    {
        { new int[0], new int[0] },
        { new[] { 7 }, new[] { 3 } },
        { new[] { 1, 33 }, new[] { 31, 1 } },
        { new[] { 2, 3, 4 }, new[] { 2, 1, 3 } },
        { new[] { 2, 1, 3, 2 }, new[] { 1, 4, 2, 2 } },
        { new[] { 3, 2 }, new[] { 0, 2 } },
    };

    [Theory]
    [MemberData(nameof(TransposeCases))]
    public void Transpose_agrees_for_every_element_size(int[] shape, int[] perm)
    {
        foreach (var (value, dtype) in Values(shape))
        {
            var g = tf.Graph();
            using var _ = g.as_default();
            var x = tf.placeholder(dtype, new TensorShape(shape));
            var y = tf.transpose(x, perm);
            // An int32-only op stays on the host unless pinned (as in TensorFlow): its GPU kernel is run directly.
            if (dtype == tf.int32)
            {
                DirectKernels.AssertInt32Agree(y.op, TensorValue.Wrap(value.ToArray<int>(), shape), TensorValue.Wrap(perm, perm.Length));
                continue;
            }
            var (gpu, cpu) = Agreement.Run(g, new ITensorOrOperation[] { y }, new FeedDict { [x] = value }, y.op);
            AssertSame(cpu[0], gpu[0]);
        }
    }

    [Theory]
    [MemberData(nameof(TileCases))]
    public void Tile_agrees_for_every_element_size(int[] shape, int[] multiples)
    {
        foreach (var (value, dtype) in Values(shape))
        {
            var g = tf.Graph();
            using var _ = g.as_default();
            var x = tf.placeholder(dtype, new TensorShape(shape));
            var y = tf.tile(x, multiples);
            // An int32-only op stays on the host unless pinned (as in TensorFlow): its GPU kernel is run directly.
            if (dtype == tf.int32)
            {
                DirectKernels.AssertInt32Agree(y.op, TensorValue.Wrap(value.ToArray<int>(), shape), TensorValue.Wrap(multiples, multiples.Length));
                continue;
            }
            var (gpu, cpu) = Agreement.Run(g, new ITensorOrOperation[] { y }, new FeedDict { [x] = value }, y.op);
            AssertSame(cpu[0], gpu[0]);
        }
    }

    [Fact]
    public void A_fed_perm_that_is_not_a_permutation_is_an_error()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, new TensorShape(2, 3));
        var perm = tf.placeholder(tf.int32, new TensorShape(2));
        var y = ArrayOps.Transpose(x, perm);
        using var sess = EmulatedGpu.Session(g);
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(y, new FeedDict { [x] = np.zeros(new Shape(2, 3), NPTypeCode.Single), [perm] = np.array(new[] { 0, 0 }) }));
        Assert.Contains("perm [0,0] is not a permutation", e.Message);
        Agreement.AssertOnGpu(sess, y.op);
    }

    private static void AssertSame(NDArray expected, NDArray actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(expected.dtype, actual.dtype);
        if (expected.dtype == typeof(bool)) Assert.Equal(expected.ToArray<bool>(), actual.ToArray<bool>());
        else if (expected.dtype == typeof(byte)) Assert.Equal(expected.ToArray<byte>(), actual.ToArray<byte>());
        else Agreement.Exact(expected, actual);
    }

    // Distinct values per element, so any misplaced element shows.
    private static IEnumerable<(NDArray, DType)> Values(int[] shape)
    {
        int n = shape.Aggregate(1, (p, d) => p * d);
        var index = Enumerable.Range(0, n).ToArray();
        yield return (np.array(index.Select(i => i + 0.5f).ToArray()).reshape(shape), tf.float32);
        yield return (np.array(index.Select(i => i * 1e10 + 0.25).ToArray()).reshape(shape), tf.float64);
        yield return (np.array(index.Select(i => -i).ToArray()).reshape(shape), tf.int32);
        yield return (np.array(index.Select(i => i * 10_000_000_000L).ToArray()).reshape(shape), tf.int64);
        yield return (np.array(index.Select(i => (byte)(i * 7)).ToArray()).reshape(shape), tf.uint8);
        yield return (np.array(index.Select(i => i % 3 == 0).ToArray()).reshape(shape), tf.@bool);
    }
}
