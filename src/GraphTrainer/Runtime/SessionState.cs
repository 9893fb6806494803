namespace GraphTrainer.Runtime;

/// <summary>
/// State that lives in a session rather than the graph: variable values (by variable node name) and the
/// random generators of random ops, which advance across runs as TensorFlow's do.
/// </summary>
public sealed class SessionState
{
    private readonly Dictionary<string, TensorValue> _variables = new();
    private readonly Dictionary<string, RandomGenerator> _generators = new();

    /// <summary>The value of variable <paramref name="name"/> wherever it lives, or null if it is uninitialized.</summary>
    public TensorValue GetVariable(string name) => _variables.TryGetValue(name, out var v) ? v : null;

    /// <summary>
    /// The value of variable <paramref name="name"/> on <paramref name="device"/>, or null if it is uninitialized. A value
    /// on another device (a checkpoint restored on the host, say) moves there once, so it lives where its ops run.
    /// </summary>
    public TensorValue GetVariable(string name, ComputeDevice device)
    {
        if (!_variables.TryGetValue(name, out var v)) return null;
        if (v.Device == device) return v;
        var moved = TensorValue.AllocateOn(device, v.DType, v.Shape);
        moved.CopyFrom(v);
        return _variables[name] = moved;
    }

    /// <summary>The value of variable <paramref name="name"/> as a host tensor (a copy when it lives on a device), or null.</summary>
    public TensorValue ReadVariableOnHost(string name) => GetVariable(name)?.ToHost();

    /// <summary>Sets a variable's value: copies into the existing buffer when the shape matches (so readers see it), else replaces it.</summary>
    public void AssignVariable(string name, TensorValue value)
    {
        if (_variables.TryGetValue(name, out var current) && current.DType == value.DType && current.Shape.AsSpan().SequenceEqual(value.Shape))
            current.CopyFrom(value);
        else if (current != null && current.IsOnDevice && current.DType != DType.String)
        {
            // A new shape on the variable's device: it stays where its ops run.
            var replaced = TensorValue.AllocateOn(current.Device, value.DType, value.Shape);
            replaced.CopyFrom(value);
            _variables[name] = replaced;
        }
        else
            _variables[name] = value.Clone();
    }

    /// <summary>Frees the device memory of variables that live on an accelerator (the session is closing).</summary>
    internal void ReleaseDeviceMemory()
    {
        foreach (var value in _variables.Values) value.Storage?.Dispose();
        _variables.Clear();
    }

    /// <summary>Names of initialized variables.</summary>
    public IEnumerable<string> VariableNames => _variables.Keys;

    /// <summary>The generator of a random node, created from its <c>seed</c>/<c>seed2</c> attrs on first use.</summary>
    public RandomGenerator Generator(string nodeName, long seed, long seed2)
    {
        lock (_generators)
        {
            if (!_generators.TryGetValue(nodeName, out var g)) _generators[nodeName] = g = new RandomGenerator(seed, seed2);
            return g;
        }
    }
}
