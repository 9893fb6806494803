namespace GraphTrainer.Notebooks;

/// <summary>A failed cell of an executed notebook.</summary>
/// <param name="CellIndex">Index of the cell among all cells (0-based).</param>
/// <param name="CodeCellNumber">Number of the cell among the code cells (1-based), as Jupyter front ends count them.</param>
/// <param name="Name">The error's name (exception type), possibly empty.</param>
/// <param name="Message">The error's message.</param>
public sealed record NotebookError(int CellIndex, int CodeCellNumber, string Name, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"Cell {CodeCellNumber} (index {CellIndex}) failed: {(string.IsNullOrEmpty(Name) ? "" : Name + ": ")}{Message}";
}

/// <summary>Finds the cells of an executed notebook that failed.</summary>
public static class NotebookErrors
{
    /// <summary>Every code cell with an <c>error</c> output, in order.</summary>
    /// <param name="notebook">An executed notebook.</param>
    public static IReadOnlyList<NotebookError> All(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var errors = new List<NotebookError>();
        int codeNumber = 0;
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.CellType != CellType.Code)
                continue;
            codeNumber++;
            // .NET Interactive names every error "Error" and starts evalue with the exception type, so that name adds nothing.
            foreach (var error in cell.Outputs.OfType<ErrorOutput>())
                errors.Add(new NotebookError(i, codeNumber, error.EName is null or "Error" ? "" : error.EName, FirstLine(error.EValue)));
        }
        return errors;
    }

    /// <summary>The first failed cell, or null.</summary>
    /// <param name="notebook">An executed notebook.</param>
    public static NotebookError First(Notebook notebook) => All(notebook).FirstOrDefault();

    private static string FirstLine(string text)
    {
        // .NET Interactive puts the whole stack trace into evalue; its first line is the message.
        string value = (text ?? "").Replace("\r\n", "\n").Trim();
        int newline = value.IndexOf('\n');
        return newline < 0 ? value : value[..newline];
    }
}
