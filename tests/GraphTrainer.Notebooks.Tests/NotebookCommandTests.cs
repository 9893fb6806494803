namespace GraphTrainer.Notebooks.Tests;

/// <summary>
/// <c>notebook run</c>: usage errors always; runs in the .NET Interactive kernel only where Jupyter and the kernel are
/// installed and GRAPHTRAINER_KERNEL_TESTS=1 says so (.ci/run installs both and sets it), since each run starts a kernel.
/// </summary>
public class NotebookCommandTests
{
    private static bool KernelTests => Environment.GetEnvironmentVariable("GRAPHTRAINER_KERNEL_TESTS") == "1";

    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = NotebookCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string Write(TempDirectory dir, string name, Notebook notebook)
    {
        string path = dir.File(name);
        notebook.Save(path);
        return path;
    }

    [Fact]
    public void Run_in_the_kernel_applies_set_and_reports_the_failing_cell()
    {
        if (!KernelTests)
            return;
        // Inside the repository: the kernel is the local tool of .config/dotnet-tools.json, which `dotnet interactive`
        // (the kernel's command line) finds from the notebook's folder.
        using var dir = new TempDirectory(Path.Combine(RepositoryFiles.Root, "data", "runs", "notebook-tests"));
        // The parameter reaches the kernel as GRAPHTRAINER_PARAM_n, which NotebookParameters.Get reads in the package;
        // without the package the cell reads the variable itself.
        var notebook = TestNotebooks.Code("int n = 1;",
            "n = int.Parse(Environment.GetEnvironmentVariable(\"GRAPHTRAINER_PARAM_n\") ?? \"1\");\nConsole.WriteLine(n * 21);",
            "throw new ArgumentException(\"bad input\");",
            "Console.WriteLine(\"after\");");
        notebook.Cells[0].AddTag("parameters");
        string input = Write(dir, "p.ipynb", notebook);

        var (code, output, error) = Cli("notebook", "run", input, "--set", "n=2", "--timeout", "120");

        Assert.True(code == 1, $"exit {code}\n{output}\n{error}");
        Assert.Contains("Cell 3 (index 2) failed: System.ArgumentException: bad input", error);
        var executed = Notebook.Load(dir.File("p.executed.ipynb"));
        Assert.Equal("42\n", TestNotebooks.Stdout(executed.Cells[1]));
        Assert.IsType<ErrorOutput>(Assert.Single(executed.Cells[2].Outputs));
        Assert.Equal("after\n", TestNotebooks.Stdout(executed.Cells[3]));   // nbconvert --allow-errors runs on
        Assert.Null(Notebook.Load(input).Cells[1].ExecutionCount);          // the input is left alone
    }

    [Fact]
    public void A_missing_jupyter_is_reported_with_what_to_install()
    {
        using var dir = new TempDirectory();
        string input = Write(dir, "a.ipynb", TestNotebooks.Code("1"));
        var runner = new KernelNotebookRunner { Jupyter = dir.File("no-such-jupyter") };

        var ex = Assert.Throws<NotebookRunException>(() => runner.Run(input, dir.File("out.ipynb")));

        Assert.Contains("no-such-jupyter", ex.Message);
        Assert.Contains("dotnet interactive jupyter install", ex.Message);
    }

    [Theory]
    [InlineData(new string[0], "Missing subcommand")]
    [InlineData(new[] { "exec", "a.ipynb" }, "Unknown subcommand 'exec'")]
    [InlineData(new[] { "run" }, "Missing the notebook")]
    [InlineData(new[] { "run", "a.ipynb", "--set", "novalue" }, "--set expects name=value")]
    [InlineData(new[] { "run", "a.ipynb", "--set", "1x=2" }, "--set: '1x' is not a C# identifier")]
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
    public void A_set_name_the_parameters_cell_does_not_declare_returns_2()
    {
        using var dir = new TempDirectory();
        var notebook = TestNotebooks.Code("var epochs = 10;\nint batch_size = 100;", "Console.WriteLine(epochs);");
        notebook.Cells[0].AddTag("parameters");
        string input = Write(dir, "p.ipynb", notebook);

        var (code, _, error) = Cli("run", input, "--set", "epoch=1");

        Assert.Equal(2, code);
        Assert.Contains("has no parameter 'epoch'; its parameters cell declares batch_size, epochs", error);
        Assert.False(File.Exists(dir.File("p.executed.ipynb")));
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
        Assert.Contains(".NET Interactive", output);
    }
}
