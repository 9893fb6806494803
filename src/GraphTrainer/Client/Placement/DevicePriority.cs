using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>
/// The order TensorFlow prefers device types in when an op may run on several (its device factories' priorities):
/// GPU before any other accelerator before the CPU; within a type, the lowest index first.
/// </summary>
internal static class DevicePriority
{
    /// <summary>Lower is preferred.</summary>
    public static int Of(string deviceType) => deviceType switch
    {
        "GPU" => 0,
        KernelRegistry.Cpu => 2,
        _ => 1,
    };

    /// <summary><paramref name="devices"/> in preference order.</summary>
    public static List<ComputeDevice> Sort(IEnumerable<ComputeDevice> devices) =>
        devices.OrderBy(d => Of(d.DeviceType)).ThenBy(d => d.DeviceType, StringComparer.Ordinal).ThenBy(d => d.Index).ToList();

    /// <summary>Whether <paramref name="device"/> is one <paramref name="spec"/> describes (unset fields match anything; this process is /job:localhost/replica:0/task:0).</summary>
    public static bool Matches(DeviceSpec spec, ComputeDevice device) =>
        (spec.job == null || spec.job == "localhost") && (spec.replica is null or 0) && (spec.task is null or 0)
        && (spec.device_type == null || spec.device_type == device.DeviceType)
        && (spec.device_index == null || spec.device_index == device.Index);
}
