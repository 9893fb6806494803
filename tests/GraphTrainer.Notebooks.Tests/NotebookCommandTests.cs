namespace GraphTrainer.Notebooks.Tests;

public class NotebookCommandTests
{
    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = NotebookCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string Write(TempDirectory dir, string name, params string[] cells)
    {
        var notebook = TestNotebooks.Code(cells);
        string path = dir.File(name);
        notebook.Save(path);
        return path;
    }

    [Fact]
    public void Successful_run_writes_name_executed_ipynb_and_returns_0()
    {
        using var dir = new TempDirectory();
        string input = Write(dir, "ok.ipynb", "var x = 2;", "Console.WriteLine(x * 21);");

        var (code, output, error) = Cli("run", input);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("cell 1/2 (index 0) ... ok", output);
        Assert.Contains("cell 2/2 (index 1) ... ok", output);
        var executed = Notebook.Load(dir.File("ok.executed.ipynb"));
        Assert.Equal("42\n", TestNotebooks.Stdout(executed.Cells[1]));
        Assert.Null(Notebook.Load(input).Cells[1].ExecutionCount);   // the input is left alone
    }

    [Fact]
    public void Failing_cell_returns_1_names_the_cell_and_still_writes_the_output()
    {
        using var dir = new TempDirectory();
        string input = Write(dir, "bad.ipynb", "var x = 1;", "throw new ArgumentException(\"bad input\");", "var y = 2;");
        string output = dir.File("out.ipynb");

        var (code, stdout, error) = Cli("notebook", "run", input, "--output", output);

        Assert.Equal(1, code);
        Assert.Contains("Cell 2", error);
        Assert.Contains("bad input", error);
        Assert.Contains("FAILED", stdout);
        var written = Notebook.Load(output);
        Assert.IsType<ErrorOutput>(written.Cells[1].Outputs[^1]);
    }

    [Fact]
    public void Set_and_reference_options_reach_the_cells()
    {
        using var dir = new TempDirectory();
        string input = Write(dir, "p.ipynb", "int n = 1;", "GraphTrainer.Notebooks.Tests.Probe.Shared = n;\nConsole.WriteLine(n);");
        var notebook = Notebook.Load(input);
        notebook.Cells[0].AddTag("parameters");
        notebook.Save(input);

        var (code, _, error) = Cli("run", input, "--set", "n=5", "-r", typeof(Probe).Assembly.Location, "--timeout", "60");

        Assert.True(code == 0, error);
        Assert.Equal(5, Probe.Shared);
        Assert.Equal("5\n", TestNotebooks.Stdout(Notebook.Load(dir.File("p.executed.ipynb")).Cells[2]));
    }

    [Theory]
    [InlineData(new string[0], "Missing subcommand")]
    [InlineData(new[] { "exec", "a.ipynb" }, "Unknown subcommand 'exec'")]
    [InlineData(new[] { "run" }, "Missing the notebook")]
    [InlineData(new[] { "run", "a.ipynb", "--set", "novalue" }, "--set expects name=value")]
    [InlineData(new[] { "run", "a.ipynb", "--timeout", "-1" }, "--timeout expects a positive number")]
    [InlineData(new[] { "run", "a.ipynb", "--bogus" }, "Unknown option '--bogus'")]
    [InlineData(new[] { "run", "/nonexistent/a.ipynb" }, "a.ipynb")]
    [InlineData(new[] { "run", "a.ipynb", "-r", "/nonexistent/x.dll" }, "x.dll")]
    public void Usage_errors_return_2(string[] args, string message)
    {
        var (code, _, error) = Cli(args);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public void A_file_that_is_not_a_notebook_returns_2()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("x.ipynb"), "{ not json");

        var (code, _, error) = Cli("run", dir.File("x.ipynb"));

        Assert.Equal(2, code);
        Assert.Contains("invalid JSON at line 1", error);
    }

    [Fact]
    public void Help_prints_usage()
    {
        var (code, output, _) = Cli("run", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--set name=value", output);
    }
}
