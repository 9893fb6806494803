namespace GraphTrainer.Notebooks;

/// <summary>
/// <c>display(x)</c> for the notebooks' code run outside a notebook: a file-based app (<c>dotnet run notebooks/x.cs</c>)
/// imports it with <c>using static GraphTrainer.Notebooks.Display;</c>. Notebooks do not import it: in the .NET
/// Interactive kernel <c>display</c> is the kernel's own, which renders through the formatters
/// <see cref="KernelFormatting"/> registers.
/// </summary>
public static class Display
{
    /// <summary>Writes the <c>text/plain</c> form of <paramref name="value"/> (see <see cref="Formatters"/>) to <see cref="Console.Out"/>.</summary>
    /// <param name="value">Any value; see <see cref="Formatters"/> for how it is rendered.</param>
    public static void display(object value) => Console.Out.WriteLine(Formatters.Format(value).PlainText);
}
