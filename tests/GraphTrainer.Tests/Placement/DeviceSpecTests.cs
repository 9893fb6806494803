namespace GraphTrainer.Tests.Placement;

// Expected strings follow TensorFlow 1.15's DeviceSpec (tensorflow/python/framework/device_spec.py) and ops_test.py.
public class DeviceSpecTests
{
    [Theory]
    [InlineData("/gpu:0", "/device:GPU:0")]
    [InlineData("/GPU:0", "/device:GPU:0")]
    [InlineData("gpu:1", "/device:GPU:1")]
    [InlineData("GPU:0", "/device:GPU:0")]
    [InlineData("/device:GPU:0", "/device:GPU:0")]
    [InlineData("/device:gpu:0", "/device:GPU:0")]
    [InlineData("/cpu:0", "/device:CPU:0")]
    [InlineData("/device:CPU:0", "/device:CPU:0")]
    [InlineData("/job:localhost/replica:0/task:0/device:GPU:0", "/job:localhost/replica:0/task:0/device:GPU:0")]
    [InlineData("/job:worker/replica:2", "/job:worker/replica:2")]
    [InlineData("/task:0/job:ps", "/job:ps/task:0")]
    [InlineData("/gpu:*", "/device:GPU:*")]
    [InlineData("/gpu", "/device:GPU:*")]
    [InlineData("/device:XLA_GPU:3", "/device:XLA_GPU:3")]
    [InlineData("", "")]
    [InlineData("/", "")]
    public void Parses_TensorFlow_spellings_to_the_canonical_string(string spec, string canonical)
    {
        Assert.Equal(canonical, DeviceSpec.from_string(spec).to_string());
        Assert.Equal(canonical, DeviceSpec.canonical_name(spec));
    }

    [Fact]
    public void Components_are_exposed_and_unspecified_ones_are_null()
    {
        var full = DeviceSpec.from_string("/job:localhost/replica:0/task:1/device:GPU:2");
        Assert.Equal(("localhost", 0, 1, "GPU", 2), (full.job, full.replica.Value, full.task.Value, full.device_type, full.device_index.Value));
        var partial = DeviceSpec.from_string("/gpu:*");
        Assert.Null(partial.job);
        Assert.Null(partial.replica);
        Assert.Null(partial.device_index);
        Assert.Equal("", DeviceSpec.canonical_name(null));
    }

    [Theory]
    [InlineData("/foo:0", "Unknown attribute: 'foo' in '/foo:0'")]
    [InlineData("/device:GPU", "Unknown attribute: 'device' in '/device:GPU'")]
    [InlineData("/job", "Unknown attribute: 'job' in '/job'")]
    [InlineData("/gpu:0/cpu:0", "Cannot specify multiple device types: /gpu:0/cpu:0")]
    [InlineData("/device:GPU:0/gpu:1", "Cannot specify multiple device types: /device:GPU:0/gpu:1")]
    [InlineData("/gpu:x", "invalid literal for int() with base 10: 'x'")]
    [InlineData("/device:GPU:", "invalid literal for int() with base 10: ''")]
    [InlineData("/replica:one", "invalid literal for int() with base 10: 'one'")]
    public void Invalid_strings_raise_TensorFlows_errors(string spec, string message)
    {
        var e = Assert.Throws<ValueError>(() => DeviceSpec.from_string(spec));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Constructor_upper_cases_cpu_and_gpu_only()
    {
        Assert.Equal("/job:ps/device:GPU:1", new DeviceSpec(job: "ps", device_type: "gpu", device_index: 1).to_string());
        Assert.Equal("/device:CPU:*", new DeviceSpec(device_type: "cpu").to_string());
        Assert.Equal("/device:tpu:0", new DeviceSpec(device_type: "tpu", device_index: 0).to_string());
    }

    [Fact]
    public void Merging_takes_the_specified_fields_of_the_argument()
    {
        // TensorFlow's make_merged_spec docstring: DeviceSpec(job=0, device_type="CPU") merged with DeviceSpec(device_type="GPU").
        var first = new DeviceSpec(job: "0", device_type: "CPU");
        var combined = first.make_merged_spec(new DeviceSpec(device_type: "GPU"));
        Assert.Equal("/job:0/device:GPU:*", combined.to_string());
        Assert.Equal("/job:0/device:CPU:*", first.to_string()); // unchanged

        var spec = DeviceSpec.from_string("/job:train/device:GPU:0");
        spec.merge_from(DeviceSpec.from_string("/device:GPU:1"));
        Assert.Equal("/job:train/device:GPU:1", spec.to_string());
        Assert.Equal("/device:CPU:0", spec.parse_from_string("/cpu:0").to_string());
    }

    [Fact]
    public void A_string_converts_implicitly_wherever_a_spec_is_taken()
    {
        DeviceSpec spec = "/gpu:1";
        Assert.Equal("/device:GPU:1", spec.to_string());
        Assert.Equal("/device:GPU:1", spec.ToString());
        Assert.Throws<ValueError>(() => { DeviceSpec bad = "/cpu:0/gpu:0"; });
    }

    [Fact]
    public void Specs_compare_by_canonical_string()
    {
        Assert.Equal(DeviceSpec.from_string("/gpu:0"), DeviceSpec.from_string("/device:GPU:0"));
        Assert.NotEqual(DeviceSpec.from_string("/gpu:0"), DeviceSpec.from_string("/gpu:1"));
        Assert.Equal(DeviceSpec.from_string("/gpu:0").GetHashCode(), DeviceSpec.from_string("GPU:0").GetHashCode());
    }
}
