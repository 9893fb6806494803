using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>
/// The placer's disjoint sets of ops that must share a device, as TensorFlow's ColocationGraph keeps them: an op that
/// writes a variable through a ref input (Assign, AssignAdd, Apply*) joins the variable's group, since it updates the
/// variable's buffer in place. Each group carries the merge of its members' requested devices and the device types
/// every member has a kernel for (in preference order).
/// </summary>
internal sealed class ColocationGroups
{
    private readonly IReadOnlyList<Operation> _ops;
    private readonly Dictionary<Operation, int> _index;
    private readonly int[] _parent;
    private readonly DeviceSpec[] _requested; // valid at roots
    private readonly List<string>[] _supported; // valid at roots

    /// <summary>Builds the groups of <paramref name="ordered"/> (a plan's ops) over the device types of <paramref name="devices"/>.</summary>
    /// <param name="ordered">The plan's ops in creation order.</param>
    /// <param name="devices">The devices the session may use, in preference order.</param>
    /// <param name="log">Where TensorFlow's "Ignoring device specification" notes go (log_device_placement), or null.</param>
    /// <exception cref="InvalidArgumentError">An op's ref inputs are pinned to incompatible devices, or no device type
    /// has kernels for every op of a group.</exception>
    public ColocationGroups(IReadOnlyList<Operation> ordered, IReadOnlyList<ComputeDevice> devices, TextWriter log)
    {
        _ops = ordered;
        _index = new Dictionary<Operation, int>(ordered.Count);
        _parent = new int[ordered.Count];
        _requested = new DeviceSpec[ordered.Count];
        _supported = new List<string>[ordered.Count];
        var types = devices.Select(d => d.DeviceType).Distinct().ToList();
        for (int i = 0; i < ordered.Count; i++)
        {
            var op = ordered[i];
            _index[op] = i;
            _parent[i] = i;
            _requested[i] = DeviceSpec.from_string(op.device);
            _supported[i] = SupportedTypes(op, types);
        }
        foreach (var dst in ordered)
            for (int input = 0; input < RefInputCount(dst); input++)
                if (_index.ContainsKey(dst.Inputs[input].op)) ColocateRefEdge(dst.Inputs[input].op, dst, log);
    }

    /// <summary>The merged device request of <paramref name="op"/>'s group (empty when no member is pinned).</summary>
    public DeviceSpec Requested(Operation op) => _requested[Root(_index[op])];

    /// <summary>The device types every member of <paramref name="op"/>'s group has a kernel for, preferred first.</summary>
    public IReadOnlyList<string> Supported(Operation op) => _supported[Root(_index[op])];

    /// <summary>A key shared by exactly the ops of one group.</summary>
    public int GroupOf(Operation op) => Root(_index[op]);

    /// <summary>The ops of <paramref name="op"/>'s group, in creation order.</summary>
    public IEnumerable<Operation> Members(Operation op)
    {
        int root = GroupOf(op);
        return _ops.Where(o => Root(_index[o]) == root);
    }

    /// <summary>How many leading inputs an op writes through (TensorFlow's ref inputs): Assign's variable, Apply*'s variable and slots.</summary>
    public static int RefInputCount(Operation op) => Math.Min(op.Inputs.Length, Math.Max(op.Def.UpdatedInputs, op.Def.WritesInput0 ? 1 : 0));

    /// <summary>Whether any component of <paramref name="spec"/> is set.</summary>
    public static bool HasDetails(DeviceSpec spec) =>
        spec.job != null || spec.replica != null || spec.task != null || spec.device_type != null || spec.device_index != null;

    /// <summary>Whether no component is set in both specs with different values.</summary>
    public static bool AreCompatible(DeviceSpec a, DeviceSpec b) =>
        Compatible(a.job, b.job) && Compatible(a.replica, b.replica) && Compatible(a.task, b.task)
        && Compatible(a.device_type, b.device_type) && Compatible(a.device_index, b.device_index);

    private static bool Compatible<T>(T a, T b) => a == null || b == null || EqualityComparer<T>.Default.Equals(a, b);

    // Device types with a kernel for the op. A Placeholder's value is fed on the host wherever it is pinned, so any type
    // serves it; an op with no kernel anywhere is left to the CPU, whose kernel lookup reports the missing kernel.
    private static List<string> SupportedTypes(Operation op, List<string> types)
    {
        if (Placer.IsHostResident(op)) return types.ToList();
        var supported = types.Where(t => KernelRegistry.Has(op.Type, t, op.Def.KernelDType(op))).ToList();
        return supported.Count > 0 ? supported : new List<string> { KernelRegistry.Cpu };
    }

    // TensorFlow's rule for a reference edge src -> dst: when both groups ask for devices that cannot both hold, dst's
    // request is ignored in favour of the variable's (and every other ref input of dst must agree with it); then the
    // groups merge, and must share a device type with kernels for all of their ops.
    private void ColocateRefEdge(Operation src, Operation dst, TextWriter log)
    {
        int srcRoot = Root(_index[src]), dstRoot = Root(_index[dst]);
        if (srcRoot == dstRoot) return;
        var source = _requested[srcRoot];
        var dest = _requested[dstRoot];
        if (HasDetails(source) && HasDetails(dest) && !AreCompatible(source, dest))
        {
            for (int input = 0; input < RefInputCount(dst); input++)
            {
                var other = dst.Inputs[input].op;
                if (other == src || !_index.ContainsKey(other)) continue;
                var otherSpec = _requested[Root(_index[other])];
                if (HasDetails(otherSpec) && !AreCompatible(otherSpec, source))
                    throw new InvalidArgumentError(
                        $"Could not colocate node with its resource and reference inputs; devices {otherSpec} and {source} are not compatible.\n\t [[node {dst.Name}]]");
            }
            log?.WriteLine($"Ignoring device specification {dest} for node '{dst.Name}' because the input edge from '{src.Name}' is a reference connection and already has a device field set to {source}");
            dest = source;
        }
        var supported = _supported[srcRoot].Where(_supported[dstRoot].Contains).ToList();
        if (supported.Count == 0)
            throw new InvalidArgumentError(
                "Nodes were connected by a reference connection (requiring them to be on the same device), but the two nodes were assigned two different devices: " +
                $"Cannot colocate nodes '{src.Name}' and '{dst.Name}' because no device type supports both of those nodes and the other nodes colocated with them.");
        _parent[dstRoot] = srcRoot;
        _requested[srcRoot] = source.make_merged_spec(dest);
        _supported[srcRoot] = supported;
    }

    private int Root(int i)
    {
        while (_parent[i] != i) i = _parent[i] = _parent[_parent[i]];
        return i;
    }
}
