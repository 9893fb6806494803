namespace GraphTrainer;

public sealed partial class Graph
{
    /// <summary>Variables made by <c>tf.get_variable</c> and the open variable scopes (TensorFlow keeps both per graph).</summary>
    internal VariableStore VariableStore { get; } = new();
}

/// <summary>
/// TensorFlow's <c>_VariableStore</c> plus the variable-scope stack of one graph: <c>tf.get_variable</c> looks
/// variables up here by full name ("scope/name"), so a second request either shares the variable (reuse) or
/// fails with TensorFlow's "already exists, disallowed" error. Guarded by the graph's lock, since the default
/// graph is shared across threads. The variables are shared by all threads; the scope stack is each thread's own
/// (TensorFlow's <c>_VariableScopeStore</c> is thread-local).
/// </summary>
internal sealed class VariableStore
{
    private readonly Dictionary<string, RefVariable> _variables = new();
    private readonly ThreadLocal<VariableScope> _current = new(VariableScope.Root);

    /// <summary>The calling thread's innermost open variable scope; the root scope has the empty name.</summary>
    public VariableScope Current { get => _current.Value; set => _current.Value = value; }

    /// <summary>The variable created by get_variable under <paramref name="fullName"/>, or null.</summary>
    public RefVariable Find(string fullName) => _variables.TryGetValue(fullName, out var v) ? v : null;

    /// <summary>Records a new variable under its full name.</summary>
    public void Add(string fullName, RefVariable variable) => _variables.Add(fullName, variable);
}
