using System.Text;
using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>TensorFlow's placement error texts (InvalidArgumentError), with its colocation debug info for groups.</summary>
internal static class PlacementErrors
{
    /// <summary>
    /// The op's group is pinned where it cannot run: no registered device matches the pin, none of those that match has
    /// kernels for the whole group, or the op was colocated with ops pinned elsewhere.
    /// </summary>
    public static InvalidArgumentError Unsatisfiable(Operation op, DeviceSpec groupRequest, ColocationGroups groups, IReadOnlyList<ComputeDevice> devices)
    {
        var own = DeviceSpec.from_string(op.device);
        string debug = DebugInfo(op, groups, devices);
        string reason;
        if (own.Equals(groupRequest))
        {
            if (!devices.Any(d => DevicePriority.Matches(own, d)))
                reason = $"Could not satisfy explicit device specification '{op.device}' because no devices matching that specification are registered in this process; available devices: " +
                         string.Join(", ", devices.Select(d => d.Name).OrderBy(n => n, StringComparer.Ordinal)) + debug;
            else if (own.device_type != null)
                reason = $"Could not satisfy explicit device specification '{op.device}' because no supported kernel for {own.device_type} devices is available.{debug}";
            else
                reason = $"Could not satisfy explicit device specification '{op.device}'{debug}";
        }
        else
        {
            reason = $"Could not satisfy explicit device specification '{op.device}' because the node was colocated with a group of nodes that required incompatible device '{groupRequest}'{debug}";
        }
        return new InvalidArgumentError($"Cannot assign a device for operation {op.Name}: {reason}");
    }

    /// <summary>No device the session may use has kernels for the op's whole group.</summary>
    public static InvalidArgumentError NoKernel(Operation op, ColocationGroups groups, IReadOnlyList<ComputeDevice> devices) =>
        new($"Cannot assign a device for operation {op.Name}: Node had no OpKernel registered to support this operation: Operation was {op.Type} and inputs were " +
            $"[{string.Join(", ", op.Inputs.Select(i => i.dtype.Name()))}]" + DebugInfo(op, groups, devices));

    // TensorFlow's "Colocation Debug Info", only for groups of more than one op: each op type with the device types it
    // has kernels for, then each member with its requested device.
    private static string DebugInfo(Operation op, ColocationGroups groups, IReadOnlyList<ComputeDevice> devices)
    {
        var members = groups.Members(op).ToList();
        if (members.Count <= 1) return "";
        var text = new StringBuilder("\nColocation Debug Info:\nColocation group had the following types and devices: ");
        foreach (var type in members.Select(m => m.Type).Distinct().OrderBy(t => t, StringComparer.Ordinal))
        {
            var sample = members.First(m => m.Type == type);
            var types = devices.Select(d => d.DeviceType).Distinct()
                .Where(t => Placer.IsHostResident(sample) || KernelRegistry.Has(sample.Type, t, sample.Def.KernelDType(sample)));
            text.Append('\n').Append(type).Append(": ").Append(string.Concat(types.Select(t => t + " ")));
        }
        text.Append("\n\nColocation members and user-requested devices:");
        foreach (var m in members) text.Append("\n  ").Append(m.Name).Append(" (").Append(m.Type).Append(") ").Append(m.device);
        return text.Append('\n').ToString();
    }
}
