using NumSharp;

namespace GraphTrainer.Tests.Conv;

/// <summary>Transpose's fast paths (merged dimensions, batched blocked 2-D, row bands) against index arithmetic, every rank-4 permutation.</summary>
[Collection("DefaultGraph")]
public class TransposeTests
{
    private static IEnumerable<int[]> Permutations(int[] items) => items.Length <= 1
        ? new[] { items }
        : items.SelectMany((x, i) => Permutations(items.Where((_, j) => j != i).ToArray()).Select(rest => new[] { x }.Concat(rest).ToArray()));

    public static IEnumerable<object[]> Shapes => new[]
    {
        new object[] { new[] { 2, 3, 5, 7 } },
        new object[] { new[] { 3, 1, 17, 33 } },
        new object[] { new[] { 1, 40, 1, 70 } },
        new object[] { new[] { 4, 9, 9, 32 } },
    };

    [Theory, MemberData(nameof(Shapes))]
    public void Every_permutation_moves_every_element(int[] shape)
    {
        int n = shape.Aggregate(1, (a, b) => a * b);
        var values = Enumerable.Range(0, n).ToArray();
        foreach (var perm in Permutations(new[] { 0, 1, 2, 3 }))
        {
            tf.reset_default_graph();
            var y = tf.transpose(tf.constant(np.array(values).reshape(shape)), perm);
            using var sess = tf.Session();
            var got = sess.run(y).ToArray<int>();
            var outShape = perm.Select(p => shape[p]).ToArray();
            var index = new int[4];
            for (int i = 0; i < n; i++)
            {
                // Output index (i0..i3) reads input element with index[perm[k]] = i_k.
                int rest = i;
                for (int k = 3; k >= 0; k--) { index[perm[k]] = rest % outShape[k]; rest /= outShape[k]; }
                int source = ((index[0] * shape[1] + index[1]) * shape[2] + index[2]) * shape[3] + index[3];
                if (got[i] != source) Assert.Fail($"perm [{string.Join(",", perm)}] element {i}: {got[i]} != {source}");
            }
        }
    }

    [Fact]
    public void A_large_matrix_is_transposed_in_row_bands()
    {
        var values = Enumerable.Range(0, 300 * 70).Select(i => (float)i).ToArray();
        var y = tf.transpose(tf.constant(np.array(values).reshape(300, 70)));
        using var sess = tf.Session();
        var got = sess.run(y).ToArray<float>();
        for (int r = 0; r < 70; r++)
            for (int c = 0; c < 300; c++)
                Assert.Equal(c * 70 + r, got[r * 300 + c]);
    }
}
