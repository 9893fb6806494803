namespace GraphTrainer;

public sealed partial class Graph : IDisposable
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

    /// <summary>
    /// Makes this graph the default until the returned graph is disposed, so both
    /// <c>using (graph.as_default())</c> and <c>using (var g = tf.Graph().as_default())</c> (the graph in hand, as
    /// Python's <c>with tf.Graph().as_default() as g:</c>) work.
    /// </summary>
    public Graph as_default()
    {
        lock (s_lock) s_stack.Add(this);
        return this;
    }

    /// <summary>Ends the innermost <see cref="as_default"/> scope of this graph; the graph and its ops stay usable.</summary>
    public void Dispose()
    {
        lock (s_lock)
        {
            int i = s_stack.LastIndexOf(this);
            if (i >= 0) s_stack.RemoveAt(i);
        }
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
