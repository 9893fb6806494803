using GraphTrainer.IO;

namespace GraphTrainer.Tests.Placement;

// Nesting cases and expected devices are TensorFlow 1.15's ops_test.py DeviceTest cases.
[Collection("DefaultGraph")]
public class DeviceScopeTests
{
    public DeviceScopeTests() => tf.reset_default_graph();

    private static Operation Op(Graph g) => g.CreateOp("NoOp", Array.Empty<Tensor>(), Array.Empty<DType>());

    [Fact]
    public void Ops_outside_any_scope_are_unpinned()
    {
        var c = tf.constant(1f);
        Assert.Equal("", c.op.device);
        Assert.Equal("", c.device);
        Assert.Equal("", GraphDefExporter.ToNodeDef(c.op).Device);
    }

    [Fact]
    public void Tf_device_pins_ops_with_the_canonical_string_and_restores_on_dispose()
    {
        Tensor a, b;
        using (tf.device("/gpu:0"))
        {
            a = tf.constant(new float[,] { { 1, 2 } }, name: "a");
            b = tf.matmul(a, tf.transpose(a));
        }
        var after = tf.constant(1f);
        Assert.Equal("/device:GPU:0", a.op.device);
        Assert.Equal("/device:GPU:0", b.op.device);
        Assert.Equal("/device:GPU:0", b.device);
        Assert.Equal("", after.op.device);
    }

    [Fact]
    public void Variables_created_in_a_scope_are_pinned_with_their_initializer()
    {
        RefVariable w;
        using (tf.device("/device:CPU:0"))
            w = tf.Variable(tf.zeros(new TensorShape(2)), name: "w");
        Assert.Equal("/device:CPU:0", w.device);
        Assert.Equal("/device:CPU:0", w.initializer.device);
    }

    [Fact]
    public void Nested_string_scopes_merge_field_by_field_and_empty_string_adds_nothing()
    {
        var g = new Graph();
        var devices = new List<string>();
        using (g.device("/device:GPU:0"))
        {
            devices.Add(Op(g).device);
            using (g.device("/job:worker"))
            {
                devices.Add(Op(g).device);
                using (g.device("/device:CPU:0"))
                {
                    devices.Add(Op(g).device);
                    using (g.device("/job:ps"))
                    {
                        devices.Add(Op(g).device);
                        using (g.device("")) devices.Add(Op(g).device);
                    }
                }
            }
        }
        Assert.Equal(new[] { "/device:GPU:0", "/job:worker/device:GPU:0", "/job:worker/device:CPU:0", "/job:ps/device:CPU:0", "/job:ps/device:CPU:0" }, devices);
    }

    [Fact]
    public void Inner_fields_override_and_a_wildcard_index_keeps_the_outer_index()
    {
        var g = new Graph();
        var devices = new List<string>();
        using (g.device("/job:worker/replica:2"))
        {
            devices.Add(Op(g).device);
            using (g.device("/job:worker/replica:3/task:0")) devices.Add(Op(g).device);
            devices.Add(Op(g).device);
        }
        using (g.device("/device:GPU:7"))
        using (g.device("/device:GPU:*"))
            devices.Add(Op(g).device);
        using (g.device("/device:CPU:*"))
        {
            devices.Add(Op(g).device);
            using (g.device("/device:CPU:5")) devices.Add(Op(g).device);
        }
        Assert.Equal(new[] { "/job:worker/replica:2", "/job:worker/replica:3/task:0", "/job:worker/replica:2", "/device:GPU:7", "/device:CPU:*", "/device:CPU:5" }, devices);
    }

    [Fact]
    public void Null_ignores_the_enclosing_scopes_until_it_closes()
    {
        var g = new Graph();
        var devices = new List<string>();
        using (g.device("/job:worker/replica:2/device:CPU:1"))
        {
            devices.Add(Op(g).device);
            using (g.device((string)null))
            {
                devices.Add(Op(g).device);
                using (g.device("/gpu:0")) devices.Add(Op(g).device); // scopes inside the null one still apply
            }
            devices.Add(Op(g).device);
        }
        Assert.Equal(new[] { "/job:worker/replica:2/device:CPU:1", "", "/device:GPU:0", "/job:worker/replica:2/device:CPU:1" }, devices);
    }

    [Fact]
    public void Tf_device_null_and_DeviceSpec_overloads()
    {
        using (tf.device("/gpu:0"))
        {
            using (tf.device(null)) Assert.Equal("", tf.constant(1f).op.device);
            var spec = new DeviceSpec(job: "ps", device_type: "CPU", device_index: 0);
            using (tf.device(spec))
            {
                spec.device_index = 3; // the scope keeps its own copy, as TensorFlow copies the spec
                Assert.Equal("/job:ps/device:CPU:0", tf.constant(1f).op.device);
            }
        }
    }

    [Fact]
    public void Compat_v1_device_and_a_null_spec_behave_as_tf_device()
    {
        using (tf.compat.v1.device("GPU:0"))
        {
            Assert.Equal("/device:GPU:0", tf.constant(1f).op.device);
            using (tf.get_default_graph().device((DeviceSpec)null)) Assert.Equal("", tf.constant(1f).op.device);
        }
    }

    [Fact]
    public void An_invalid_device_string_fails_when_the_scope_opens()
    {
        var e = Assert.Throws<ValueError>(() => tf.device("/gpu:0/cpu:0"));
        Assert.Equal("Cannot specify multiple device types: /gpu:0/cpu:0", e.Message);
        Assert.Equal("", tf.constant(1f).op.device); // nothing was pushed
    }

    [Fact]
    public void Scopes_closed_out_of_order_remove_only_themselves()
    {
        var g = new Graph();
        var outer = g.device("/job:a");
        var inner = g.device("/gpu:1");
        outer.Dispose();
        Assert.Equal("/device:GPU:1", Op(g).device);
        inner.Dispose();
        inner.Dispose(); // idempotent
        Assert.Equal("", Op(g).device);
    }

    [Fact]
    public void Device_scopes_belong_to_the_thread_that_opened_them()
    {
        var g = new Graph();
        using var opened = new ManualResetEventSlim();
        using var built = new ManualResetEventSlim();
        Operation fromOtherThread = null;
        var thread = new Thread(() =>
        {
            using (g.device("/job:worker/replica:1"))
            {
                opened.Set();
                built.Wait();
                fromOtherThread = Op(g);
            }
        });
        thread.Start();
        opened.Wait();
        var fromThisThread = Op(g); // the other thread's open scope does not apply here
        built.Set();
        thread.Join();
        Assert.Equal("", fromThisThread.device);
        Assert.Equal("/job:worker/replica:1", fromOtherThread.device);
    }

    [Fact]
    public void The_exported_GraphDef_carries_each_nodes_device()
    {
        using (tf.device("/gpu:0")) tf.constant(1f, name: "on_gpu");
        tf.constant(2f, name: "unpinned");
        var nodes = tf.get_default_graph().as_graph_def().Node.ToDictionary(n => n.Name);
        Assert.Equal("/device:GPU:0", nodes["on_gpu"].Device);
        Assert.Equal("", nodes["unpinned"].Device);
        Assert.Contains("device: \"/device:GPU:0\"", ProtoTextFormat.Print(tf.get_default_graph().as_graph_def()));
    }
}
