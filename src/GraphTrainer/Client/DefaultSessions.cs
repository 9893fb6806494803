namespace GraphTrainer;

/// <summary>
/// The default-session stack, shared by all threads (notebook cells run on different threads). A session opened
/// with <c>new Session()</c> / <c>tf.Session()</c> is held weakly, since C# cannot tell <c>using (var s = tf.Session())</c>
/// from a session that is simply forgotten: it serves as the default only while it is open, reachable and its graph is
/// the default graph, so a stale session never evaluates a new graph's tensors. <see cref="InteractiveSession"/> and
/// <see cref="Session.as_default"/> are held strongly and are the default whatever the default graph, as in TensorFlow.
/// </summary>
internal static class DefaultSessions
{
    private static readonly object s_lock = new();
    private static readonly List<Entry> s_stack = new();

    private sealed class Entry
    {
        public WeakReference<Session> Weak;
        public Session Strong;

        public Session Target => Strong ?? (Weak.TryGetTarget(out var s) ? s : null);
    }

    /// <summary>Registers a newly opened session: strongly (and unconditionally default) when <paramref name="explicitDefault"/>.</summary>
    public static void Register(Session session, bool explicitDefault)
    {
        var entry = explicitDefault ? new Entry { Strong = session } : new Entry { Weak = new WeakReference<Session>(session) };
        lock (s_lock)
        {
            s_stack.RemoveAll(e => e.Target is not { IsClosed: false }); // collected or closed sessions leave no trace
            s_stack.Add(entry);
        }
    }

    /// <summary>Makes <paramref name="session"/> the default until the returned scope is disposed.</summary>
    public static IDisposable Push(Session session)
    {
        var entry = new Entry { Strong = session };
        lock (s_lock) s_stack.Add(entry);
        return new ScopeExit(() => { lock (s_lock) s_stack.Remove(entry); });
    }

    /// <summary>Removes every registration of a closed session.</summary>
    public static void Unregister(Session session)
    {
        lock (s_lock) s_stack.RemoveAll(e => e.Target is not { } s || ReferenceEquals(s, session));
    }

    /// <summary>The default session, or null.</summary>
    public static Session Current()
    {
        var defaultGraph = Graph.Default;
        lock (s_lock)
        {
            for (int i = s_stack.Count - 1; i >= 0; i--)
            {
                var entry = s_stack[i];
                var session = entry.Target;
                if (session == null || session.IsClosed)
                {
                    s_stack.RemoveAt(i);
                    continue;
                }
                if (entry.Strong != null || ReferenceEquals(session.graph, defaultGraph)) return session;
            }
            return null;
        }
    }
}
