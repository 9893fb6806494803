namespace GraphTrainer;

public sealed partial class Graph
{
    // Like the name scope stack (GraphThreadScopes.cs), open device scopes belong to the thread that opened them, so
    // notebook cells or worker threads building into one shared graph each pin ops under their own scopes.
    private readonly ThreadLocal<List<DeviceScopeEntry>> _deviceScopes = new(() => new List<DeviceScopeEntry>());

    /// <summary>
    /// Ops created inside the returned scope request <paramref name="device_name_or_spec"/> (TensorFlow's
    /// <c>with g.device(...)</c>): <c>using (g.device("/gpu:0")) { ... }</c>. Nested scopes merge field by field, the inner
    /// scope's fields winning (<c>/job:ps</c> inside <c>/device:GPU:0</c> gives <c>/job:ps/device:GPU:0</c>); "" adds
    /// nothing and null ignores every enclosing scope, as in TensorFlow.
    /// </summary>
    /// <exception cref="ValueError">The device string is malformed (TensorFlow's DeviceSpec parse errors).</exception>
    public IDisposable device(string device_name_or_spec) =>
        PushDeviceScope(device_name_or_spec == null ? null : DeviceSpec.from_string(device_name_or_spec));

    /// <summary>Ops created inside the returned scope request <paramref name="spec"/>, merged with the enclosing scopes.</summary>
    public IDisposable device(DeviceSpec spec) =>
        PushDeviceScope(spec == null ? null : new DeviceSpec(spec.job, spec.replica, spec.task, spec.device_type, spec.device_index));

    private IDisposable PushDeviceScope(DeviceSpec specOrNull)
    {
        var entry = new DeviceScopeEntry(specOrNull);
        var stack = _deviceScopes.Value;
        stack.Add(entry);
        return new ScopeExit(() => stack.Remove(entry)); // the opening thread's stack, wherever the scope is closed
    }

    /// <summary>
    /// The device string the calling thread's open scopes give a new op, in canonical form ("" when none): scopes apply
    /// innermost first, each outer one filling only the fields still unset, up to the innermost <c>device(null)</c>.
    /// </summary>
    internal string CurrentDeviceString()
    {
        var stack = _deviceScopes.Value;
        DeviceSpec merged = null;
        for (int i = stack.Count - 1; i >= 0; i--)
        {
            var spec = stack[i].Spec;
            if (spec == null) break;          // device(None): enclosing scopes do not apply
            if (stack[i].IsNullMerge) continue; // device(""): merges nothing
            merged = merged == null ? spec : spec.make_merged_spec(merged);
        }
        return merged?.to_string() ?? "";
    }

    private sealed class DeviceScopeEntry
    {
        public DeviceScopeEntry(DeviceSpec spec)
        {
            Spec = spec;
            IsNullMerge = spec != null && spec.to_string().Length == 0;
        }

        /// <summary>The scope's spec (a private copy), or null for <c>device(null)</c>.</summary>
        public DeviceSpec Spec { get; }
        public bool IsNullMerge { get; }
    }
}
