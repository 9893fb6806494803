namespace GraphTrainer;

public sealed partial class Graph
{
    private static readonly object s_lock = new();
    private static readonly List<Graph> s_stack = new();
    private static Graph s_global = new();

    /// <summary>
    /// The default graph: the innermost <see cref="as_default"/> scope, else the global default.
    /// Shared by all threads (not ThreadLocal) so notebook cells running on different threads see it.
    /// </summary>
    public static Graph Default
    {
        get { lock (s_lock) return s_stack.Count > 0 ? s_stack[^1] : s_global; }
    }

    /// <summary>Makes this graph the default until the returned scope is disposed.</summary>
    public IDisposable as_default()
    {
        lock (s_lock) s_stack.Add(this);
        return new ScopeExit(() =>
        {
            lock (s_lock)
            {
                int i = s_stack.LastIndexOf(this);
                if (i >= 0) s_stack.RemoveAt(i);
            }
        });
    }

    /// <summary>Replaces the global default graph with a new empty one (<c>tf.reset_default_graph()</c>).</summary>
    internal static void ResetDefault()
    {
        lock (s_lock)
        {
            if (s_stack.Count > 0)
                throw new InvalidOperationException(
                    "Do not use tf.reset_default_graph() to clear nested graphs. If you need a cleared graph, exit the nesting and create a new graph.");
            s_global = new Graph();
        }
    }
}
