using System.Collections.Concurrent;

// Console capture is process-wide; running test classes one at a time keeps assertions about Console.Out exact.
// Concurrent runners are covered explicitly by RunnerConcurrencyTests.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace GraphTrainer.Notebooks.Tests;

/// <summary>Builds notebooks in memory and runs them.</summary>
internal static class TestNotebooks
{
    public static Notebook Code(params string[] cells)
    {
        var notebook = Notebook.CreateCSharp();
        foreach (string source in cells)
            notebook.Cells.Add(NotebookCell.Code(source));
        return notebook;
    }

    public static NotebookRunResult Run(Notebook notebook, NotebookRunnerOptions options = null) =>
        new NotebookRunner(options).RunAsync(notebook).GetAwaiter().GetResult();

    public static NotebookCellException RunFailing(Notebook notebook, NotebookRunnerOptions options = null) =>
        Assert.Throws<NotebookCellException>(() => Run(notebook, options));

    public static string Stdout(NotebookCell cell) =>
        string.Concat(cell.Outputs.OfType<StreamOutput>().Where(s => s.Name == "stdout").Select(s => s.Text));

    public static ExecuteResultOutput Result(NotebookCell cell) => cell.Outputs.OfType<ExecuteResultOutput>().SingleOrDefault();
}

/// <summary>A temporary directory removed after the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "graphtrainer-notebooks-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>State that notebook cells reach through a reference to this test assembly.</summary>
public static class Probe
{
    /// <summary>A plain static: one value for all threads.</summary>
    public static int Shared;

    /// <summary>A thread-static: each thread sees its own value, so it reveals when cells change thread.</summary>
    [ThreadStatic]
    public static int PerThread;

    /// <summary>Blocks a cell until the test releases it.</summary>
    public static readonly ManualResetEventSlim Gate = new();

    /// <summary>
    /// Threads recorded by cells. The Thread objects, not their ids: .NET reuses the managed id of a thread that has
    /// ended, so two dedicated cell threads that do not overlap in time can share an id.
    /// </summary>
    public static readonly ConcurrentQueue<Thread> Threads = new();

    /// <summary>Records the calling thread.</summary>
    public static void RecordThread() => Threads.Enqueue(Thread.CurrentThread);
}
