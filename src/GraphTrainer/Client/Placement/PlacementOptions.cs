namespace GraphTrainer;

/// <summary>
/// What the placer needs from the session: TensorFlow's ConfigProto placement switches and, when the session was
/// opened for one device type, that type as the default for unpinned ops.
/// </summary>
internal sealed record PlacementOptions(bool AllowSoftPlacement = false, bool LogDevicePlacement = false, string DefaultDeviceType = null)
{
    /// <summary>TensorFlow's defaults: no soft placement, no logging, GPU:0 for unpinned ops when one is present.</summary>
    public static PlacementOptions Default { get; } = new();
}
