using System.Reflection;

namespace GraphTrainer.Notebooks;

/// <summary>How the runner places cells on threads.</summary>
public enum CellThreading
{
    /// <summary>Each cell starts on a thread-pool thread via <see cref="Task.Run(Func{Task})"/>, as Jupyter kernels do.</summary>
    ThreadPool,

    /// <summary>
    /// Each cell starts on a new dedicated thread: the strictest check that notebook code (and the engine's default
    /// graph and session) do not depend on thread affinity, since no two cells ever share a thread.
    /// </summary>
    DedicatedThread,
}

/// <summary>Settings of a <see cref="NotebookRunner"/>.</summary>
public sealed class NotebookRunnerOptions
{
    /// <summary>
    /// Namespaces every cell sees: <c>System</c>, <c>System.Linq</c>, <c>System.Collections.Generic</c>,
    /// <c>System.IO</c>, <c>System.Threading.Tasks</c> (cells may <c>await</c>, as in .NET Interactive),
    /// <c>GraphTrainer.Notebooks</c>, and the static import of <see cref="Display"/>
    /// (so cells call <c>display(x)</c>).
    /// </summary>
    public static IReadOnlyList<string> DefaultImports { get; } = new[]
    {
        "System", "System.Linq", "System.Collections.Generic", "System.IO", "System.Threading.Tasks",
        "GraphTrainer.Notebooks", typeof(Display).FullName,
    };

    /// <summary>
    /// Paths of extra assemblies every cell references (the CLI's <c>-r</c>; the GraphTrainer assemblies).
    /// Relative paths are taken from the current directory. This assembly and NumSharp are always referenced.
    /// </summary>
    public List<string> References { get; } = new();

    /// <summary>Already-loaded assemblies every cell references (for example <c>typeof(tf).Assembly</c>).</summary>
    public List<Assembly> ReferencedAssemblies { get; } = new();

    /// <summary>Extra namespaces (or type names, imported statically) added to <see cref="DefaultImports"/>.</summary>
    public List<string> Imports { get; } = new();

    /// <summary>
    /// Values injected after the cell tagged <c>parameters</c> (papermill's mechanism), in order.
    /// See <see cref="NotebookRunner"/> for how names and values become code.
    /// </summary>
    public OrderedDictionary<string, string> Parameters { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Longest time one cell may run; null for no limit. A cell past it fails the run with a
    /// <see cref="TimeoutException"/> error. .NET cannot abort a thread, so the cell's code is abandoned,
    /// not stopped: it is asked to cancel and keeps running in the background until it returns.
    /// </summary>
    public TimeSpan? CellTimeout { get; set; }

    /// <summary>
    /// Directory that <c>#r "relative.dll"</c> and <c>#load</c> are resolved against; null for the notebook's own
    /// directory (<see cref="Notebook.FilePath"/>), or the current directory for a notebook without a file.
    /// </summary>
    public string BaseDirectory { get; set; }

    /// <summary>How cells are placed on threads; see <see cref="CellThreading"/>.</summary>
    public CellThreading Threading { get; set; } = CellThreading.ThreadPool;

    /// <summary>Called (on the runner's thread, never inside a cell) as each code cell starts and ends; may be null.</summary>
    public Action<CellProgress> Progress { get; set; }
}
