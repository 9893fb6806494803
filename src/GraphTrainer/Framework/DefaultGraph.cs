namespace GraphTrainer;

public sealed partial class Graph : IDisposable
{
    private static readonly object s_lock = new();
    private static readonly List<DefaultEntry> s_stack = new();
    private static Graph s_global = new();

    // One open as_default scope. A scope opened by a session for its explicit graph (Owner set) lasts only while that
    // session is open and reachable: a forgotten session must not keep its graph the default, nor the graph alive.
    // A class, not a record: scopes are removed by identity, and two scopes of one graph are distinct entries.
    private sealed class DefaultEntry(Graph graph, WeakReference<Session> owner)
    {
        public Graph Graph { get; } = graph;
        public WeakReference<Session> Owner { get; } = owner;
    }

    /// <summary>
    /// The default graph: the innermost <see cref="as_default"/> scope, else the global default.
    /// Shared by all threads (not ThreadLocal) so notebook cells running on different threads see it.
    /// </summary>
    public static Graph Default
    {
        get
        {
            lock (s_lock)
            {
                for (int i = s_stack.Count - 1; i >= 0; i--)
                {
                    if (IsLive(s_stack[i])) return s_stack[i].Graph;
                    s_stack.RemoveAt(i);
                }
                return s_global;
            }
        }
    }

    private static bool IsLive(DefaultEntry e) =>
        e.Owner == null || (e.Owner.TryGetTarget(out var session) && !session.IsClosed);

    /// <summary>
    /// Makes this graph the default until the returned graph is disposed, so both
    /// <c>using (graph.as_default())</c> and <c>using (var g = tf.Graph().as_default())</c> (the graph in hand, as
    /// Python's <c>with tf.Graph().as_default() as g:</c>) work.
    /// </summary>
    public Graph as_default()
    {
        lock (s_lock) s_stack.Add(new DefaultEntry(this, null));
        return this;
    }

    /// <summary>Ends the innermost <see cref="as_default"/> scope of this graph; the graph and its ops stay usable.</summary>
    public void Dispose()
    {
        lock (s_lock)
        {
            int i = s_stack.FindLastIndex(e => e.Graph == this && e.Owner == null);
            if (i >= 0) s_stack.RemoveAt(i);
        }
    }

    /// <summary>Makes this graph the default while <paramref name="owner"/> is open and reachable, or until the scope is disposed.</summary>
    internal IDisposable AsDefaultFor(Session owner)
    {
        var entry = new DefaultEntry(this, new WeakReference<Session>(owner));
        lock (s_lock) s_stack.Add(entry);
        return new ScopeExit(() =>
        {
            lock (s_lock)
            {
                int i = s_stack.LastIndexOf(entry);
                if (i >= 0) s_stack.RemoveAt(i);
            }
        });
    }

    /// <summary>Replaces the global default graph with a new empty one (<c>tf.reset_default_graph()</c>).</summary>
    internal static void ResetDefault()
    {
        lock (s_lock)
        {
            s_stack.RemoveAll(e => !IsLive(e));
            if (s_stack.Count > 0)
                throw new InvalidOperationException(
                    "Do not use tf.reset_default_graph() to clear nested graphs. If you need a cleared graph, exit the nesting and create a new graph.");
            s_global = new Graph();
        }
    }
}
