using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GraphTrainer.Data;

namespace GraphTrainer.Tutorials;

/// <summary>
/// What the seed ports print through, and where they write files. Ported seeds print from several functions
/// (as the Python does), so the writer is held here for the duration of a run and everything printed is also
/// kept, letting <c>Run</c> report the printed figures without adding lines to the ported code.
/// </summary>
public sealed class TutorialOutput
{
    private readonly TextWriter _stdout;
    private readonly StringBuilder _printed = new();

    /// <summary>Creates the output for one run.</summary>
    public TutorialOutput(TextWriter stdout) => _stdout = stdout ?? throw new ArgumentNullException(nameof(stdout));

    /// <summary>Python's <c>print(*values)</c>: values as Python's <c>str</c> shows them, separated by spaces.</summary>
    public void print(params object[] values)
    {
        string line = string.Join(" ", (values ?? new object[] { null }).Select(Binding.str));
        _stdout.WriteLine(line);
        _printed.AppendLine(line);
    }

    /// <summary>Everything printed so far.</summary>
    public string Printed => _printed.ToString();

    /// <summary>The numbers captured by group 1 of <paramref name="pattern"/> in each printed line that matches it.</summary>
    public IReadOnlyList<double> Figures(string pattern) =>
        Regex.Matches(Printed, pattern, RegexOptions.Multiline)
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    /// <summary>
    /// Where tutorials write plots by default: <c>data/runs/tutorials/</c> under the repository (found from the
    /// current directory, then from the program's folder), else under the current directory. Git-ignored.
    /// </summary>
    public static string DefaultPlotDirectory()
    {
        string root = DataDirectories.FindRepositoryRoot(Directory.GetCurrentDirectory())
            ?? DataDirectories.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? Directory.GetCurrentDirectory();
        return Path.Combine(root, "data", "runs", "tutorials");
    }
}
