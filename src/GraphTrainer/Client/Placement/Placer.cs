using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>
/// Assigns each op of a plan to a device by TensorFlow's placer rules:
/// <list type="bullet">
/// <item>an op pinned with <c>tf.device</c> runs on a registered device matching the pin that has a kernel for it (op
/// type, device type, dtype); otherwise placement fails with TensorFlow's InvalidArgumentError, unless
/// <c>allow_soft_placement</c> is on, when the device type and index of the pin are dropped (GPU → CPU);</item>
/// <item>an unpinned op goes to the preferred device with a kernel for it: GPU:0 when a GPU is registered, else the CPU;</item>
/// <item>an op that writes a variable through a ref input (Assign, Apply*) is colocated with the variable;</item>
/// <item>a constant-like op with no inputs goes where all of its consumers are, and Shape/Size/Rank go with their input
/// (TensorFlow's generator and metadata heuristics), so neither costs a copy;</item>
/// <item>placeholders are fed on the host.</item>
/// </list>
/// With <c>log_device_placement</c> each op's device is printed to stderr once per compiled plan.
/// </summary>
internal static class Placer
{
    /// <summary>The device of every op in <paramref name="ordered"/> (creation order).</summary>
    /// <exception cref="InvalidArgumentError">A pin cannot be satisfied (TensorFlow's texts).</exception>
    public static Dictionary<Operation, ComputeDevice> Place(IReadOnlyList<Operation> ordered, PlacementOptions options)
    {
        var devices = DevicePriority.Sort(options.AvailableDevices());
        var log = options.LogDevicePlacement ? Console.Error : null;
        var groups = new ColocationGroups(ordered, devices, log);
        var possibleByGroup = new Dictionary<int, List<ComputeDevice>>();
        List<ComputeDevice> Possible(Operation op)
        {
            int group = groups.GroupOf(op);
            if (!possibleByGroup.TryGetValue(group, out var possible))
                possibleByGroup[group] = possible = PossibleDevices(op, groups, devices, options);
            return possible;
        }

        var placed = new Dictionary<Operation, ComputeDevice>(ordered.Count);
        var generators = new List<Operation>();
        foreach (var op in ordered)
        {
            if (IsGenerator(op))
            {
                generators.Add(op); // placed after their consumers
                continue;
            }
            var possible = Possible(op);
            var device = possible[0];
            if (IsShapeArithmetic(op) && !ColocationGroups.HasDetails(groups.Requested(op)) && possible.Contains(ComputeDevice.Host))
                device = ComputeDevice.Host;
            if (IsMetadata(op) && placed.TryGetValue(op.Inputs[0].op, out var inputDevice) && possible.Contains(inputDevice))
                device = inputDevice;
            placed[op] = IsHostResident(op) ? ComputeDevice.Host : device;
        }
        var inPlan = new HashSet<Operation>(ordered);
        foreach (var op in generators)
        {
            var possible = Possible(op);
            var consumerDevices = op.Outputs[0].Consumers.Where(inPlan.Contains)
                .SelectMany(c => ReadDevices(c, op.Outputs[0], placed[c])).Distinct().ToList();
            var device = consumerDevices.Count == 1 && possible.Contains(consumerDevices[0]) ? consumerDevices[0] : possible[0];
            placed[op] = IsHostResident(op) ? ComputeDevice.Host : device;
        }
        if (log != null)
            foreach (var op in ordered) log.WriteLine($"{op.Name}: ({op.Type}): {placed[op].Name}");
        return placed;
    }

    /// <summary>Ops whose value is always on the host wherever they are pinned: placeholders, which are fed there.</summary>
    public static bool IsHostResident(Operation op) => op.Type == "Placeholder";

    /// <summary>True when <paramref name="device"/> has a kernel for the op at the dtype its kernel is chosen by.</summary>
    public static bool HasKernel(Operation op, ComputeDevice device) =>
        KernelRegistry.Has(op.Type, device.DeviceType, op.Def.KernelDType(op));

    // TensorFlow's generator nodes: no inputs and one output that is not a ref (Const, not VariableV2).
    private static bool IsGenerator(Operation op) =>
        op.Inputs.Length == 0 && op.Outputs.Length == 1 && op.Outputs[0] is not RefVariable;

    // int32 in, int32 out (the shape arithmetic of gradients: Prod, Maximum, FloorDiv, Pack of Shape outputs): TensorFlow's
    // GPU kernels keep int32 tensors in host memory, so it runs on the host next to the Shape ops it reads, and a
    // Reshape/Sum that takes its result as a host-memory argument needs no copy back from the device.
    private static bool IsShapeArithmetic(Operation op) =>
        op.Inputs.Length > 0 && op.Outputs.Length > 0 && op.Def.UpdatedInputs == 0 && !op.Def.WritesInput0
        && op.Inputs.All(i => i.dtype == DType.Int32) && op.Outputs.All(o => o.dtype == DType.Int32);

    // Where `consumer` on `device` reads `value`: the host for an input its kernel takes in host memory (a Reshape's shape
    // or a Sum's axes on a GPU), so a constant feeding only such inputs stays on the host instead of being copied back
    // from the device every run.
    private static IEnumerable<ComputeDevice> ReadDevices(Operation consumer, Tensor value, ComputeDevice device)
    {
        for (int i = 0; i < consumer.Inputs.Length; i++)
            if (consumer.Inputs[i] == value)
                yield return device.IsHost || KernelRegistry.IsHostMemoryInput(consumer.Type, device.DeviceType, i) ? ComputeDevice.Host : device;
    }

    // Ops that read only their input's metadata.
    private static bool IsMetadata(Operation op) => op.Inputs.Length > 0 && op.Type is "Shape" or "ShapeN" or "Size" or "Rank";

    // The devices the op's group may run on, preferred first; never empty.
    private static List<ComputeDevice> PossibleDevices(Operation op, ColocationGroups groups, IReadOnlyList<ComputeDevice> devices, PlacementOptions options)
    {
        var requested = groups.Requested(op);
        var supported = groups.Supported(op);
        if (ColocationGroups.HasDetails(requested))
        {
            var matching = devices.Where(d => supported.Contains(d.DeviceType) && DevicePriority.Matches(requested, d)).ToList();
            if (matching.Count == 0 && options.AllowSoftPlacement)
            {
                // Soft placement keeps the job/replica/task of the pin and lets the type and index go.
                var soft = new DeviceSpec(requested.job, requested.replica, requested.task);
                matching = devices.Where(d => supported.Contains(d.DeviceType) && DevicePriority.Matches(soft, d)).ToList();
            }
            return matching.Count > 0 ? matching : throw PlacementErrors.Unsatisfiable(op, requested, groups, devices);
        }
        var candidates = devices.Where(d => supported.Contains(d.DeviceType)
            && (options.DefaultDeviceType == null || d.DeviceType == options.DefaultDeviceType || d.IsHost)).ToList();
        return candidates.Count > 0 ? candidates : throw PlacementErrors.NoKernel(op, groups, devices);
    }
}
