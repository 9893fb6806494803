using static GraphTrainer.Notebooks.Tests.TestNotebooks;

namespace GraphTrainer.Notebooks.Tests;

public class RunnerStateTests
{
    [Fact]
    public void Variables_methods_and_types_carry_across_cells()
    {
        var notebook = Code(
            "var x = 20;\nint Twice(int v) => v * 2;",
            "class Counter { public int N; }\nvar counter = new Counter { N = x };",
            "Console.WriteLine(Twice(x) + counter.N);");

        var result = Run(notebook);

        Assert.Equal(3, result.ExecutedCells);
        Assert.Equal("60\n", Stdout(notebook.Cells[2]));
        Assert.Equal(new int?[] { 1, 2, 3 }, notebook.Cells.Select(c => c.ExecutionCount));
    }

    [Fact]
    public void Cells_on_dedicated_threads_share_state_and_statics()
    {
        Probe.Threads.Clear();
        var options = new NotebookRunnerOptions { Threading = CellThreading.DedicatedThread };
        options.References.Add(typeof(Probe).Assembly.Location);
        var notebook = Code(
            "using GraphTrainer.Notebooks.Tests;\nProbe.RecordThread();\nProbe.Shared = 41; Probe.PerThread = 7;\nvar local = 1;\nclass Holder { public static int Value; }\nHolder.Value = 5;",
            "Probe.RecordThread();\nProbe.Shared += local; Holder.Value += 1;",
            "Probe.RecordThread();\nConsole.WriteLine($\"{Probe.Shared} {Holder.Value} {Probe.PerThread}\");");

        Run(notebook, options);

        // Shared statics and script state are seen by every cell; the thread-static set in cell 1 is not,
        // which proves the cells really ran on different threads.
        Assert.Equal("42 6 0\n", Stdout(notebook.Cells[2]));
        Assert.Equal(3, Probe.Threads.Distinct().Count());
        Assert.DoesNotContain(Thread.CurrentThread, Probe.Threads);
    }

    [Fact]
    public void Cells_run_on_thread_pool_threads_by_default_not_the_callers()
    {
        var notebook = Code(
            "var id = Environment.CurrentManagedThreadId;",
            "(System.Threading.Thread.CurrentThread.IsThreadPoolThread, id != 0)");

        Run(notebook);

        Assert.Equal("(True, True)", Result(notebook.Cells[1])!.GetText("text/plain"));
    }

    [Fact]
    public void Trailing_expression_becomes_execute_result_with_the_execution_count()
    {
        var notebook = Code("var a = 6;", "a * 7", "var c = a * 7;", "Console.WriteLine(a)", "string s = null;\ns");

        Run(notebook);

        var result = Result(notebook.Cells[1]);
        Assert.Equal("42", result!.GetText("text/plain"));
        Assert.Equal(2, result.ExecutionCount);
        Assert.Null(Result(notebook.Cells[2]));   // a statement, not an expression
        Assert.Null(Result(notebook.Cells[3]));   // void call, no value to show
        Assert.Equal("6\n", Stdout(notebook.Cells[3]));
        Assert.Equal("<null>", Result(notebook.Cells[4])!.GetText("text/plain"));
    }

    [Fact]
    public void Console_output_and_displays_are_captured_in_order()
    {
        var notebook = Code("Console.Write(\"a\");\nConsole.Error.WriteLine(\"oops\");\ndisplay(\"shown\");\nConsole.WriteLine(\"b\");\nConsole.WriteLine(\"c\");");
        var before = Console.Out;

        Run(notebook);

        var outputs = notebook.Cells[0].Outputs;
        Assert.Collection(outputs,
            o => Assert.Equal(("stdout", "a"), (((StreamOutput)o).Name, ((StreamOutput)o).Text)),
            o => Assert.Equal(("stderr", "oops\n"), (((StreamOutput)o).Name, ((StreamOutput)o).Text)),
            o => Assert.Equal("shown", Assert.IsType<DisplayDataOutput>(o).GetText("text/plain")),
            o => Assert.Equal("b\nc\n", ((StreamOutput)o).Text));
        Assert.Same(before, Console.Out);
    }

    [Fact]
    public void Output_of_tasks_started_by_a_cell_belongs_to_that_cell()
    {
        var notebook = Code("await Task.Run(() => Console.WriteLine(\"from a task\"));");
        Run(notebook);
        Assert.Equal("from a task\n", Stdout(notebook.Cells[0]));
    }

    [Fact]
    public void Earlier_outputs_are_cleared_and_empty_cells_skipped()
    {
        var notebook = Code("1", "   ", "2");
        notebook.Cells[0].Outputs.Add(new StreamOutput("stdout", "stale"));
        notebook.Cells[1].ExecutionCount = 9;
        var phases = new List<(int, CellPhase)>();

        var result = Run(notebook, new NotebookRunnerOptions { Progress = p => phases.Add((p.CellNumber, p.Phase)) });

        Assert.Equal(2, result.ExecutedCells);
        Assert.Single(notebook.Cells[0].Outputs);
        Assert.Equal(new int?[] { 1, null, 2 }, notebook.Cells.Select(c => c.ExecutionCount));
        Assert.Equal(new[] { (1, CellPhase.Started), (1, CellPhase.Succeeded), (2, CellPhase.Skipped), (3, CellPhase.Started), (3, CellPhase.Succeeded) }, phases);
    }

    [Fact]
    public void Markdown_cells_are_not_run_but_count_in_the_index()
    {
        var notebook = Code();
        notebook.Cells.Add(NotebookCell.Markdown("# not code"));
        notebook.Cells.Add(NotebookCell.Code("throw new Exception(\"x\");"));

        var ex = RunFailing(notebook);

        Assert.Equal(1, ex.CellNumber);
        Assert.Equal(1, ex.CellIndex);
    }

    [Fact]
    public void Extra_imports_are_available_to_cells()
    {
        var options = new NotebookRunnerOptions();
        options.Imports.Add("System.Text");
        var notebook = Code("new StringBuilder(\"ok\").ToString()");

        Run(notebook, options);

        Assert.Equal("ok", Result(notebook.Cells[0])!.GetText("text/plain"));
    }
}
