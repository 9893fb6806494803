namespace GraphTrainer;

public partial class Session
{
    /// <summary>The job/replica/task prefix of every local device name, as TensorFlow names a single-process session's devices.</summary>
    internal const string LocalDevicePrefix = "/job:localhost/replica:0/task:0";

    // Incarnations identify a device instance for the life of the process (TensorFlow draws a random 64-bit number).
    private static readonly long s_cpuIncarnation = Random.Shared.NextInt64(1, long.MaxValue);

    /// <summary>
    /// The devices this session can place ops on (TensorFlow's <c>sess.list_devices()</c>), each with its full name, type
    /// and memory limit; the host CPU comes first.
    /// </summary>
    public List<DeviceAttributes> list_devices()
    {
        ThrowIfClosed();
        var devices = new List<DeviceAttributes>();
        // The host CPU is always present (feeds, fetches and placeholders live there); the managed backend allocates from
        // the process heap, so its limit is what the GC may use.
        devices.Add(new DeviceAttributes($"{LocalDevicePrefix}/device:CPU:0", "CPU",
            GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, s_cpuIncarnation));
        return devices;
    }
}
