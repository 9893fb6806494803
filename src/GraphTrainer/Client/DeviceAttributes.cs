namespace GraphTrainer;

/// <summary>
/// One device a session can run ops on, as TensorFlow's <c>Session.list_devices()</c> reports it: full name, type,
/// memory limit and incarnation.
/// </summary>
public sealed class DeviceAttributes
{
    internal DeviceAttributes(string name, string deviceType, long memoryLimitBytes, long incarnation)
    {
        this.name = name;
        device_type = deviceType;
        memory_limit_bytes = memoryLimitBytes;
        this.incarnation = incarnation;
    }

    /// <summary>Full device name, e.g. <c>/job:localhost/replica:0/task:0/device:GPU:0</c>.</summary>
    public string name { get; }
    /// <summary>Device type: <c>CPU</c>, <c>GPU</c>.</summary>
    public string device_type { get; }
    /// <summary>The most memory the device offers, in bytes.</summary>
    public long memory_limit_bytes { get; }
    /// <summary>Same as <see cref="memory_limit_bytes"/> (the name TensorFlow's <c>list_devices</c> documentation uses).</summary>
    public long memory_limit => memory_limit_bytes;
    /// <summary>A number identifying this instance of the device within the process.</summary>
    public long incarnation { get; }

    /// <summary>TensorFlow's repr: <c>_DeviceAttributes(name, type, memory, incarnation)</c>.</summary>
    public override string ToString() => $"_DeviceAttributes({name}, {device_type}, {memory_limit_bytes}, {incarnation})";
}
