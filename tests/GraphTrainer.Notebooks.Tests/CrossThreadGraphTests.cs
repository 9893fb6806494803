using static GraphTrainer.Notebooks.Tests.TestNotebooks;

namespace GraphTrainer.Notebooks.Tests;

/// <summary>
/// Notebook cells run on different threads, yet the default graph and the default (interactive) session must be the ones
/// the earlier cells set up; and re-running a graph-building cell must not silently double the graph when it starts with
/// tf.reset_default_graph(), as the notebooks' cells do.
/// </summary>
[Collection(EngineCollection.Name)]
public class CrossThreadGraphTests
{
    private static readonly string[] Cells =
    {
        // 1: build a graph (the way the notebooks do: reset first).
        "using GraphTrainer;\nusing static GraphTrainer.Binding;\n" +
        "tf.reset_default_graph();\nvar x = tf.placeholder(tf.float32, (None, 2), name: \"x\");\n" +
        "var w = tf.Variable(tf.ones(new[] { 2, 1 }), name: \"w\");\nvar y = tf.matmul(x, w);\n" +
        "var threads = new List<System.Threading.Thread> { System.Threading.Thread.CurrentThread };",
        // 2: open an InteractiveSession on the default graph and initialize.
        "var sess = tf.InteractiveSession();\ntf.global_variables_initializer().run();\nthreads.Add(System.Threading.Thread.CurrentThread);",
        // 3: a later cell evaluates through the default session and adds to the default graph.
        "var z = y * 10f;\nthreads.Add(System.Threading.Thread.CurrentThread);\n" +
        "(object.ReferenceEquals(tf.get_default_session(), sess), object.ReferenceEquals(z.graph, tf.get_default_graph()), object.ReferenceEquals(sess.graph, z.graph))",
        // 4: Tensor.eval finds the session opened two cells ago.
        "z.eval(new() { [x] = np.array(new float[,] { { 1, 2 }, { 3, 4 } }) })",
        "threads.Add(System.Threading.Thread.CurrentThread);\nsess.close();\n" +
        "(threads.Distinct().Count(), threads.Contains(GraphTrainer.Notebooks.Tests.CrossThreadGraphTests.TestThread))",
    };

    /// <summary>The thread running the test, for the cells to compare against.</summary>
    public static Thread TestThread { get; private set; }

    [Theory]
    [InlineData(CellThreading.ThreadPool)]
    [InlineData(CellThreading.DedicatedThread)]
    public void The_default_graph_and_interactive_session_carry_across_cells_on_other_threads(CellThreading threading)
    {
        TestThread = Thread.CurrentThread;
        var options = new NotebookRunnerOptions { Threading = threading };
        options.References.Add(typeof(CrossThreadGraphTests).Assembly.Location);
        options.Imports.Add("NumSharp");
        var notebook = Code(Cells);

        Run(notebook, options);

        Assert.Equal("(True, True, True)", Result(notebook.Cells[2])!.GetText("text/plain"));
        Assert.Equal("NDArray float32 shape=(2, 1)\n[[30]\n [70]]", Result(notebook.Cells[3])!.GetText("text/plain"));
        Assert.Null(tf.get_default_session());
        // Four recording cells on four distinct threads (compared as Thread objects: ids of ended threads are reused),
        // none of them the test's: nothing depended on thread affinity.
        if (threading == CellThreading.DedicatedThread)
            Assert.Equal("(4, False)", Result(notebook.Cells[4])!.GetText("text/plain"));
        else
            Assert.EndsWith(", False)", Result(notebook.Cells[4])!.GetText("text/plain"));
    }

    [Fact]
    public void Re_running_a_cell_that_resets_the_graph_rebuilds_it_instead_of_doubling_it()
    {
        const string build = "using GraphTrainer;\ntf.reset_default_graph();\nvar x = tf.placeholder(tf.float32, (2, 2), name: \"x\");\n" +
                             "var w = tf.Variable(tf.ones(new[] { 2, 2 }), name: \"w\");\nvar y = tf.matmul(x, w);";
        const string count = "(tf.get_default_graph().get_operations().Length, string.Join(\",\", tf.global_variables().Select(v => v.name)))";
        var notebook = Code(build, count, build, count);

        Run(notebook);

        Assert.Equal(Result(notebook.Cells[1])!.GetText("text/plain"), Result(notebook.Cells[3])!.GetText("text/plain"));
        Assert.EndsWith(", w:0)", Result(notebook.Cells[3])!.GetText("text/plain"));
    }

    [Fact]
    public void Without_the_reset_a_re_run_cell_adds_a_second_copy_which_is_why_the_notebooks_reset()
    {
        const string build = "using GraphTrainer;\nvar w = tf.Variable(tf.ones(new[] { 2 }), name: \"w\");";
        var notebook = Code("GraphTrainer.tf.reset_default_graph();", build, build,
            "string.Join(\",\", GraphTrainer.tf.global_variables().Select(v => v.name))");

        Run(notebook);

        Assert.Equal("w:0,w_1:0", Result(notebook.Cells[3])!.GetText("text/plain"));
    }

    [Fact]
    public void A_failing_cell_leaves_the_graph_and_session_of_the_earlier_cells_usable()
    {
        var notebook = Code(Cells[0], Cells[1], "var bad = tf.matmul(x, tf.ones(new[] { 3, 3 }));");

        var ex = RunFailing(notebook);

        Assert.Equal(3, ex.CellNumber);
        Assert.Contains("Dimensions must be equal", ex.ErrorValue);
        // The session the notebook opened is still the default: a kernel could go on from cell 2.
        var open = Assert.IsAssignableFrom<Session>(tf.get_default_session());
        Assert.Equal(1, open.graph.get_operations().Count(o => o.type == "Placeholder"));
        open.close();
    }
}
