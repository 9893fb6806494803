using System.Diagnostics;
using Microsoft.CodeAnalysis.Scripting;

namespace GraphTrainer.Notebooks;

/// <summary>
/// Executes a notebook's C# code cells in order, headless, with Roslyn scripting — the engine .NET Interactive
/// used. State carries from cell to cell (<see cref="ScriptState.ContinueWithAsync(string, ScriptOptions, CancellationToken)"/>);
/// each cell starts on a different thread (<see cref="NotebookRunnerOptions.Threading"/>).
/// </summary>
/// <remarks>
/// <para>Outputs written to each cell: console text as <c>stream</c> outputs (stdout/stderr, interleaved with
/// displays as they happened), each <c>display(x)</c> as <c>display_data</c>, and the value of a trailing
/// expression (a last line without semicolon, not of type void) as <c>execute_result</c>. Outputs and execution
/// counts from an earlier run are cleared first; empty cells are skipped.</para>
/// <para>The run stops at the first failing cell, which gets an <c>error</c> output, and
/// <see cref="RunAsync"/> throws <see cref="NotebookCellException"/>; the notebook object keeps the outputs
/// produced so far so the caller can still save it.</para>
/// <para>References: this assembly and NumSharp always; <see cref="NotebookRunnerOptions.References"/> and
/// <see cref="NotebookRunnerOptions.ReferencedAssemblies"/>; and <c>#r "path.dll"</c> in a cell, relative to the
/// notebook's directory. <c>#r "nuget: Id"</c> is accepted only when an assembly named <c>Id</c> is already
/// referenced (the line is then ignored); otherwise the cell fails, telling to reference the built dll instead.</para>
/// <para>Parameters (papermill's mechanism): when <see cref="NotebookRunnerOptions.Parameters"/> is not empty, a
/// code cell tagged <c>injected-parameters</c> is inserted after the cell tagged <c>parameters</c> (or first when
/// none is tagged) and assigns the values, converting them to the types of the variables that cell declared.</para>
/// </remarks>
public sealed class NotebookRunner
{
    private readonly NotebookRunnerOptions _options;

    /// <summary>Creates a runner.</summary>
    /// <param name="options">Settings; null for the defaults.</param>
    public NotebookRunner(NotebookRunnerOptions options = null) => _options = options ?? new NotebookRunnerOptions();

    /// <summary>The runner's settings.</summary>
    public NotebookRunnerOptions Options => _options;

    /// <summary>Runs every code cell of <paramref name="notebook"/>, writing outputs into it.</summary>
    /// <param name="notebook">The notebook; modified in place.</param>
    /// <param name="cancellationToken">Stops the run between cells (and inside a cell where Roslyn checks it).</param>
    /// <returns>A summary of the run.</returns>
    /// <exception cref="NotebookCellException">A cell failed; the run stopped there.</exception>
    /// <exception cref="ArgumentException">A parameter name is not a C# identifier.</exception>
    /// <exception cref="FileNotFoundException">An assembly in <see cref="NotebookRunnerOptions.References"/> does not exist.</exception>
    public async Task<NotebookRunResult> RunAsync(Notebook notebook, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        foreach (string name in _options.Parameters.Keys)
        {
            if (!ParameterInjection.IsValidName(name))
                throw new ArgumentException($"Parameter name '{name}' is not a C# identifier.", nameof(notebook));
        }

        var clock = Stopwatch.StartNew();
        var scriptOptions = ScriptOptionsFactory.Create(_options, BaseDirectory(notebook));
        foreach (var cell in notebook.CodeCells)
        {
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
        }
        var injected = _options.Parameters.Count > 0 ? ParameterInjection.Insert(notebook) : null;

        var codeCells = notebook.Cells.Select((cell, index) => (cell, index)).Where(c => c.cell.CellType == CellType.Code).ToList();
        var executor = new CellExecutor(_options);
        ScriptState<object> state = null;
        int executed = 0;
        for (int n = 0; n < codeCells.Count; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (cell, index) = codeCells[n];
            int number = n + 1;
            if (cell == injected)
                cell.Source = ParameterInjection.BuildSource(_options.Parameters, name => state?.GetVariable(name)?.Type);
            if (string.IsNullOrWhiteSpace(cell.Source))
            {
                Report(number, index, codeCells.Count, CellPhase.Skipped, TimeSpan.Zero, Array.Empty<string>());
                continue;
            }

            Report(number, index, codeCells.Count, CellPhase.Started, TimeSpan.Zero, Array.Empty<string>());
            var cellClock = Stopwatch.StartNew();
            var notes = new List<string>();
            cell.ExecutionCount = ++executed;
            var run = Prepare(cell, scriptOptions, state, notes, out string code) is { } rejected
                ? new CellRun(state, new List<CellOutput>(), null, rejected)
                : await executor.RunAsync(state, code, scriptOptions, cancellationToken).ConfigureAwait(false);

            cell.Outputs.AddRange(run.Outputs);
            if (run.Failure is { } failure)
            {
                cell.Outputs.Add(new ErrorOutput(failure.Name, failure.Value, failure.Traceback));
                Report(number, index, codeCells.Count, CellPhase.Failed, cellClock.Elapsed, notes);
                throw new NotebookCellException(number, index, failure.Name, failure.Value, failure.Diagnostics, failure.Exception);
            }
            if (run.Result != null)
            {
                var result = new ExecuteResultOutput { ExecutionCount = cell.ExecutionCount };
                result.SetFrom(run.Result);
                cell.Outputs.Add(result);
            }
            state = run.State;
            Report(number, index, codeCells.Count, CellPhase.Succeeded, cellClock.Elapsed, notes);
        }
        return new NotebookRunResult(executed, clock.Elapsed, injected == null ? null : notebook.Cells.IndexOf(injected));
    }

    /// <summary>Checks the cell's language and directives; returns the failure that rejects it, or null with the code to run.</summary>
    private static CellFailure Prepare(NotebookCell cell, ScriptOptions scriptOptions, ScriptState<object> state, List<string> notes, out string code)
    {
        code = null;
        string language = cell.KernelLanguage;
        if (language != null && !language.Equals("csharp", StringComparison.OrdinalIgnoreCase) && language != "C#")
        {
            string message = $"This is a '{language}' cell; the headless notebook runner executes C# cells only.";
            return new CellFailure("UnsupportedLanguage", message, new[] { message });
        }
        try
        {
            var referenced = ScriptOptionsFactory.ReferencedNames(scriptOptions, state?.Script);
            code = CellDirectives.Prepare(cell.Source, referenced.Contains, notes);
            return null;
        }
        catch (NotSupportedException ex)
        {
            return new CellFailure("UnsupportedDirective", ex.Message, new[] { ex.Message }, Exception: ex);
        }
    }

    private string BaseDirectory(Notebook notebook) =>
        Path.GetFullPath(_options.BaseDirectory
            ?? (notebook.FilePath != null ? Path.GetDirectoryName(Path.GetFullPath(notebook.FilePath)) : null)
            ?? Environment.CurrentDirectory);

    private void Report(int number, int index, int count, CellPhase phase, TimeSpan elapsed, IReadOnlyList<string> notes) =>
        _options.Progress?.Invoke(new CellProgress(number, index, count, phase, elapsed, notes));
}
