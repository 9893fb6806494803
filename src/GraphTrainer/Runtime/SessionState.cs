namespace GraphTrainer.Runtime;

/// <summary>
/// State that lives in a session rather than the graph: variable values (by variable node name) and the
/// random generators of random ops, which advance across runs as TensorFlow's do.
/// </summary>
public sealed class SessionState
{
    private readonly Dictionary<string, TensorValue> _variables = new();
    private readonly Dictionary<string, RandomGenerator> _generators = new();

    /// <summary>The value of variable <paramref name="name"/>, or null if it is uninitialized.</summary>
    public TensorValue GetVariable(string name) => _variables.TryGetValue(name, out var v) ? v : null;

    /// <summary>Sets a variable's value: copies into the existing buffer when the shape matches (so readers see it), else replaces it.</summary>
    public void AssignVariable(string name, TensorValue value)
    {
        if (_variables.TryGetValue(name, out var current) && current.DType == value.DType && current.Shape.AsSpan().SequenceEqual(value.Shape))
            current.CopyFrom(value);
        else
            _variables[name] = value.Clone();
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
