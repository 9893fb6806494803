using static GraphTrainer.Notebooks.Tests.TestNotebooks;

namespace GraphTrainer.Notebooks.Tests;

public class RunnerFailureTests
{
    [Fact]
    public void A_throwing_cell_stops_the_run_and_gets_an_error_output()
    {
        var notebook = Code();
        notebook.Cells.Add(NotebookCell.Markdown("intro"));
        notebook.Cells.Add(NotebookCell.Code("Console.WriteLine(\"first\");"));
        notebook.Cells.Add(NotebookCell.Code("Console.WriteLine(\"before\");\nthrow new InvalidOperationException(\"boom\");"));
        notebook.Cells.Add(NotebookCell.Code("Console.WriteLine(\"never\");"));
        var before = Console.Out;

        var ex = RunFailing(notebook);

        Assert.Equal(2, ex.CellNumber);
        Assert.Equal(2, ex.CellIndex);
        Assert.Equal("System.InvalidOperationException", ex.ErrorName);
        Assert.Equal("boom", ex.ErrorValue);
        Assert.Contains("Cell 2", ex.Message);
        Assert.Contains("boom", ex.Message);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
        Assert.False(ex.IsCompilationError);

        var failed = notebook.Cells[2];
        Assert.Equal("before\n", Stdout(failed));
        var error = Assert.IsType<ErrorOutput>(failed.Outputs[^1]);
        Assert.Equal(("System.InvalidOperationException", "boom"), (error.EName, error.EValue));
        Assert.NotEmpty(error.Traceback);
        Assert.Equal(2, failed.ExecutionCount);
        Assert.Empty(notebook.Cells[3].Outputs);
        Assert.Null(notebook.Cells[3].ExecutionCount);
        // The console is restored even though the cell failed.
        Assert.Same(before, Console.Out);
    }

    [Fact]
    public void A_cell_that_does_not_compile_reports_diagnostics_with_lines_within_the_cell()
    {
        var notebook = Code("var ok = 1;", "var a = 1;\nvar b = a + missing;\nConsole.WriteLine(b);", "var never = 1;");

        var ex = RunFailing(notebook);

        Assert.True(ex.IsCompilationError);
        Assert.Equal(2, ex.CellNumber);
        var diagnostic = Assert.Single(ex.Diagnostics);
        Assert.Equal(("CS0103", 2, "error"), (diagnostic.Id, diagnostic.Line, diagnostic.Severity));
        Assert.Contains("missing", diagnostic.Message);
        Assert.Contains("line 2", ex.Message);
        Assert.Contains("CS0103", ex.Message);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(notebook.Cells[1].Outputs));
        Assert.Equal("CompilationError", error.EName);
        Assert.Contains("line 2, column", error.Traceback[0]);
        Assert.Null(notebook.Cells[2].ExecutionCount);
    }

    [Fact]
    public void A_cell_over_the_timeout_fails_with_a_timeout_error()
    {
        Probe.Gate.Reset();
        var options = new NotebookRunnerOptions { CellTimeout = TimeSpan.FromSeconds(3) };
        options.References.Add(typeof(Probe).Assembly.Location);
        var notebook = Code("Console.WriteLine(\"start\");\nGraphTrainer.Notebooks.Tests.Probe.Gate.Wait();", "var never = 1;");
        var before = Console.Out;

        var ex = RunFailing(notebook, options);
        Probe.Gate.Set();   // lets the abandoned cell finish

        Assert.Equal(1, ex.CellNumber);
        Assert.Equal("System.TimeoutException", ex.ErrorName);
        Assert.Contains("within 3 s", ex.ErrorValue);
        Assert.Equal("start\n", Stdout(notebook.Cells[0]));
        Assert.Same(before, Console.Out);
    }

    [Fact]
    public void NuGet_reference_to_an_unreferenced_package_fails_with_advice()
    {
        var notebook = Code("var x = 1;", "#r \"nuget: Some.Package, 1.2.3\"\nvar y = 2;");

        var ex = RunFailing(notebook);

        Assert.Equal(2, ex.CellNumber);
        Assert.Equal("UnsupportedDirective", ex.ErrorName);
        Assert.Contains("NuGet references are not supported by the headless notebook runner", ex.Message);
        Assert.Contains("#r \"path/to/Some.Package.dll\"", ex.Message);
        Assert.Contains("line 1", ex.Message);
    }

    [Fact]
    public void NuGet_reference_to_an_already_referenced_assembly_is_ignored_with_a_note()
    {
        var notes = new List<string>();
        var notebook = Code("#!csharp\n#r \"nuget: NumSharp, 0.70.0\"\nusing NumSharp;\nnp.arange(3).size");

        Run(notebook, new NotebookRunnerOptions { Progress = p => notes.AddRange(p.Notes) });

        Assert.Equal("3", Result(notebook.Cells[0])!.GetText("text/plain"));
        Assert.Contains(notes, n => n.Contains("'NumSharp' is already referenced"));
    }

    [Fact]
    public void Cells_in_other_languages_are_rejected()
    {
        var notebook = Code("printfn \"hi\"");
        notebook.Cells[0].Metadata["dotnet_interactive"] = new System.Text.Json.Nodes.JsonObject { ["language"] = "fsharp" };

        var ex = RunFailing(notebook);

        Assert.Equal("UnsupportedLanguage", ex.ErrorName);
        Assert.Contains("'fsharp'", ex.Message);
    }
}
