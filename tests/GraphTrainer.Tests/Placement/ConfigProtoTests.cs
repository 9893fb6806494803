namespace GraphTrainer.Tests.Placement;

[Collection("DefaultGraph")]
public class ConfigProtoTests
{
    public ConfigProtoTests() => tf.reset_default_graph();

    [Fact]
    public void Defaults_are_TensorFlows()
    {
        var config = tf.ConfigProto();
        Assert.False(config.log_device_placement);
        Assert.False(config.allow_soft_placement);
        Assert.NotNull(config.gpu_options);
        Assert.False(config.gpu_options.allow_growth);
        Assert.Equal(0, config.gpu_options.per_process_gpu_memory_fraction);
        Assert.Empty(config.device_count);
    }

    [Fact]
    public void Fields_are_set_by_keyword_and_mutable_afterwards()
    {
        var config = tf.ConfigProto(log_device_placement: true, allow_soft_placement: true,
            gpu_options: tf.GPUOptions(per_process_gpu_memory_fraction: 0.5), device_count: new Dictionary<string, int> { ["GPU"] = 0 },
            intra_op_parallelism_threads: 1, inter_op_parallelism_threads: 2);
        config.gpu_options.allow_growth = true; // the common TF1 idiom
        Assert.True(config.log_device_placement);
        Assert.True(config.allow_soft_placement);
        Assert.True(config.gpu_options.allow_growth);
        Assert.Equal(0.5, config.gpu_options.per_process_gpu_memory_fraction);
        Assert.Equal(0, config.MaxDevices("GPU"));
        Assert.Equal(int.MaxValue, config.MaxDevices("TPU"));
        Assert.Equal((1, 2), (config.intra_op_parallelism_threads, config.inter_op_parallelism_threads));
        Assert.Same(typeof(ConfigProto), tf.compat.v1.ConfigProto().GetType());
    }

    [Fact]
    public void Bad_values_are_rejected_naming_the_field()
    {
        Assert.Contains("per_process_gpu_memory_fraction", Assert.Throws<ValueError>(() => tf.GPUOptions(per_process_gpu_memory_fraction: 1.5)).Message);
        Assert.Contains("device_count['GPU']", Assert.Throws<ValueError>(() => tf.ConfigProto(device_count: new Dictionary<string, int> { ["GPU"] = -1 })).Message);
    }

    [Fact]
    public void Session_keeps_a_copy_of_its_config()
    {
        var config = tf.ConfigProto(allow_soft_placement: true);
        using var sess = tf.Session(config: config);
        config.allow_soft_placement = false;
        config.gpu_options.allow_growth = true;
        Assert.True(sess.Config.allow_soft_placement);
        Assert.False(sess.Config.gpu_options.allow_growth);
        using var plain = tf.Session();
        Assert.False(plain.Config.allow_soft_placement);
        var c = tf.constant(3f);
        Assert.Equal(3f, (float)sess.run(c)); // a configured session runs as before
    }

    [Fact]
    public void Session_accepts_graph_and_config_by_keyword()
    {
        var g = tf.Graph();
        using var sess = tf.Session(graph: g, config: tf.ConfigProto(log_device_placement: true));
        Assert.Same(g, sess.graph);
        Assert.True(sess.Config.log_device_placement);
        using var compat = tf.compat.v1.Session(config: tf.ConfigProto(allow_soft_placement: true));
        Assert.True(compat.Config.allow_soft_placement);
    }

    [Fact]
    public void InteractiveSession_defaults_to_allow_growth_as_TensorFlow_does()
    {
        using (var sess = tf.InteractiveSession())
            Assert.True(sess.Config.gpu_options.allow_growth);
        using (var sess = tf.InteractiveSession(config: tf.ConfigProto(allow_soft_placement: true)))
        {
            Assert.False(sess.Config.gpu_options.allow_growth);
            Assert.True(sess.Config.allow_soft_placement);
        }
    }

    [Fact]
    public void List_devices_reports_the_host_CPU()
    {
        using var sess = tf.Session();
        var devices = sess.list_devices();
        var cpu = Assert.Single(devices, d => d.device_type == "CPU");
        Assert.Equal("/job:localhost/replica:0/task:0/device:CPU:0", cpu.name);
        Assert.Same(cpu, devices[0]);
        Assert.True(cpu.memory_limit_bytes > 0);
        Assert.Equal(cpu.memory_limit_bytes, cpu.memory_limit);
        Assert.NotEqual(0, cpu.incarnation);
        Assert.Equal($"_DeviceAttributes(/job:localhost/replica:0/task:0/device:CPU:0, CPU, {cpu.memory_limit_bytes}, {cpu.incarnation})", cpu.ToString());
        sess.close();
        Assert.Throws<InvalidOperationException>(() => sess.list_devices());
    }
}
