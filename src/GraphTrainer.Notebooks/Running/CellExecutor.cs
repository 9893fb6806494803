using System.Globalization;
using System.Reflection;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace GraphTrainer.Notebooks;

/// <summary>Why a cell failed, ready to become an <c>error</c> output and a <see cref="NotebookCellException"/>.</summary>
internal sealed record CellFailure(string Name, string Value, IReadOnlyList<string> Traceback,
    IReadOnlyList<CellDiagnostic> Diagnostics = null, Exception Exception = null);

/// <summary>The outcome of one cell: the new script state (unchanged on failure), outputs, the trailing value.</summary>
internal sealed record CellRun(ScriptState<object> State, List<CellOutput> Outputs, DisplayOutput Result, CellFailure Failure);

/// <summary>
/// Runs one cell: on its own thread (see <see cref="CellThreading"/>), with the console captured, under the
/// optional timeout; turns compile errors and exceptions into a <see cref="CellFailure"/>.
/// </summary>
internal sealed class CellExecutor
{
    private readonly NotebookRunnerOptions _options;

    public CellExecutor(NotebookRunnerOptions options) => _options = options;

    public async Task<CellRun> RunAsync(ScriptState<object> state, string code, ScriptOptions scriptOptions, CancellationToken cancellationToken)
    {
        var collector = new CellOutputCollector();
        using var cellCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ScriptState<object> next = state;
        DisplayOutput result = null;
        CellFailure failure = null;

        using (ConsoleCapture.Begin())
        {
            var work = Schedule(() =>
            {
                // Set on the cell's own flow: it follows the cell's awaits and tasks, and never leaks to the caller.
                CellOutputCollector.Current = collector;
                return ExecuteAsync(state, code, scriptOptions, cellCancellation.Token);
            });
            try
            {
                if (_options.CellTimeout is { } timeout
                    && await Task.WhenAny(work, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false) != work)
                {
                    cellCancellation.Cancel();
                    Abandon(work);
                    failure = TimedOut(timeout);
                }
                else
                {
                    (next, result) = await work.ConfigureAwait(false);
                }
            }
            catch (CompilationErrorException ex)
            {
                failure = CompileFailure(ex);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                failure = RuntimeFailure(ex);
            }
        }
        return new CellRun(failure == null ? next : state, collector.Close(), result, failure);
    }

    private static async Task<(ScriptState<object>, DisplayOutput)> ExecuteAsync(
        ScriptState<object> state, string code, ScriptOptions options, CancellationToken cancellationToken)
    {
        var next = state == null
            ? await CSharpScript.RunAsync(code, options, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await state.ContinueWithAsync(code, options, cancellationToken).ConfigureAwait(false);
        // Formatting runs inside the cell so that formatter errors are the cell's errors and count against its timeout.
        var result = TrailingExpression.Produces(next.Script) ? Formatters.Format(next.ReturnValue) : null;
        return (next, result);
    }

    private Task<T> Schedule<T>(Func<Task<T>> work)
    {
        if (_options.Threading == CellThreading.ThreadPool)
            return Task.Run(work);

        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                completion.SetResult(work().GetAwaiter().GetResult());
            }
            catch (Exception ex)
            {
                // Handed to the awaiting runner, which reports it as the cell's failure.
                completion.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "notebook cell",
        };
        thread.Start();
        return completion.Task;
    }

    /// <summary>
    /// A timed-out cell cannot be aborted; it is left to finish in the background. Its eventual exception is
    /// observed here on purpose (the cell has already been reported as timed out) so it does not surface later
    /// as an unobserved task exception.
    /// </summary>
    private static void Abandon(Task work) =>
        work.ContinueWith(t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    private static CellFailure TimedOut(TimeSpan timeout)
    {
        string message = string.Format(CultureInfo.InvariantCulture,
            "The cell did not finish within {0:0.###} s. It was abandoned (.NET cannot abort running code) and the run stopped.",
            timeout.TotalSeconds);
        return new CellFailure(typeof(TimeoutException).FullName, message, new[] { message });
    }

    private static CellFailure CompileFailure(CompilationErrorException ex)
    {
        var diagnostics = ex.Diagnostics
            .Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
            .Select(CellDiagnostic.From)
            .ToList();
        var lines = diagnostics.Select(d => d.ToString()).ToList();
        return new CellFailure("CompilationError", string.Join("\n", lines), lines, diagnostics, ex);
    }

    private static CellFailure RuntimeFailure(Exception ex)
    {
        while (ex is TargetInvocationException { InnerException: { } inner })
            ex = inner;
        if (ex is AggregateException { InnerExceptions.Count: 1 } aggregate)
            ex = aggregate.InnerExceptions[0];
        var traceback = ex.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        return new CellFailure(ex.GetType().FullName, ex.Message, traceback, Exception: ex);
    }
}
