using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>
/// Assigns each op of a plan to a device, as TensorFlow's placer does: an op goes to the first GPU that has a kernel
/// for it (TensorFlow's default when a GPU is present), else to the CPU; ops that write a variable through a ref
/// input (Assign, Apply*) are colocated with the variable, since they update its buffer in place.
/// </summary>
internal static class Placer
{
    /// <summary>The device of every op in <paramref name="ordered"/> (creation order).</summary>
    public static Dictionary<Operation, ComputeDevice> Place(IReadOnlyList<Operation> ordered, PlacementOptions options)
    {
        var devices = DeviceRegistry.Devices;
        var placed = new Dictionary<Operation, ComputeDevice>(ordered.Count);
        foreach (var op in ordered)
        {
            var colocated = RefSource(op);
            placed[op] = colocated != null && placed.TryGetValue(colocated, out var home) && HasKernel(op, home)
                ? home
                : Preferred(op, devices, options);
        }
        return placed;
    }

    // The variable op whose buffer this op updates in place (input 0 of Assign/Apply*), or null.
    private static Operation RefSource(Operation op) =>
        op.Def.UpdatedInputs > 0 || op.Def.WritesInput0 ? op.Inputs[0].op : null;

    private static ComputeDevice Preferred(Operation op, IReadOnlyList<ComputeDevice> devices, PlacementOptions options)
    {
        if (op.Type == "Placeholder") return ComputeDevice.Host;
        foreach (var device in devices)
            if (!device.IsHost && (options.DefaultDeviceType == null || options.DefaultDeviceType == device.DeviceType) && HasKernel(op, device))
                return device;
        return ComputeDevice.Host;
    }

    /// <summary>True when <paramref name="device"/> has a kernel for the op at the dtype its kernel is chosen by.</summary>
    public static bool HasKernel(Operation op, ComputeDevice device) =>
        KernelRegistry.Has(op.Type, device.DeviceType, op.Def.KernelDType(op));
}
