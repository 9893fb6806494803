using System.Globalization;

namespace GraphTrainer.Notebooks;

/// <summary>
/// The <c>notebook</c> command of the <c>graphtrainer</c> CLI:
/// <c>notebook run FILE.ipynb [--output OUT.ipynb] [--set name=value ...] [--timeout SECONDS] [-r extra.dll ...]</c>.
/// </summary>
public static class NotebookCommand
{
    /// <summary>Exit code of a run where every cell succeeded.</summary>
    public const int Success = 0;

    /// <summary>Exit code when a cell failed; the output notebook is still written, with the error in that cell.</summary>
    public const int CellFailed = 1;

    /// <summary>Exit code for a usage mistake, a missing file, or a file that is not an nbformat 4 notebook.</summary>
    public const int UsageError = 2;

    /// <summary>The help text.</summary>
    public const string Usage =
        """
        Usage: notebook run FILE.ipynb [options]

        Runs the notebook's C# code cells in order (headless, Roslyn scripting) and writes the notebook
        with its outputs.

        Options:
          -o, --output OUT.ipynb   Where to write the executed notebook
                                   (default: FILE.executed.ipynb next to FILE.ipynb; the input is never overwritten
                                   unless named here).
          --set name=value         Override a parameter (repeatable). A cell assigning the values is inserted after
                                   the cell tagged 'parameters' (papermill's mechanism). C# literals (3, 0.5f, true,
                                   "text") are used as written; other values are strings; values are converted to
                                   the type of the variable declared in the parameters cell.
          --timeout SECONDS        Fail a cell that runs longer than this.
          -r, --reference X.dll    Reference an assembly in every cell (repeatable).

        Exit codes: 0 all cells ran, 1 a cell failed, 2 usage or notebook format error.
        """;

    /// <summary>Runs the command.</summary>
    /// <param name="args">Arguments after the CLI's own name: <c>run FILE ...</c> (a leading <c>notebook</c> is accepted too).</param>
    /// <param name="stdout">Receives progress.</param>
    /// <param name="stderr">Receives errors.</param>
    /// <returns>0, 1 or 2; see <see cref="Success"/>, <see cref="CellFailed"/>, <see cref="UsageError"/>.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        NotebookCommandLine line;
        try
        {
            line = NotebookCommandLine.Parse(args);
        }
        catch (UsageException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            stderr.WriteLine();
            stderr.WriteLine(Usage);
            return UsageError;
        }
        if (line.Help)
        {
            stdout.WriteLine(Usage);
            return Success;
        }

        Notebook notebook;
        try
        {
            foreach (string reference in line.References.Where(r => !File.Exists(r)))
                throw new FileNotFoundException($"Referenced assembly not found: {Path.GetFullPath(reference)}");
            notebook = Notebook.Load(line.Input);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotebookFormatException)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return UsageError;
        }

        var options = new NotebookRunnerOptions { CellTimeout = line.Timeout, Progress = p => Print(p, stdout) };
        options.References.AddRange(line.References);
        foreach (var (name, value) in line.Parameters)
            options.Parameters[name] = value;

        string output = line.OutputPath();
        int codeCells = notebook.CodeCells.Count();
        stdout.WriteLine($"Running {line.Input} ({codeCells} code cells)");
        int exitCode = Success;
        try
        {
            var result = new NotebookRunner(options).RunAsync(notebook).GetAwaiter().GetResult();
            stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "Ran {0} cells in {1:0.00} s.", result.ExecutedCells, result.Elapsed.TotalSeconds));
        }
        catch (NotebookCellException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            exitCode = CellFailed;
        }

        try
        {
            notebook.Save(output);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write {output}: {ex.Message}");
            return UsageError;
        }
        stdout.WriteLine(exitCode == Success ? $"Wrote {output}" : $"Wrote {output} (stopped at the failing cell)");
        return exitCode;
    }

    private static void Print(CellProgress progress, TextWriter stdout)
    {
        string cell = $"  cell {progress.CellNumber}/{progress.CodeCellCount} (index {progress.CellIndex})";
        switch (progress.Phase)
        {
            case CellPhase.Started:
                stdout.Write($"{cell} ...");
                break;
            case CellPhase.Skipped:
                stdout.WriteLine($"{cell} skipped (empty)");
                break;
            default:
                stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, " {0} ({1:0.00} s)",
                    progress.Phase == CellPhase.Succeeded ? "ok" : "FAILED", progress.Elapsed.TotalSeconds));
                break;
        }
        foreach (string note in progress.Notes)
            stdout.WriteLine($"    note: {note}");
        stdout.Flush();
    }
}
