using System.Text.RegularExpressions;

namespace GraphTrainer.Notebooks;

/// <summary>
/// Handles the .NET Interactive directives Roslyn scripting does not understand, line by line, keeping the line
/// count so compiler diagnostics still point at the right line of the cell:
/// <list type="bullet">
/// <item><c>#r "nuget: Id[, version]"</c> — ignored (commented out, with a note) when an assembly named <c>Id</c> is
/// already referenced; otherwise an error, since the headless runner cannot restore packages.</item>
/// <item><c>#i "nuget: source"</c> — package sources mean nothing here; commented out with a note.</item>
/// <item><c>#!csharp</c> / <c>#!c#</c> — the C# kernel selector; commented out. Any other <c>#!</c> magic is an error.</item>
/// </list>
/// </summary>
internal static partial class CellDirectives
{
    [GeneratedRegex(@"^\s*#r\s+""nuget:\s*(?<id>[^,""\s]+)\s*(,\s*(?<version>[^""]*))?""\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetReference();

    [GeneratedRegex(@"^\s*#i\s+""nuget:", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetSource();

    [GeneratedRegex(@"^\s*#!\s*(?<magic>\S+)")]
    private static partial Regex Magic();

    /// <summary>Returns the code to compile.</summary>
    /// <param name="source">The cell's text.</param>
    /// <param name="isReferenced">Whether an assembly with this simple name is already referenced.</param>
    /// <param name="notes">Receives a remark for each ignored line.</param>
    /// <exception cref="NotSupportedException">A NuGet reference that cannot be satisfied, or a non-C# magic command.</exception>
    public static string Prepare(string source, Func<string, bool> isReferenced, List<string> notes)
    {
        var lines = source.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            var nuget = NuGetReference().Match(line);
            if (nuget.Success)
            {
                string id = nuget.Groups["id"].Value;
                if (!isReferenced(id))
                {
                    throw new NotSupportedException(
                        $"line {i + 1}: {line.Trim()}: NuGet references are not supported by the headless notebook runner. " +
                        $"Build the project that provides '{id}' and reference its assembly instead: " +
                        $"#r \"path/to/{id}.dll\" in the notebook, or -r path/to/{id}.dll on the command line.");
                }
                notes.Add($"line {i + 1}: {line.Trim()} ignored: assembly '{id}' is already referenced.");
                lines[i] = "// " + lines[i];
            }
            else if (NuGetSource().IsMatch(line))
            {
                notes.Add($"line {i + 1}: {line.Trim()} ignored: the headless runner restores no packages.");
                lines[i] = "// " + lines[i];
            }
            else if (Magic().Match(line) is { Success: true } magic)
            {
                string name = magic.Groups["magic"].Value.ToLowerInvariant();
                if (name is not ("csharp" or "c#"))
                {
                    throw new NotSupportedException(
                        $"line {i + 1}: {line.Trim()}: magic commands are not supported by the headless notebook runner; it runs C# cells only.");
                }
                lines[i] = "// " + lines[i];
            }
        }
        return string.Join('\n', lines);
    }
}
