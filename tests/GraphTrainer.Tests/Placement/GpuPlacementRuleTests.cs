using GraphTrainer.Runtime;

namespace GraphTrainer.Tests.Placement;

/// <summary>
/// The placer's rules with a fake GPU registered (<see cref="FakeGpu"/>): where each op goes, and TensorFlow's error
/// texts when a pin cannot be satisfied.
/// </summary>
[Collection("DefaultGraph")]
public class GpuPlacementRuleTests
{
    private const string Cpu0 = "/job:localhost/replica:0/task:0/device:CPU:0";
    private const string Gpu0 = "/job:localhost/replica:0/task:0/device:GPU:0";

    public GpuPlacementRuleTests() => tf.reset_default_graph();

    private static Dictionary<Operation, ComputeDevice> Place(PlacementOptions options = null) =>
        Placer.Place(tf.get_default_graph().get_operations(), options ?? PlacementOptions.Default);

    private static Dictionary<Operation, ComputeDevice> Place(ConfigProto config) => Place(PlacementOptions.From(config, null));

    private static (Tensor A, Tensor B) Matrices() =>
        (tf.constant(new float[,] { { 1, 2 } }, name: "a"), tf.constant(new float[,] { { 3 }, { 4 } }, name: "b"));

    [Fact]
    public void Unpinned_ops_go_to_gpu0_where_it_has_the_kernel_else_to_the_cpu()
    {
        using var gpu = new FakeGpu(2).WithKernels("MatMul").WithKernels("Const");
        var (a, b) = Matrices();
        var product = tf.matmul(a, b);
        var sum = tf.reduce_sum(product); // no GPU kernel
        var placed = Place();
        Assert.Same(gpu[0], placed[product.op]);
        Assert.True(placed[sum.op].IsHost);
        Assert.Same(gpu[0], placed[a.op]); // constants follow their consumer
    }

    [Fact]
    public void A_session_restricted_to_the_cpu_keeps_unpinned_ops_there_but_honours_pins()
    {
        using var gpu = new FakeGpu().WithKernels("MatMul").WithKernels("Const");
        var (a, b) = Matrices();
        var unpinned = tf.matmul(a, b);
        Tensor pinned;
        using (tf.device("/gpu:0")) pinned = tf.matmul(a, b);
        var placed = Place(new PlacementOptions(DefaultDeviceType: KernelRegistry.Cpu));
        Assert.True(placed[unpinned.op].IsHost);
        Assert.Same(gpu[0], placed[pinned.op]);
    }

    [Fact]
    public void Pins_choose_the_device_type_and_index()
    {
        using var gpu = new FakeGpu(2).WithKernels("MatMul");
        var (a, b) = Matrices();
        Tensor onCpu, onGpu1, anyGpu;
        using (tf.device("/cpu:0")) onCpu = tf.matmul(a, b);
        using (tf.device("/device:GPU:1")) onGpu1 = tf.matmul(a, b);
        using (tf.device("/gpu:*")) anyGpu = tf.matmul(a, b);
        var placed = Place();
        Assert.True(placed[onCpu.op].IsHost);
        Assert.Same(gpu[1], placed[onGpu1.op]);
        Assert.Same(gpu[0], placed[anyGpu.op]); // the lowest index of the type
    }

    [Fact]
    public void A_gpu_pin_without_a_gpu_kernel_fails_unless_soft_placement_is_on()
    {
        using var gpu = new FakeGpu().WithKernels("MatMul");
        var (a, b) = Matrices();
        Tensor sum;
        using (tf.device("/gpu:0")) sum = tf.reduce_sum(tf.matmul(a, b), name: "Sum");
        var e = Assert.Throws<InvalidArgumentError>(() => Place());
        Assert.Equal("Cannot assign a device for operation Sum: Could not satisfy explicit device specification '/device:GPU:0' because no supported kernel for GPU devices is available.", e.Message);
        var placed = Place(tf.ConfigProto(allow_soft_placement: true));
        Assert.True(placed[sum.op].IsHost);
        Assert.Same(gpu[0], placed[sum.op.inputs[0].op]); // the MatMul keeps its GPU pin
    }

    [Fact]
    public void A_pin_to_a_device_that_does_not_exist_lists_the_available_devices()
    {
        using var gpu = new FakeGpu().WithKernels("MatMul");
        var (a, b) = Matrices();
        Tensor product;
        using (tf.device("/gpu:1")) product = tf.matmul(a, b);
        var e = Assert.Throws<InvalidArgumentError>(() => Place());
        Assert.Equal("Cannot assign a device for operation MatMul: Could not satisfy explicit device specification '/device:GPU:1' because no devices " +
                     $"matching that specification are registered in this process; available devices: {Cpu0}, {Gpu0}", e.Message);
        // Soft placement drops the type and index, so the op lands on the preferred device that has its kernel.
        Assert.Same(gpu[0], Place(tf.ConfigProto(allow_soft_placement: true))[product.op]);
    }

    [Fact]
    public void Device_count_hides_gpus_from_placement_and_list_devices()
    {
        using var gpu = new FakeGpu().WithKernels("MatMul");
        var (a, b) = Matrices();
        var unpinned = tf.matmul(a, b);
        var hidden = tf.ConfigProto(device_count: new Dictionary<string, int> { ["GPU"] = 0 });
        Assert.True(Place(hidden)[unpinned.op].IsHost);
        using (var sess = tf.Session(config: hidden))
            Assert.Equal(new[] { Cpu0 }, sess.list_devices().Select(d => d.name));
        using (var sess = tf.Session())
        {
            var devices = sess.list_devices();
            Assert.Equal(new[] { Cpu0, Gpu0 }, devices.Select(d => d.name));
            Assert.Equal(("GPU", 8L << 30), (devices[1].device_type, devices[1].memory_limit_bytes));
            Assert.Equal(devices[1].incarnation, sess.list_devices()[1].incarnation);
        }
        using (tf.device("/gpu:0")) tf.matmul(a, b, name: "pinned");
        var e = Assert.Throws<InvalidArgumentError>(() => Place(hidden));
        Assert.EndsWith($"no devices matching that specification are registered in this process; available devices: {Cpu0}", e.Message);
    }

    [Fact]
    public void Placeholders_stay_on_the_host_even_when_pinned_to_the_gpu()
    {
        using var gpu = new FakeGpu().WithKernels("Relu");
        Tensor x, y;
        using (tf.device("/gpu:0"))
        {
            x = tf.placeholder(tf.float32, new TensorShape(2));
            y = tf.nn.relu(x);
        }
        var placed = Place();
        Assert.True(placed[x.op].IsHost);
        Assert.Same(gpu[0], placed[y.op]);
    }

    [Fact]
    public void Constants_go_where_all_their_consumers_are_and_shape_goes_with_its_input()
    {
        using var gpu = new FakeGpu().WithKernels("Relu").WithKernels("Const", DType.Float32, DType.Int32).WithKernels("Shape");
        var c = tf.constant(new[] { 1f, -1f }, name: "c");
        var relu = tf.nn.relu(c);
        var cpuOnly = tf.constant(new[] { 1f, 2f }, name: "cpu_only");
        var sum = tf.reduce_sum(cpuOnly); // its axis constant, too, is consumed only on the CPU
        var shared = tf.constant(new[] { 3f, 4f }, name: "shared");
        var both = (tf.nn.relu(shared), tf.reduce_sum(shared));
        var shape = tf.shape(relu);
        var placed = Place();
        Assert.Same(gpu[0], placed[c.op]);
        Assert.True(placed[cpuOnly.op].IsHost); // TensorFlow's default would be GPU:0, which has a Const kernel
        Assert.True(placed[sum.op.inputs[1].op].IsHost);
        Assert.Same(gpu[0], placed[shared.op]); // consumers disagree: the default device
        Assert.Same(gpu[0], placed[shape.op]);
    }

    [Fact]
    public void Ops_that_write_a_variable_are_colocated_with_it()
    {
        using var gpu = new FakeGpu().WithKernels("Const").WithKernels("ApplyGradientDescent");
        var w = tf.Variable(tf.constant(new[] { 1f, 2f }), name: "w");
        var update = TrainingOps.Apply("ApplyGradientDescent", w, new[] { tf.constant(0.1f), tf.constant(new[] { 1f, 1f }) }, "update");
        var placed = Place();
        Assert.Same(gpu[0], placed[w.op]);
        Assert.Same(gpu[0], placed[w.initializer]);
        Assert.Same(gpu[0], placed[update]);
    }

    [Fact]
    public void A_variable_follows_its_updates_to_a_device_that_has_their_kernels()
    {
        using var gpu = new FakeGpu().WithKernels("Const"); // VariableV2 and Assign run anywhere; no GPU ApplyGradientDescent
        var w = tf.Variable(tf.constant(new[] { 1f, 2f }), name: "w");
        var update = TrainingOps.Apply("ApplyGradientDescent", w, new[] { tf.constant(0.1f), tf.constant(new[] { 1f, 1f }) }, "update");
        var placed = Place();
        Assert.True(placed[w.op].IsHost);
        Assert.True(placed[w.initializer].IsHost);
        Assert.True(placed[update].IsHost);
    }

    [Fact]
    public void A_variable_pinned_where_its_update_has_no_kernel_fails_naming_the_group()
    {
        using var gpu = new FakeGpu().WithKernels("Const");
        RefVariable w;
        using (tf.device("/gpu:0")) w = tf.Variable(tf.constant(new[] { 1f, 2f }), name: "w");
        var update = TrainingOps.Apply("ApplyGradientDescent", w, new[] { tf.constant(0.1f), tf.constant(new[] { 1f, 1f }) }, "update");
        var e = Assert.Throws<InvalidArgumentError>(() => Place());
        Assert.StartsWith("Cannot assign a device for operation w: Could not satisfy explicit device specification '/device:GPU:0' because no supported kernel for GPU devices is available.\nColocation Debug Info:\n", e.Message);
        Assert.Contains("\nApplyGradientDescent: CPU \n", e.Message);
        Assert.Contains("\nVariableV2: GPU CPU \n", e.Message);
        Assert.Contains("\n  w (VariableV2) /device:GPU:0\n  w/Assign (Assign) /device:GPU:0\n  update (ApplyGradientDescent) \n", e.Message);
        var soft = Place(tf.ConfigProto(allow_soft_placement: true));
        Assert.True(soft[w.op].IsHost);
        Assert.True(soft[update].IsHost);
    }

    [Fact]
    public void An_unpinned_variable_colocated_with_a_pinned_update_reports_the_groups_device()
    {
        using var gpu = new FakeGpu().WithKernels("Const");
        var w = tf.Variable(tf.constant(new[] { 1f, 2f }), name: "w");
        using (tf.device("/gpu:0"))
            TrainingOps.Apply("ApplyGradientDescent", w, new[] { tf.constant(0.1f), tf.constant(new[] { 1f, 1f }) }, "update");
        var e = Assert.Throws<InvalidArgumentError>(() => Place());
        Assert.StartsWith("Cannot assign a device for operation w: Could not satisfy explicit device specification '' because the node was colocated with a group of nodes that required incompatible device '/device:GPU:0'\nColocation Debug Info:", e.Message);
    }

    [Fact]
    public void A_write_pinned_elsewhere_than_its_variable_follows_the_variable_and_logs_why()
    {
        using var gpu = new FakeGpu().WithKernels("Const");
        RefVariable w;
        using (tf.device("/cpu:0")) w = tf.Variable(tf.constant(new[] { 1f, 2f }), name: "w");
        Tensor assign;
        using (tf.device("/gpu:0")) assign = w.assign(tf.constant(new[] { 5f, 6f }), name: "reset");
        var (log, placed) = CpuOnlyPlacementTests.CaptureStderr(() => Place(tf.ConfigProto(log_device_placement: true)));
        Assert.True(placed[assign.op].IsHost);
        Assert.Contains("Ignoring device specification /device:GPU:0 for node 'reset' because the input edge from 'w' is a reference connection and already has a device field set to /device:CPU:0\n", log);
        Assert.Contains($"reset: (Assign): {Cpu0}\n", log);
        Assert.Contains($"w: (VariableV2): {Cpu0}\n", log);
    }

    [Fact]
    public void An_update_whose_ref_inputs_are_pinned_to_incompatible_devices_fails()
    {
        using var gpu = new FakeGpu().WithKernels("Const");
        RefVariable w, accum;
        using (tf.device("/cpu:0")) w = tf.Variable(tf.constant(new[] { 1f }), name: "w");
        using (tf.device("/gpu:0")) accum = tf.Variable(tf.constant(new[] { 0f }), name: "accum");
        TrainingOps.Apply("ApplyMomentum", w, new[] { accum, tf.constant(0.1f), tf.constant(new[] { 1f }), tf.constant(0.9f) }, "momentum");
        var e = Assert.Throws<InvalidArgumentError>(() => Place());
        Assert.Equal("Could not colocate node with its resource and reference inputs; devices /device:CPU:0 and /device:GPU:0 are not compatible.\n\t [[node momentum]]", e.Message);
    }

    [Fact]
    public void Log_lines_and_device_mapping_name_the_gpu()
    {
        using var gpu = new FakeGpu().WithKernels("MatMul").WithKernels("Const");
        var (a, b) = Matrices();
        tf.matmul(a, b);
        var (log, _) = CpuOnlyPlacementTests.CaptureStderr(() =>
        {
            using var sess = tf.Session(config: tf.ConfigProto(log_device_placement: true));
            return Place(sess.Placement);
        });
        Assert.Contains($"Device mapping:\n{Gpu0} -> device: 0, name: Fake GPU\n", log);
        Assert.Contains($"MatMul: (MatMul): {Gpu0}\n", log);
        Assert.Contains($"a: (Const): {Gpu0}\n", log);
    }

    [Fact]
    public void The_fixture_leaves_no_gpu_registered()
    {
        using (var gpu = new FakeGpu().WithKernels("MatMul"))
            Assert.Contains(DeviceRegistry.Devices, d => d.DeviceType == "GPU");
        Assert.DoesNotContain(DeviceRegistry.Devices, d => d.DeviceType == "GPU");
        Assert.False(KernelRegistry.Has("MatMul", "GPU", DType.Float32));
    }
}
