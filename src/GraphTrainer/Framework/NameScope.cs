namespace GraphTrainer;

/// <summary>An open name scope; disposing it restores the enclosing scope (exception-safe with <c>using</c>).</summary>
public sealed class NameScope : IDisposable
{
    private readonly ThreadScopes _scopes;
    private readonly string _previous;
    private bool _disposed;

    internal NameScope(ThreadScopes scopes, string scope, string previous)
    {
        _scopes = scopes;
        _previous = previous;
        Name = scope;
    }

    /// <summary>The full scope name, e.g. <c>layer1</c> or <c>outer/inner_1</c>.</summary>
    public string Name { get; }

    /// <summary>The scope name with a trailing slash, as TensorFlow's <c>with ... as scope</c> yields.</summary>
    public override string ToString() => Name.Length == 0 ? "" : Name + "/";

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _scopes.NameStack = _previous; // the opening thread's stack, wherever the scope is closed
    }

    /// <summary>The scope name string (TensorFlow yields the scope name from <c>with tf.name_scope(...) as scope</c>).</summary>
    public static implicit operator string(NameScope scope) => scope.ToString();
}

/// <summary>Runs an action once when disposed.</summary>
internal sealed class ScopeExit : IDisposable
{
    private Action _onExit;
    public ScopeExit(Action onExit) => _onExit = onExit;
    public void Dispose() => Interlocked.Exchange(ref _onExit, null)?.Invoke();
}
