namespace GraphTrainer;

/// <summary>
/// The <c>reuse</c> argument of <c>tf.variable_scope</c>: <c>true</c>, <c>false</c> (inherit the enclosing
/// scope's mode, as TensorFlow treats False and None) or <see cref="tf.AUTO_REUSE"/> (create when missing,
/// share when present). Converts implicitly from <c>bool</c>, so <c>reuse: true</c> ports as written.
/// </summary>
public readonly struct VariableReuse : IEquatable<VariableReuse>
{
    private readonly byte _mode; // 0 = False, 1 = True, 2 = AUTO_REUSE

    private VariableReuse(byte mode) => _mode = mode;

    /// <summary>Not reusing: creating an existing variable is an error.</summary>
    public static readonly VariableReuse False = new(0);
    /// <summary>Reusing: asking for a missing variable is an error.</summary>
    public static readonly VariableReuse True = new(1);
    /// <summary>TensorFlow's <c>tf.AUTO_REUSE</c>: get the variable if it exists, else create it.</summary>
    public static readonly VariableReuse AUTO_REUSE = new(2);

    /// <summary>True for <see cref="True"/> and <see cref="AUTO_REUSE"/> (both are truthy in Python).</summary>
    public bool IsSet => _mode != 0;

    /// <summary>From a Python-style bool.</summary>
    public static implicit operator VariableReuse(bool reuse) => reuse ? True : False;

    /// <inheritdoc/>
    public bool Equals(VariableReuse other) => _mode == other._mode;
    /// <inheritdoc/>
    public override bool Equals(object obj) => obj is VariableReuse r && Equals(r);
    /// <inheritdoc/>
    public override int GetHashCode() => _mode;
    /// <summary>Equality.</summary>
    public static bool operator ==(VariableReuse a, VariableReuse b) => a.Equals(b);
    /// <summary>Inequality.</summary>
    public static bool operator !=(VariableReuse a, VariableReuse b) => !a.Equals(b);

    /// <summary>Python's spelling: <c>False</c>, <c>True</c> or <c>_ReuseMode.AUTO_REUSE</c>.</summary>
    public override string ToString() => _mode switch { 0 => "False", 1 => "True", _ => "_ReuseMode.AUTO_REUSE" };
}

/// <summary>
/// An open <c>tf.variable_scope</c>: it prefixes the names <c>tf.get_variable</c> gives (<c>outer/inner/W</c>),
/// carries the reuse mode and a default initializer, and opens a name scope for the ops built inside. Dispose
/// it (<c>using (tf.variable_scope("layer1")) { ... }</c>) to return to the enclosing scope; that is
/// exception-safe and also closes the name scope.
/// </summary>
public sealed class VariableScope : IDisposable
{
    private readonly Graph _graph;
    private readonly VariableScope _previous;
    private readonly NameScope _nameScope;
    private bool _disposed;

    private VariableScope(Graph graph, string name, VariableReuse reuse, Initializer initializer,
        string originalNameScope, VariableScope previous, NameScope nameScope)
    {
        _graph = graph;
        this.name = name;
        this.reuse = reuse;
        this.initializer = initializer;
        original_name_scope = originalNameScope;
        _previous = previous;
        _nameScope = nameScope;
    }

    internal static VariableScope Root() => new(null, "", VariableReuse.False, null, "", null, null);

    /// <summary>The full scope name, e.g. <c>outer/inner</c> ("" at the top level).</summary>
    public string name { get; }

    /// <summary>The reuse mode of this scope (inherited from the enclosing scope unless set).</summary>
    public VariableReuse reuse { get; private set; }

    /// <summary>Default initializer for get_variable calls in this scope that give none; null for TensorFlow's default.</summary>
    public Initializer initializer { get; set; }

    /// <summary>The name scope opened when this scope was first entered, with a trailing slash (<c>layer1/</c>).</summary>
    public string original_name_scope { get; }

    /// <summary>Switches this scope to reuse mode (TensorFlow's <c>scope.reuse_variables()</c>).</summary>
    public void reuse_variables() => reuse = VariableReuse.True;

    /// <summary>Opens a sub-scope of the current one named <paramref name="name"/>.</summary>
    internal static VariableScope Enter(Graph g, string name, VariableReuse? reuse, Initializer initializer)
    {
        if (string.IsNullOrEmpty(name)) throw new ValueError("A variable scope needs a name.");
        lock (g.Lock)
        {
            var store = g.VariableStore;
            var parent = store.Current;
            string full = parent.name.Length == 0 ? name : parent.name + "/" + name;
            // Reuse is inherited by sub-scopes; False does not undo a parent's True, as in TensorFlow.
            var mode = reuse is { IsSet: true } r ? r : parent.reuse;
            var nameScope = g.name_scope(name);
            var scope = new VariableScope(g, full, mode, initializer ?? parent.initializer, nameScope + "", parent, nameScope);
            store.Current = scope;
            return scope;
        }
    }

    /// <summary>Re-enters <paramref name="existing"/> (by its full name, from anywhere) and its original name scope.</summary>
    internal static VariableScope Enter(Graph g, VariableScope existing, VariableReuse? reuse, Initializer initializer)
    {
        ArgumentNullException.ThrowIfNull(existing);
        lock (g.Lock)
        {
            var store = g.VariableStore;
            var mode = reuse is { IsSet: true } r ? r : existing.reuse;
            string nameScope = existing.original_name_scope;
            var opened = g.name_scope(nameScope.Length == 0 ? null : nameScope);
            var scope = new VariableScope(g, existing.name, mode, initializer ?? existing.initializer, nameScope, store.Current, opened);
            store.Current = scope;
            return scope;
        }
    }

    /// <summary>Restores the enclosing variable scope and name scope.</summary>
    public void Dispose()
    {
        if (_disposed || _graph == null) return;
        _disposed = true;
        lock (_graph.Lock) _graph.VariableStore.Current = _previous;
        _nameScope?.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => $"<VariableScope '{name}' reuse={reuse}>";
}

public static partial class tf
{
    /// <summary>TensorFlow's <c>tf.AUTO_REUSE</c>: get_variable creates a variable when missing and shares it when present.</summary>
    public static VariableReuse AUTO_REUSE => VariableReuse.AUTO_REUSE;

    /// <summary>
    /// Opens a variable scope (and a name scope of the same name) in the default graph:
    /// <c>using (tf.variable_scope("layer1", reuse: true)) { ... }</c>. get_variable names inside it are
    /// <c>layer1/...</c>; <paramref name="reuse"/> true or <see cref="AUTO_REUSE"/> shares existing variables.
    /// </summary>
    public static VariableScope variable_scope(string name_or_scope, VariableReuse? reuse = null, Initializer initializer = null) =>
        VariableScope.Enter(get_default_graph(), name_or_scope, reuse, initializer);

    /// <summary>Re-enters a scope captured earlier (<c>with tf.variable_scope(scope, reuse=True)</c>).</summary>
    public static VariableScope variable_scope(VariableScope name_or_scope, VariableReuse? reuse = null, Initializer initializer = null) =>
        VariableScope.Enter(get_default_graph(), name_or_scope, reuse, initializer);

    /// <summary>The innermost open variable scope of the default graph.</summary>
    public static VariableScope get_variable_scope()
    {
        var g = get_default_graph();
        lock (g.Lock) return g.VariableStore.Current;
    }
}
