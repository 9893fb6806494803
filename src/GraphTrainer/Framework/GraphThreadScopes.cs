namespace GraphTrainer;

public sealed partial class Graph
{
    // TensorFlow keeps a graph's name stack, control-dependency stack and variable-scope stack in thread-local storage
    // while the graph itself (and the default graph) is shared: two threads building into one graph each name ops
    // under their own scopes.
    private readonly ThreadLocal<ThreadScopes> _threadScopes = new(() => new ThreadScopes());

    /// <summary>The calling thread's open scopes in this graph.</summary>
    internal ThreadScopes Scopes => _threadScopes.Value;
}

/// <summary>One thread's open scopes in one graph.</summary>
internal sealed class ThreadScopes
{
    /// <summary>The current name scope prefix without trailing slash ("" at top level).</summary>
    public string NameStack = "";

    /// <summary>Open <c>control_dependencies</c> scopes, outermost first.</summary>
    public readonly List<Operation[]> ControlDependencies = new();
}
