using GraphTrainer.Runtime;
using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Gpu.Tests;

/// <summary>The session's device plan: placement by kernel availability, host↔device copies at boundaries, variables on the device.</summary>
[Trait("Category", "Gpu")]
public class PlanTransferTests
{
    [Fact]
    public void Op_with_a_gpu_kernel_runs_on_gpu_and_its_result_comes_back()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, new TensorShape(-1));
        var y = tf.nn.relu(x);
        using var sess = EmulatedGpu.Session(g);
        var result = sess.run(y, new FeedDict { [x] = np.array(new[] { -1f, 2f, -3f, 4f, 0f, 5f, -6f }) });
        Assert.Equal(new[] { 0f, 2f, 0f, 4f, 0f, 5f, 0f }, result.ToArray<float>());
        var plan = sess.Plans.Single();
        Assert.Same(EmulatedGpu.Device, plan.Placement[y.op]);
        Assert.Equal(2, plan.TransferCount); // the feed up, the fetch down
    }

    [Fact]
    public void Cpu_restricted_session_places_nothing_on_the_gpu()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, new TensorShape(2));
        var y = tf.nn.relu(x);
        Assert.NotNull(EmulatedGpu.Device);
        using var sess = EmulatedGpu.CpuSession(g);
        sess.run(y, new FeedDict { [x] = np.array(new[] { -1f, 1f }) });
        Assert.True(sess.Plans.Single().Placement.Values.All(d => d.IsHost));
        Assert.Equal(0, sess.Plans.Single().TransferCount);
    }

    [Fact]
    public void Variable_lives_on_the_gpu_and_a_checkpoint_reads_it_back()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var v = tf.Variable(tf.constant(new[] { -2f, 3f }), name: "v");
        var y = tf.nn.relu(v);
        using var sess = EmulatedGpu.Session(g);
        sess.run(tf.global_variables_initializer());
        Assert.True(sess.State.GetVariable("v").IsOnDevice);
        Assert.Equal(new[] { 0f, 3f }, sess.run(y).ToArray<float>());
        Assert.Equal(new[] { -2f, 3f }, sess.State.ReadVariableOnHost("v").Span<float>().ToArray());
        Assert.Equal(new[] { -2f, 3f }, sess.run(v).ToArray<float>());
    }

    [Fact]
    public void Reshape_on_gpu_reads_its_shape_argument_on_the_host()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, new TensorShape(6));
        var y = tf.nn.relu(tf.reshape(x, new[] { 2, -1 }));
        using var sess = EmulatedGpu.Session(g);
        var result = sess.run(y, new FeedDict { [x] = np.array(new[] { 1f, -2f, 3f, -4f, 5f, -6f }) });
        Assert.Equal(new[] { 2, 3 }, result.shape.Select(d => (int)d).ToArray());
        Assert.Equal(new[] { 1f, 0f, 3f, 0f, 5f, 0f }, result.ToArray<float>());
    }

    [Fact]
    public void Uninitialized_variable_on_gpu_is_reported_by_name()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var v = tf.Variable(tf.constant(new[] { 1f }), name: "never_set");
        using var sess = EmulatedGpu.Session(g);
        var e = Assert.Throws<FailedPreconditionError>(() => sess.run(tf.nn.relu(v)));
        Assert.Contains("Attempting to use uninitialized value never_set", e.Message);
    }

    [Fact]
    public void Constant_shape_argument_of_a_gpu_reshape_stays_on_the_host()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, new TensorShape(6));
        var shape = tf.constant(new[] { 3, 2 });
        var y = tf.nn.relu(tf.reshape(x, shape));
        using var sess = EmulatedGpu.Session(g);
        sess.run(y, new FeedDict { [x] = np.array(new[] { 1f, -2f, 3f, -4f, 5f, -6f }) });
        var plan = sess.Plans.Single();
        Assert.Same(EmulatedGpu.Device, plan.Placement[y.op.inputs[0].op]); // the Reshape
        Assert.True(plan.Placement[shape.op].IsHost);
        Assert.Equal(2, plan.TransferCount); // the feed up and the fetch down; no copy of the shape
    }

    [Fact]
    public void Int32_shape_arithmetic_stays_on_the_host_next_to_the_shapes_it_reads()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, new TensorShape(-1, 2, 3));
        var activated = tf.nn.relu(x);
        var batch = tf.shape(activated)[0];
        var newShape = tf.stack(new[] { batch, tf.constant(-1) });
        var flat = tf.reshape(activated, newShape);
        using var sess = EmulatedGpu.Session(g);
        var result = sess.run(flat, new FeedDict { [x] = np.arange(-6f, 6f).reshape(2, 2, 3) });
        Assert.Equal(new[] { 2, 6 }, result.shape.Select(d => (int)d).ToArray());
        var plan = sess.Plans.Single();
        Assert.Same(EmulatedGpu.Device, plan.Placement[flat.op]);
        Assert.True(plan.Placement[batch.op].IsHost, "StridedSlice of a shape");
        Assert.True(plan.Placement[newShape.op].IsHost, "Pack of int32 scalars");
        Assert.Equal(2, plan.TransferCount); // the feed up and the fetch down: the shape is never copied
    }

    [Fact]
    public void Closing_the_session_frees_its_variables_device_memory()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        tf.Variable(tf.constant(new[] { 1f, 2f }), name: "freed");
        var sess = EmulatedGpu.Session(g);
        sess.run(tf.global_variables_initializer());
        var storage = (GpuStorage)sess.State.GetVariable("freed").Storage;
        Assert.False(storage.Buffer.IsDisposed);
        sess.close();
        Assert.True(storage.Buffer.IsDisposed);
    }
}
