namespace GraphTrainer.Tests.Reliability;

/// <summary>
/// Name, variable and control-dependency scopes belong to the thread that opened them (TensorFlow keeps them in
/// thread-local storage), while the default graph is shared: two threads building into one graph at once each name
/// their ops under their own scopes.
/// </summary>
[Collection("DefaultGraph")]
public class ThreadScopeTests
{
    public ThreadScopeTests() => tf.reset_default_graph();

    private const int OpsPerThread = 400;

    [Fact]
    public void Two_threads_build_concurrently_each_under_its_own_name_scope()
    {
        var c = tf.constant(1f, name: "c");
        using var start = new Barrier(2);
        List<Operation> Build(string scope)
        {
            var made = new List<Operation>();
            start.SignalAndWait();
            using (tf.name_scope(scope))
                for (int i = 0; i < OpsPerThread; i++)
                {
                    made.Add(tf.add(c, c).op);
                    if (i % 16 == 0) Thread.Yield();
                }
            return made;
        }

        var a = Task.Factory.StartNew(() => Build("alpha"), TaskCreationOptions.LongRunning);
        var b = Task.Factory.StartNew(() => Build("beta"), TaskCreationOptions.LongRunning);

        Assert.All(a.Result, op => Assert.StartsWith("alpha/Add", op.name));
        Assert.All(b.Result, op => Assert.StartsWith("beta/Add", op.name));
        Assert.Equal(2 * OpsPerThread, a.Result.Concat(b.Result).Select(op => op.name).Distinct().Count());
    }

    [Fact]
    public void Variable_scopes_and_control_dependencies_are_per_thread_too()
    {
        var gate = tf.constant(0f, name: "gate");
        using var inside = new Barrier(2);
        (RefVariable Variable, Operation Op) Build(string scope, bool withControl)
        {
            using (tf.variable_scope(scope))
            using (withControl ? tf.control_dependencies(gate) : null)
            {
                inside.SignalAndWait(); // both threads hold their scopes open here
                var v = tf.get_variable("w", new[] { 2 }, initializer: tf.zeros_initializer());
                var op = tf.identity(v).op;
                inside.SignalAndWait();
                return (v, op);
            }
        }

        var a = Task.Factory.StartNew(() => Build("left", withControl: true), TaskCreationOptions.LongRunning);
        var b = Task.Factory.StartNew(() => Build("right", withControl: false), TaskCreationOptions.LongRunning);

        Assert.Equal("left/w:0", a.Result.Variable.name);
        Assert.Equal("right/w:0", b.Result.Variable.name);
        Assert.Contains(gate.op, a.Result.Op.ControlInputs);
        Assert.Empty(b.Result.Op.ControlInputs);
        // Both built into the one shared default graph.
        Assert.Same(tf.get_default_graph(), a.Result.Op.graph);
        Assert.Same(tf.get_default_graph(), b.Result.Op.graph);
    }

    [Fact]
    public void A_new_thread_starts_at_the_top_level_scope_of_the_shared_graph()
    {
        using (tf.name_scope("outer"))
        {
            var inner = tf.constant(1f, name: "here");
            var other = Task.Factory.StartNew(() => tf.constant(2f, name: "there"), TaskCreationOptions.LongRunning).Result;
            Assert.Equal("outer/here", inner.op.name);
            Assert.Equal("there", other.op.name);
            Assert.Same(inner.graph, other.graph);
        }
    }
}
