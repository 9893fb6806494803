// Console redirection (DisplayTests) is process-wide; running test classes one at a time keeps assertions about
// Console.Out exact.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace GraphTrainer.Notebooks.Tests;

/// <summary>Builds notebooks in memory and reads their outputs.</summary>
internal static class TestNotebooks
{
    public static Notebook Code(params string[] cells)
    {
        var notebook = Notebook.CreateCSharp();
        foreach (string source in cells)
            notebook.Cells.Add(NotebookCell.Code(source));
        return notebook;
    }

    public static string Stdout(NotebookCell cell) =>
        string.Concat(cell.Outputs.OfType<StreamOutput>().Where(s => s.Name == "stdout").Select(s => s.Text));

    public static ExecuteResultOutput Result(NotebookCell cell) => cell.Outputs.OfType<ExecuteResultOutput>().SingleOrDefault();
}

/// <summary>A temporary directory removed after the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    /// <summary>Creates a directory under <paramref name="parent"/> (default: the system's temporary folder).</summary>
    public TempDirectory(string parent = null)
    {
        Path = System.IO.Path.Combine(parent ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "graphtrainer-notebooks-tests"), Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
