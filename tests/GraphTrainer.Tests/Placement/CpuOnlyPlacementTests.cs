using GraphTrainer.Runtime;
using NumSharp;

namespace GraphTrainer.Tests.Placement;

/// <summary>Placement through a session on a machine with only the host CPU (CI's case).</summary>
[Collection("DefaultGraph")]
public class CpuOnlyPlacementTests
{
    private const string Cpu0 = "/job:localhost/replica:0/task:0/device:CPU:0";

    public CpuOnlyPlacementTests() => tf.reset_default_graph();

    [Fact]
    public void A_pin_to_an_absent_gpu_fails_with_TensorFlows_text()
    {
        Tensor c;
        using (tf.device("/gpu:0")) c = tf.matmul(tf.constant(new float[,] { { 1, 2 } }, name: "a"), tf.constant(new float[,] { { 3 }, { 4 } }, name: "b"));
        using var sess = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(c));
        Assert.Equal("Cannot assign a device for operation MatMul: Could not satisfy explicit device specification '/device:GPU:0' because no devices " +
                     $"matching that specification are registered in this process; available devices: {Cpu0}", e.Message);
        Assert.Equal(0, sess.CompiledPlanCount);
    }

    [Fact]
    public void Soft_placement_runs_a_gpu_pinned_graph_on_the_cpu()
    {
        Tensor c;
        using (tf.device("/device:GPU:0")) c = tf.matmul(tf.constant(new float[,] { { 1, 2 } }), tf.constant(new float[,] { { 3 }, { 4 } }));
        using var sess = tf.Session(config: tf.ConfigProto(allow_soft_placement: true));
        Assert.Equal(11f, sess.run(c).GetSingle(0, 0)); // 1*3 + 2*4
        Assert.All(sess.Plans.Single().Placement.Values, d => Assert.True(d.IsHost));
    }

    [Fact]
    public void A_pin_to_another_job_is_unsatisfiable_even_with_soft_placement()
    {
        Tensor c;
        using (tf.device("/job:worker/gpu:0")) c = tf.constant(1f, name: "remote");
        using var sess = tf.Session(config: tf.ConfigProto(allow_soft_placement: true));
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(c));
        Assert.StartsWith("Cannot assign a device for operation remote: Could not satisfy explicit device specification '/job:worker/device:GPU:0' because no devices matching", e.Message);
    }

    [Fact]
    public void Cpu_pins_and_localhost_pins_run()
    {
        Tensor a, b;
        using (tf.device("/cpu:0")) a = tf.constant(2f);
        using (tf.device("/job:localhost/replica:0/task:0/device:CPU:0")) b = a * 3f;
        using var sess = tf.Session();
        Assert.Equal(6f, (float)sess.run(b));
    }

    [Fact]
    public void Log_device_placement_prints_each_op_once_per_compiled_plan()
    {
        var x = tf.placeholder(tf.float32, new TensorShape(2), name: "x");
        var y = tf.multiply(x, 2f, name: "Mul");
        var (log, _) = CaptureStderr(() =>
        {
            using var sess = tf.Session(config: tf.ConfigProto(log_device_placement: true));
            sess.run(y, new FeedDict { [x] = np.array(new[] { 1f, 2f }) });
            sess.run(y, new FeedDict { [x] = np.array(new[] { 3f, 4f }) }); // the cached plan: no second log
            return 0;
        });
        Assert.Contains("Device mapping: no known devices.\n", log);
        Assert.Single(Lines(log), l => l == $"Mul: (Mul): {Cpu0}");
        Assert.Single(Lines(log), l => l == $"y: (Const): {Cpu0}"); // the scalar operand is its own op
        Assert.DoesNotContain(Lines(log), l => l.StartsWith("x: ")); // fed placeholders are not part of the plan
    }

    [Fact]
    public void TensorFlows_using_gpus_guide_ports_line_for_line()
    {
        // The soft-placement example of TensorFlow 1.x's "Using GPUs" guide, which pins to a GPU this machine lacks.
        Tensor c;
        using (tf.device("/device:GPU:2"))
        {
            var a = tf.constant(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 }, shape: new TensorShape(2, 3), name: "a");
            var b = tf.constant(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 }, shape: new TensorShape(3, 2), name: "b");
            c = tf.matmul(a, b);
        }
        var (log, result) = CaptureStderr(() =>
        {
            using var sess = tf.Session(config: tf.ConfigProto(allow_soft_placement: true, log_device_placement: true));
            return sess.run(c);
        });
        Assert.Equal(new float[] { 22, 28, 49, 64 }, result.ToArray<float>()); // [[1,2,3],[4,5,6]] x [[1,2],[3,4],[5,6]]
        Assert.Contains($"MatMul: (MatMul): {Cpu0}\n", log);
        Assert.Contains($"a: (Const): {Cpu0}\n", log);
        Assert.Equal("/device:GPU:2", c.device); // the request is kept; only the assignment fell back
    }

    [Fact]
    public void Without_log_device_placement_nothing_is_printed()
    {
        var y = tf.constant(1f, name: "quiet") + 1f;
        var (log, _) = CaptureStderr(() =>
        {
            using var sess = tf.Session();
            return (float)sess.run(y);
        });
        Assert.DoesNotContain("quiet", log);
        Assert.DoesNotContain("Device mapping", log);
    }

    [Fact]
    public void List_devices_honours_the_host_only_registry()
    {
        using var sess = tf.Session(config: tf.ConfigProto(device_count: new Dictionary<string, int> { ["GPU"] = 0 }));
        Assert.Equal(new[] { Cpu0 }, sess.list_devices().Select(d => d.name));
        Assert.Same(ComputeDevice.Host, DeviceRegistry.Devices[0]);
    }

    internal static IEnumerable<string> Lines(string text) => text.Split('\n');

    internal static (string Stderr, T Result) CaptureStderr<T>(Func<T> action)
    {
        var previous = Console.Error;
        var writer = new StringWriter { NewLine = "\n" };
        Console.SetError(writer);
        try
        {
            var result = action();
            return (writer.ToString(), result);
        }
        finally
        {
            Console.SetError(previous);
        }
    }
}
