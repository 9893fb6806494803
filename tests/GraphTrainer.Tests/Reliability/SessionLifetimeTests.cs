using System.Runtime.CompilerServices;

namespace GraphTrainer.Tests.Reliability;

/// <summary>
/// Sessions that are never disposed are collected like any unreachable object, and a stale session never becomes the
/// default for a graph built later; InteractiveSession, as_default() and a session on the default graph stay defaults.
/// </summary>
[Collection("DefaultGraph")]
public class SessionLifetimeTests
{
    public SessionLifetimeTests() => tf.reset_default_graph();

    private const int Sessions = 24;
    private const int VariableFloats = 1 << 20; // 4 MB of variable value per session

    [Fact]
    public void Forgotten_sessions_are_collected_and_memory_stays_flat()
    {
        long before = SettledHeap();
        var sessions = OpenAndForget(Sessions);
        long after = SettledHeap();

        Assert.All(sessions, s => Assert.False(s.IsAlive));
        // Kept alive, 24 sessions would hold 24 × 4 MB of variable values (96 MB); collected, close to nothing.
        Assert.True(after - before < 24L << 20, $"heap grew by {(after - before) >> 20} MB");
    }

    [Fact]
    public void A_forgotten_session_on_an_explicit_graph_does_not_keep_that_graph_the_default()
    {
        var graph = ForgetSessionOn();
        SettledHeap();
        Assert.False(graph.IsAlive);
        Assert.Empty(tf.get_default_graph().get_operations());
    }

    [Fact]
    public void A_stale_session_never_becomes_the_default_for_a_new_graph()
    {
        tf.constant(1f);
        var stale = tf.Session(); // forgotten: neither disposed nor made the default explicitly
        tf.reset_default_graph();
        var t = tf.constant(2f);

        Assert.Null(tf.get_default_session());
        var e = Assert.Throws<ValueError>(() => t.eval());
        Assert.Contains("No default session is registered", e.Message);

        var other = tf.Graph();
        using (other.as_default())
        {
            var u = tf.constant(3f);
            var onOther = tf.Session();
            Assert.Same(onOther, tf.get_default_session()); // the default graph's own session
            Assert.Equal(3f, (float)u.eval());
        }
        Assert.Null(tf.get_default_session()); // that session's graph is no longer the default
        GC.KeepAlive(stale);
    }

    [Fact]
    public void As_default_and_interactive_sessions_are_the_default_whatever_the_default_graph()
    {
        var a = tf.constant(5f);
        var session = tf.Session();
        tf.reset_default_graph();
        using (session.as_default())
        {
            Assert.Same(session, tf.get_default_session());
            Assert.Equal(5f, (float)a.eval());
        }
        Assert.Null(tf.get_default_session());

        var interactive = tf.InteractiveSession();
        tf.reset_default_graph();
        Assert.Same(interactive, tf.get_default_session());
        interactive.close();
        Assert.Null(tf.get_default_session());
        session.close();
    }

    [Fact]
    public void An_interactive_session_is_held_until_closed()
    {
        var weak = OpenInteractive();
        SettledHeap();
        Assert.True(weak.TryGetTarget(out var session));
        Assert.Same(session, tf.get_default_session());
        session.close();
        Assert.Null(tf.get_default_session());
    }

    [Fact]
    public void Closing_releases_the_values_and_saving_a_closed_session_is_refused()
    {
        var w = tf.Variable(tf.ones(new[] { 3 }), name: "w");
        var saver = tf.train.Saver();
        var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        sess.close();

        Assert.Empty(sess.State.VariableNames);
        var dir = Directory.CreateTempSubdirectory("gt-closed-");
        try
        {
            var e = Assert.Throws<InvalidOperationException>(() => saver.save(sess, Path.Combine(dir.FullName, "model.ckpt")));
            Assert.StartsWith("Attempted to use a closed Session.", e.Message);
            Assert.Empty(dir.EnumerateFiles());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
        Assert.Throws<InvalidOperationException>(() => sess.run(w));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference> OpenAndForget(int count)
    {
        var sessions = new List<WeakReference>();
        for (int i = 0; i < count; i++)
        {
            tf.reset_default_graph();
            var v = tf.Variable(tf.zeros(new[] { VariableFloats }), name: "big");
            var sess = tf.Session();
            sess.run(v.initializer);
            sess.run(v + 1f); // a compiled plan with its own buffers, too
            sessions.Add(new WeakReference(sess));
        }
        tf.reset_default_graph();
        return sessions;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ForgetSessionOn()
    {
        var graph = tf.Graph();
        Tensor c;
        using (graph.as_default()) c = tf.constant(1f);
        var sess = tf.Session(graph: graph);
        Assert.Same(graph, tf.get_default_graph()); // while open, as `with tf.Session(graph=g)` makes g the default
        Assert.Equal(1f, (float)sess.run(c));
        return new WeakReference(graph);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<Session> OpenInteractive() => new(tf.InteractiveSession());

    private static long SettledHeap()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        // Reading the default graph and session prunes the registrations of collected sessions.
        _ = tf.get_default_graph();
        _ = tf.get_default_session();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
