using System.Globalization;
using Microsoft.CodeAnalysis;

namespace GraphTrainer.Notebooks;

/// <summary>A compiler diagnostic of a cell, positioned within that cell's own text (1-based).</summary>
/// <param name="Id">The compiler id, such as <c>CS0103</c>.</param>
/// <param name="Severity"><c>error</c> or <c>warning</c>.</param>
/// <param name="Line">1-based line within the cell.</param>
/// <param name="Column">1-based column within the line.</param>
/// <param name="Message">The compiler's message.</param>
public sealed record CellDiagnostic(string Id, string Severity, int Line, int Column, string Message)
{
    internal static CellDiagnostic From(Diagnostic diagnostic)
    {
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        return new CellDiagnostic(
            diagnostic.Id,
            diagnostic.Severity.ToString().ToLowerInvariant(),
            position.Line + 1,
            position.Character + 1,
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    /// <summary>For example <c>line 2, column 5: error CS0103: The name 'x' does not exist in the current context</c>.</summary>
    public override string ToString() => $"line {Line}, column {Column}: {Severity} {Id}: {Message}";
}

/// <summary>
/// A code cell failed (did not compile, threw, timed out, or used an unsupported directive); the run stopped there.
/// The same error has been written to the cell as an <c>error</c> output.
/// </summary>
public sealed class NotebookCellException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="cellNumber">1-based number among the code cells.</param>
    /// <param name="cellIndex">0-based index among all cells.</param>
    /// <param name="errorName">Exception type name, or <c>CompilationError</c> / <c>UnsupportedDirective</c>.</param>
    /// <param name="errorValue">The error message.</param>
    /// <param name="diagnostics">Compiler errors, when the cell did not compile.</param>
    /// <param name="inner">The exception the cell threw, if any.</param>
    public NotebookCellException(int cellNumber, int cellIndex, string errorName, string errorValue,
        IReadOnlyList<CellDiagnostic> diagnostics = null, Exception inner = null)
        : base(BuildMessage(cellNumber, cellIndex, errorName, errorValue), inner)
    {
        CellNumber = cellNumber;
        CellIndex = cellIndex;
        ErrorName = errorName;
        ErrorValue = errorValue;
        Diagnostics = diagnostics ?? Array.Empty<CellDiagnostic>();
    }

    /// <summary>1-based number of the failing cell among the notebook's code cells.</summary>
    public int CellNumber { get; }

    /// <summary>0-based index of the failing cell among all the notebook's cells (markdown included).</summary>
    public int CellIndex { get; }

    /// <summary>Exception type name (<c>System.InvalidOperationException</c>), or <c>CompilationError</c>, <c>UnsupportedDirective</c>.</summary>
    public string ErrorName { get; }

    /// <summary>The error message; for compile errors, one diagnostic per line.</summary>
    public string ErrorValue { get; }

    /// <summary>Compiler errors with lines relative to the cell; empty unless the cell did not compile.</summary>
    public IReadOnlyList<CellDiagnostic> Diagnostics { get; }

    /// <summary>Whether the cell failed to compile.</summary>
    public bool IsCompilationError => Diagnostics.Count > 0;

    private static string BuildMessage(int number, int index, string name, string value) =>
        $"Cell {number} (notebook cell index {index}) failed: {name}: {value}";
}
