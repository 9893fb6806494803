using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static GraphTrainer.Notebooks.Tests.TestNotebooks;

namespace GraphTrainer.Notebooks.Tests;

public class ReferenceTests
{
    [Fact]
    public void Hash_r_resolves_a_dll_relative_to_the_notebook_directory()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("lib"));
        BuildLibrary(dir.File(Path.Combine("lib", "NotebookHelper.dll")),
            "namespace NotebookHelper { public static class Greeter { public static string Hello(string who) => \"hello \" + who; } }");
        var notebook = Code("#r \"lib/NotebookHelper.dll\"", "NotebookHelper.Greeter.Hello(\"cells\")");
        notebook.Save(dir.File("uses-lib.ipynb"));
        var loaded = Notebook.Load(dir.File("uses-lib.ipynb"));

        Run(loaded);

        Assert.Equal("hello cells", Result(loaded.Cells[1])!.GetText("text/plain"));
    }

    [Fact]
    public void Hash_r_with_an_absolute_path_to_the_test_assembly()
    {
        Probe.Shared = 0;
        string path = typeof(Probe).Assembly.Location;
        var notebook = Code($"#r \"{path}\"\nGraphTrainer.Notebooks.Tests.Probe.Shared = 17;");

        Run(notebook);

        // The cell ran against the very assembly the test loaded, not a second copy.
        Assert.Equal(17, Probe.Shared);
    }

    [Fact]
    public void References_option_makes_an_assembly_available_to_every_cell()
    {
        var options = new NotebookRunnerOptions();
        options.References.Add(typeof(Probe).Assembly.Location);
        options.Imports.Add("GraphTrainer.Notebooks.Tests");
        var notebook = Code("Probe.Shared = 3;", "Probe.Shared * 2");

        Run(notebook, options);

        Assert.Equal("6", Result(notebook.Cells[1])!.GetText("text/plain"));
    }

    [Fact]
    public void A_missing_reference_is_reported_before_any_cell_runs()
    {
        var options = new NotebookRunnerOptions();
        options.References.Add("/nonexistent/missing.dll");

        var ex = Assert.Throws<FileNotFoundException>(() => Run(Code("1"), options));

        Assert.Contains("missing.dll", ex.Message);
    }

    private static void BuildLibrary(string path, string source)
    {
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = new[] { "System.Private.CoreLib.dll", "System.Runtime.dll" }
            .Select(f => MetadataReference.CreateFromFile(Path.Combine(runtime, f)));
        var compilation = CSharpCompilation.Create(
            Path.GetFileNameWithoutExtension(path),
            new[] { CSharpSyntaxTree.ParseText(source) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var emitted = compilation.Emit(path);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
    }
}
