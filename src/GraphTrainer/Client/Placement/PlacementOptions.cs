using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>
/// What the placer needs from the session: TensorFlow's ConfigProto placement switches (<c>allow_soft_placement</c>,
/// <c>log_device_placement</c>, <c>device_count</c>) and, when the session was opened for one device type, that type as
/// the default for unpinned ops.
/// </summary>
internal sealed record PlacementOptions(bool AllowSoftPlacement = false, bool LogDevicePlacement = false, string DefaultDeviceType = null,
    IReadOnlyDictionary<string, int> DeviceCount = null)
{
    /// <summary>TensorFlow's defaults: no soft placement, no logging, GPU:0 for unpinned ops when one is present.</summary>
    public static PlacementOptions Default { get; } = new();

    /// <summary>The switches of a session's <see cref="ConfigProto"/>, with the session's device-type restriction.</summary>
    public static PlacementOptions From(ConfigProto config, string defaultDeviceType) =>
        new(config.allow_soft_placement, config.log_device_placement, defaultDeviceType, config.device_count);

    /// <summary>
    /// The registered devices the session may use: the host CPU always; accelerators only below their type's
    /// <c>device_count</c> (TensorFlow creates that many devices of the type).
    /// </summary>
    public IReadOnlyList<ComputeDevice> AvailableDevices() =>
        DeviceRegistry.Devices.Where(d => d.IsHost || DeviceCount == null
            || !DeviceCount.TryGetValue(d.DeviceType, out int count) || d.Index < count).ToArray();
}
