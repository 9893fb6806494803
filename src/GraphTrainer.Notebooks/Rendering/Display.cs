namespace GraphTrainer.Notebooks;

/// <summary>
/// The <c>display</c> function of notebook cells. The runner imports it with
/// <c>using static GraphTrainer.Notebooks.Display;</c> so cells call <c>display(x)</c> as in .NET Interactive.
/// </summary>
public static class Display
{
    /// <summary>
    /// Shows <paramref name="value"/>: inside the notebook runner it becomes a <c>display_data</c> output of the
    /// running cell (formatted by <see cref="Formatters"/>); elsewhere (a terminal, a file-based app) its
    /// <c>text/plain</c> form is written to <see cref="Console.Out"/>.
    /// </summary>
    /// <param name="value">Any value; see <see cref="Formatters"/> for how it is rendered.</param>
    public static void display(object value)
    {
        var output = Formatters.Format(value);
        var cell = CellOutputCollector.Current;
        if (cell == null || !cell.TryAddDisplay(output))
            Console.Out.WriteLine(output.PlainText);
    }
}
