namespace GraphTrainer.Tests.Api;

/// <summary>The array functions added for issue 11 and Tensor's index/range slicing.</summary>
[Collection("DefaultGraph")]
public class ArrayApiTests
{
    public ArrayApiTests() => tf.reset_default_graph();

    private static T[] Run<T>(Tensor t) where T : unmanaged
    {
        using var sess = tf.Session();
        return sess.run(t).ToArray<T>();
    }

    private static readonly int[,] M = { { 1, 2, 3 }, { 4, 5, 6 } };

    [Fact]
    public void Concat_in_both_argument_orders()
    {
        var a = tf.constant(M);
        var b = tf.constant(new[,] { { 7, 8, 9 } });
        var rows = tf.concat(new[] { a, b }, 0);
        Assert.Equal("ConcatV2", rows.op.Type);
        Assert.Equal(new[] { 3, 3 }, rows.shape.dims);
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, Run<int>(rows));
#pragma warning disable CS0618 // the TF ≤ 0.12 spelling is what is tested
        Assert.Equal(new[] { 1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6 }, Run<int>(tf.concat(1, new[] { a, a })));
#pragma warning restore CS0618
        Assert.Contains("Dimension 1 in both shapes must be equal", Assert.Throws<ValueError>(() => tf.concat(new[] { a, tf.constant(new[,] { { 1 } }) }, 0)).Message);
    }

    [Fact]
    public void Stack_unstack_and_split()
    {
        var a = tf.constant(new[] { 1, 2 });
        var b = tf.constant(new[] { 3, 4 });
        Assert.Equal(new[] { 1, 2, 3, 4 }, Run<int>(tf.stack(new[] { a, b })));
        Assert.Equal(new[] { 1, 3, 2, 4 }, Run<int>(tf.stack(new[] { a, b }, axis: 1)));
        var parts = tf.unstack(tf.constant(M), axis: 1);
        Assert.Equal(3, parts.Length);
        Assert.Equal(new[] { 2, 5 }, Run<int>(parts[1]));
        var halves = tf.split(tf.constant(new[,] { { 1, 2, 3, 4 } }), 2, axis: 1);
        Assert.Equal(new[] { 3, 4 }, Run<int>(halves[1]));
        var sized = tf.split(tf.constant(new[,] { { 1, 2, 3, 4, 5 } }), new[] { 1, -1, 2 }, axis: 1);
        Assert.Equal(new[] { 1, 2 }, sized[1].shape.dims);
        Assert.Equal(new[] { 2, 3 }, Run<int>(sized[1]));
        Assert.Equal(new[] { 4, 5 }, Run<int>(sized[2]));
        Assert.Throws<ValueError>(() => tf.split(tf.constant(M), new[] { 1, 1 }, axis: 1));
        Assert.Contains("evenly divisible by 2", Assert.Throws<ValueError>(() => tf.split(tf.constant(M), 2, axis: 1)).Message);
    }

    [Fact]
    public void Squeeze_slice_tile_pad()
    {
        var x = tf.reshape(tf.constant(M), new[] { 1, 2, 1, 3 });
        Assert.Equal(new[] { 2, 3 }, tf.squeeze(x).shape.dims);
        Assert.Equal(new[] { 2, 1, 3 }, tf.squeeze(x, 0).shape.dims);
        Assert.Contains("Can not squeeze dim[1], expected a dimension of 1, got 2", Assert.Throws<ValueError>(() => tf.squeeze(x, 1)).Message);
        Assert.Equal(new[] { 2, 3, 5, 6 }, Run<int>(tf.slice(tf.constant(M), new[] { 0, 1 }, new[] { -1, 2 })));
        Assert.Equal(new[] { 1, 2, 1, 2, 1, 2 }, Run<int>(tf.tile(tf.constant(new[] { 1, 2 }), new[] { 3 })));
        Assert.Equal(new[] { 0, 0, 0, 0, 1, 2, 0, 3, 4 },
            Run<int>(tf.pad(tf.constant(new[,] { { 1, 2 }, { 3, 4 } }), new[,] { { 1, 0 }, { 1, 0 } })));
    }

    [Fact]
    public void Index_and_range_sugar_builds_strided_slices()
    {
        var t = tf.constant(new[,] { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } });
        var column = t[.., 0];
        Assert.Equal("StridedSlice", column.op.Type);
        Assert.Equal(new[] { 3 }, column.shape.dims);
        Assert.Equal(new[] { 1, 4, 7 }, Run<int>(column));
        Assert.Equal(new[] { 4, 5, 6, 7, 8, 9 }, Run<int>(t[1..3]));
        Assert.Equal(new[] { 7, 8, 9 }, Run<int>(t[^1]));
        Assert.Equal(new[] { 5, 6 }, Run<int>(t[1, 1..]));
        Assert.Equal(new[] { 2, 1 }, t[..2, ^1..].shape.dims);
        Assert.Equal(new[] { 3, 2, 1 }, Run<int>(tf.strided_slice(t, new[] { 0, -1 }, new[] { 1, 0 }, new[] { 1, -1 }, end_mask: 2, shrink_axis_mask: 1)));
        Assert.Throws<ValueError>(() => t[0, 0, 0]);
        Assert.Contains("slice index 5 of dimension 0 out of bounds", Assert.Throws<ValueError>(() => t[5]).Message);
    }

    [Fact]
    public void Gather_and_one_hot()
    {
        Assert.Equal(new[] { 4, 5, 6, 1, 2, 3, 4, 5, 6 }, Run<int>(tf.gather(tf.constant(M), tf.constant(new[] { 1, 0, 1 }))));
        Assert.Equal(new[] { 3, 1 }, Run<int>(tf.gather(tf.constant(M), tf.constant(new[] { 2, 0 }), axis: 1)).Take(2).ToArray());
        var bad = tf.gather(tf.constant(M), tf.constant(new[] { 2 }));
        using (var sess = tf.Session())
            Assert.Contains("indices[0] = 2 is not in [0, 2)", Assert.Throws<InvalidArgumentError>(() => sess.run(bad)).Message);
        var oneHot = tf.one_hot(tf.constant(new[] { 0, 2, 5 }), 3);
        Assert.Equal(new[] { 3, 3 }, oneHot.shape.dims);
        Assert.Equal(new[] { 1f, 0, 0, 0, 0, 1, 0, 0, 0 }, Run<float>(oneHot));
        Assert.Equal(new[] { 5, -1, -1, 5 }, Run<int>(tf.one_hot(tf.constant(new[] { 0, 1 }), 2, on_value: 5, off_value: -1, dtype: tf.int32)));
    }

    [Fact]
    public void Range_linspace_size_rank()
    {
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, Run<int>(tf.range(5)));
        Assert.Equal(new[] { 3, 5, 7 }, Run<int>(tf.range(3, 9, 2)));
        Assert.Equal(new[] { 1f, 0.5f }, Run<float>(tf.range(1.0, 0.0, -0.5)));
        Assert.Equal(new[] { 3 }, tf.range(3, 9, 2).shape.dims);
        Assert.Equal(new[] { 0f, 0.25f, 0.5f, 0.75f, 1f }, Run<float>(tf.linspace(0f, 1f, 5)));
        Assert.Equal(6, Run<int>(tf.size(tf.constant(M)))[0]);
        Assert.Equal(2, Run<int>(tf.rank(tf.constant(M)))[0]);
    }

    [Fact]
    public void Stop_gradient_blocks_the_gradient_but_not_the_value()
    {
        var x = tf.constant(new float[] { 2 });
        var y = tf.stop_gradient(x * x) + x;
        Assert.Equal(new[] { 6f }, Run<float>(y));
        Assert.Equal(new[] { 1f }, Run<float>(tf.gradients(y, x)[0]));
    }

    [Fact]
    public void Random_shuffle_permutes_rows_and_repeats_under_a_seed()
    {
        var rows = tf.constant(Enumerable.Range(0, 20).ToArray());
        var shuffled = tf.random_shuffle(rows, seed: 3);
        using var sess = tf.Session();
        var first = sess.run(shuffled).ToArray<int>();
        Assert.Equal(Enumerable.Range(0, 20), first.OrderBy(v => v));
        Assert.NotEqual(Enumerable.Range(0, 20), first);
        tf.reset_default_graph();
        var again = tf.random_shuffle(tf.constant(Enumerable.Range(0, 20).ToArray()), seed: 3);
        using var sess2 = tf.Session();
        Assert.Equal(first, sess2.run(again).ToArray<int>());
    }
}

/// <summary>Graphs with the issue-11 ops export as GraphDefs whose attrs carry TensorFlow's names.</summary>
[Collection("DefaultGraph")]
public class Issue11GraphDefExportTests
{
    public Issue11GraphDefExportTests() => tf.reset_default_graph();

    [Fact]
    public void New_ops_export_with_their_attrs()
    {
        var x = tf.placeholder(tf.float32, (Binding.None, 1, 3));
        var y = tf.nn.leaky_relu(tf.squeeze(x, 1)[.., 1..], alpha: 0.1);
        tf.cumsum(tf.range(4), exclusive: true);
        tf.layers.batch_normalization(tf.concat(new[] { y, y }, 1), training: true);
        var nodes = tf.get_default_graph().as_graph_def().Node.ToDictionary(n => n.Name);
        Assert.Equal(new long[] { 1 }, nodes["Squeeze"].Attr["squeeze_dims"].List.I);
        Assert.Equal(0.1f, nodes["LeakyRelu"].Attr["alpha"].F, 6);
        // [.., 1..]: dimension 0 whole (begin and end masked), dimension 1 from 1 to the end (end masked), nothing shrunk.
        Assert.Equal((1L, 3L, 0L), (nodes["strided_slice"].Attr["begin_mask"].I, nodes["strided_slice"].Attr["end_mask"].I, nodes["strided_slice"].Attr["shrink_axis_mask"].I));
        Assert.True(nodes["Cumsum"].Attr["exclusive"].B);
        Assert.Equal("ConcatV2", nodes["concat"].Op);
        Assert.Contains(nodes.Values, n => n.Op == "Assign" && n.Name.StartsWith("batch_normalization/AssignMovingAvg"));
    }
}
