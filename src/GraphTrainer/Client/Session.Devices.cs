using System.Runtime.CompilerServices;
using GraphTrainer.Runtime;

namespace GraphTrainer;

public partial class Session
{
    // Incarnations identify a device instance for the life of the process (TensorFlow draws a random 64-bit number).
    private static readonly ConditionalWeakTable<ComputeDevice, StrongBox<long>> s_incarnations = new();

    /// <summary>
    /// The devices this session can place ops on (TensorFlow's <c>sess.list_devices()</c>): the host CPU first, then each
    /// registered accelerator the config's <c>device_count</c> allows, each with its full name, type and memory limit.
    /// </summary>
    public List<DeviceAttributes> list_devices()
    {
        ThrowIfClosed();
        return Placement.AvailableDevices().Select(d => new DeviceAttributes(d.Name, d.DeviceType, MemoryLimit(d),
            s_incarnations.GetValue(d, _ => new StrongBox<long>(Random.Shared.NextInt64(1, long.MaxValue))).Value)).ToList();
    }

    // The managed CPU backend allocates from the process heap, so its limit is what the GC may use.
    private static long MemoryLimit(ComputeDevice device) =>
        device.IsHost ? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes : device.MemoryLimit;

    /// <summary>
    /// With <c>log_device_placement</c>, TensorFlow's session-creation line naming each accelerator
    /// (<c>Device mapping:</c> then <c>name -> description</c>), or <c>Device mapping: no known devices.</c> without one.
    /// </summary>
    private void LogDeviceMapping()
    {
        if (!Config.log_device_placement) return;
        var accelerators = Placement.AvailableDevices().Where(d => !d.IsHost).ToList();
        Console.Error.Write(accelerators.Count == 0 ? "Device mapping: no known devices.\n"
            : "Device mapping:\n" + string.Concat(accelerators.Select(d => $"{d.Name} -> {d.Description}\n")));
    }
}
