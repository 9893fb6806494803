using System.Runtime.InteropServices;
using GraphTrainer.IO;
using GraphTrainer.Tests.IO;

namespace GraphTrainer.Tests.Train;

[Collection("DefaultGraph")]
public class SaverTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public SaverTests() => tf.reset_default_graph();

    public void Dispose() => _dir.Dispose();

    private static readonly float[,] Xs = { { 1, 2, 0.5f }, { -1, 0, 2 }, { 3, -2, 1 }, { 0.25f, 1, -1 } };
    private static readonly float[,] Ys = { { 1, 0 }, { 0, 1 }, { 2, -1 }, { 0.5f, 0.5f } };

    private sealed record Model(Tensor X, Tensor Y, RefVariable W, RefVariable B, Tensor Loss, Operation Train, RefVariable Step);

    // A least-squares layer trained with Adam, so slots (W1/Adam, W1/Adam_1) and beta powers must round-trip too.
    private static Model BuildModel(int hidden = 2, DType dtype = DType.Float32)
    {
        var x = tf.placeholder(tf.float32, new[] { -1, 3 }, name: "x");
        var y = tf.placeholder(tf.float32, new[] { -1, 2 }, name: "y");
        var w = tf.Variable(tf.random_normal(new[] { 3, hidden }, seed: 7, dtype: dtype), name: "W1");
        var b = tf.Variable(tf.zeros(new[] { hidden }, dtype), name: "b1");
        var step = tf.Variable(tf.constant(0), name: "global_step", trainable: false);
        if (hidden != 2 || dtype != DType.Float32) return new Model(x, y, w, b, null, null, step);
        var loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y));
        // The step is counted by a separate assign (not minimize's global_step) so this test depends only on the saver.
        var train = tf.group(tf.train.AdamOptimizer(0.1).minimize(loss), step.assign(step + 1));
        return new Model(x, y, w, b, loss, train, step);
    }

    // The raw bytes of a float32 variable, so restored values are compared bit for bit.
    private static byte[] Bits(Session sess, Tensor t) => MemoryMarshal.AsBytes(sess.run(t).ToArray<float>().AsSpan()).ToArray();

    [Fact]
    public void Restored_variables_are_bitwise_equal_and_the_next_step_matches()
    {
        var m = BuildModel();
        string prefix;
        byte[] w, b;
        float nextLoss, lossAfter;
        using (var sess = tf.Session())
        {
            sess.run(tf.global_variables_initializer());
            for (int i = 0; i < 3; i++) sess.run(m.Train, (m.X, Xs), (m.Y, Ys));
            prefix = tf.train.Saver().save(sess, _dir.Combine("model.ckpt"), global_step: m.Step);
            w = Bits(sess, m.W);
            b = Bits(sess, m.B);
            var (_, loss) = sess.run((m.Train, m.Loss), (m.X, Xs), (m.Y, Ys));
            nextLoss = (float)loss;
            lossAfter = (float)sess.run(m.Loss, (m.X, Xs), (m.Y, Ys));
        }
        // The global step counted the three training steps.
        Assert.Equal(_dir.Combine("model.ckpt-3"), prefix);
        Assert.Contains("W1/Adam", CheckpointReader.ListVariables(prefix).Select(v => v.Name));

        tf.reset_default_graph();
        var m2 = BuildModel();
        using var sess2 = tf.Session();
        tf.train.Saver().restore(sess2, tf.train.latest_checkpoint(_dir.Path));
        Assert.Equal(w, Bits(sess2, m2.W));
        Assert.Equal(b, Bits(sess2, m2.B));
        Assert.Equal(3, (int)sess2.run(m2.Step));
        var (_, loss2) = sess2.run((m2.Train, m2.Loss), (m2.X, Xs), (m2.Y, Ys));
        Assert.Equal(nextLoss, (float)loss2);
        Assert.Equal(lossAfter, (float)sess2.run(m2.Loss, (m2.X, Xs), (m2.Y, Ys)));
    }

    [Fact]
    public void Saving_before_initialization_names_the_uninitialized_variable()
    {
        var w = tf.Variable(tf.constant(new float[] { 1, 2 }), name: "W1");
        var saver = tf.train.Saver(new[] { w });
        using var sess = tf.Session();
        var e = Assert.Throws<FailedPreconditionError>(() => saver.save(sess, _dir.Combine("model.ckpt")));
        Assert.Contains("uninitialized value W1", e.Message);
        Assert.Empty(_dir.FileNames());
    }

    [Fact]
    public void A_variable_missing_from_the_checkpoint_is_named_with_the_file()
    {
        var w = tf.Variable(tf.constant(new float[] { 1, 2 }), name: "W1");
        string prefix;
        using (var sess = tf.Session())
        {
            sess.run(tf.global_variables_initializer());
            prefix = tf.train.Saver().save(sess, _dir.Combine("model.ckpt"), global_step: 100);
        }
        tf.reset_default_graph();
        tf.Variable(tf.constant(new float[] { 1, 2 }), name: "W1");
        tf.Variable(tf.constant(new float[] { 3 }), name: "layer2/W");
        using var sess2 = tf.Session();
        var e = Assert.Throws<KeyError>(() => tf.train.Saver().restore(sess2, prefix));
        Assert.StartsWith($"Key layer2/W not found in checkpoint {prefix}", e.Message);
        // Validation precedes writing: W1, which was present, was not restored either.
        Assert.DoesNotContain("W1", sess2.State.VariableNames);
    }

    [Fact]
    public void A_shape_mismatch_names_the_variable_and_both_shapes()
    {
        var m = BuildModel(hidden: 2);
        string prefix;
        using (var sess = tf.Session())
        {
            sess.run(tf.global_variables_initializer());
            prefix = tf.train.Saver(new[] { m.W }).save(sess, _dir.Combine("model.ckpt"));
        }
        tf.reset_default_graph();
        var m2 = BuildModel(hidden: 4);
        using var sess2 = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => tf.train.Saver(new[] { m2.W }).restore(sess2, prefix));
        Assert.Contains("Shape mismatch for W1", e.Message);
        Assert.Contains("checkpoint has [3,2], graph variable has [3,4]", e.Message);
        Assert.Contains(prefix, e.Message);
    }

    [Fact]
    public void A_dtype_mismatch_names_the_variable()
    {
        var m = BuildModel();
        string prefix;
        using (var sess = tf.Session())
        {
            sess.run(tf.global_variables_initializer());
            prefix = tf.train.Saver(new[] { m.W }).save(sess, _dir.Combine("model.ckpt"));
        }
        tf.reset_default_graph();
        var m2 = BuildModel(dtype: DType.Float64);
        using var sess2 = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => tf.train.Saver(new[] { m2.W }).restore(sess2, prefix));
        Assert.Contains("Dtype mismatch for W1", e.Message);
        Assert.Contains("checkpoint has float32, graph variable has float64", e.Message);
    }

    [Fact]
    public void A_corrupted_entry_is_reported_with_the_variable_and_the_file()
    {
        // Distinctive values so the test can find W1's bytes in the file and damage one of them.
        float[] values = { 1.5f, -2.25f, 3.125f, 4.0625f };
        var w = tf.Variable(tf.constant(values), name: "W1");
        var b = tf.Variable(tf.constant(new float[] { 9 }), name: "b1");
        string prefix;
        using (var sess = tf.Session())
        {
            sess.run(tf.global_variables_initializer());
            prefix = tf.train.Saver().save(sess, _dir.Combine("model.ckpt"));
        }
        string file = CheckpointWriter.FilePathFor(prefix);
        byte[] content = File.ReadAllBytes(file);
        int at = content.AsSpan().IndexOf(MemoryMarshal.AsBytes(values.AsSpan()));
        Assert.True(at > 0);
        content[at + 5] ^= 0x40;
        File.WriteAllBytes(file, content);

        using var sess2 = tf.Session();
        var e = Assert.Throws<CheckpointCorruptException>(() => tf.train.Saver().restore(sess2, prefix));
        Assert.Equal("W1", e.VariableName);
        Assert.Contains("'W1'", e.Message);
        Assert.Contains(file, e.Message);
    }

    [Fact]
    public void Restoring_from_a_path_without_a_checkpoint_is_a_value_error()
    {
        tf.Variable(tf.constant(1f), name: "v");
        using var sess = tf.Session();
        var e = Assert.Throws<ValueError>(() => tf.train.Saver().restore(sess, _dir.Combine("nothing.ckpt")));
        Assert.Contains("not a valid checkpoint", e.Message);
        Assert.Null(tf.train.latest_checkpoint(_dir.Path));
    }

    [Fact]
    public void Max_to_keep_retains_the_newest_checkpoints()
    {
        var v = tf.Variable(tf.constant(0f), name: "v");
        var bump = v.assign(v + 1f);
        var saver = tf.train.Saver(max_to_keep: 2);
        using var sess = tf.Session();
        sess.run(v.initializer);
        string base_ = _dir.Combine("model.ckpt");
        for (int step = 1; step <= 5; step++)
        {
            sess.run(bump);
            saver.save(sess, base_, global_step: step * 10);
        }
        Assert.Equal(new[] { "checkpoint", "model.ckpt-40.gtckpt", "model.ckpt-50.gtckpt" }, _dir.FileNames());
        Assert.Equal(new[] { base_ + "-40", base_ + "-50" }, saver.last_checkpoints);
        Assert.Equal(base_ + "-50", tf.train.latest_checkpoint(_dir.Path));
        Assert.Equal(new[] { base_ + "-40", base_ + "-50" }, tf.train.get_checkpoint_state(_dir.Path).AllModelCheckpointPaths);

        // The newest checkpoint holds the value after five increments.
        sess.run(v.assign(tf.constant(-1f)));
        saver.restore(sess, tf.train.latest_checkpoint(_dir.Path));
        Assert.Equal(5f, (float)sess.run(v));
    }

    [Fact]
    public void A_dictionary_var_list_stores_variables_under_its_keys()
    {
        var w = tf.Variable(tf.constant(new double[] { 0.5, 0.25 }, tf.float64), name: "layer1/W");
        using var sess = tf.Session();
        sess.run(w.initializer);
        string prefix = tf.train.Saver(new Dictionary<string, RefVariable> { ["weights"] = w }).save(sess, _dir.Combine("m"));
        var entry = CheckpointReader.Read(prefix)["weights"];
        Assert.Equal("float64", entry.DType);
        Assert.Equal(new[] { 0.5, 0.25 }, entry.ToArray<double>());
    }
}
