using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GraphTrainer.Notebooks;

/// <summary>
/// Converts a C# file-based app written in the "percent" cell format (jupytext's, with <c>//</c> comments) into a
/// notebook, so one file is both <c>dotnet run notebooks/x.cs</c> and the source of <c>notebooks/x.ipynb</c>:
/// <list type="bullet">
/// <item><c>// %%</c> starts a code cell; <c>// %% [markdown]</c> a markdown cell whose lines are <c>// text</c>;
/// <c>tags=["parameters"]</c> after the marker sets the cell's tags (papermill's parameters cell).</item>
/// <item>Before the first marker, only comments, blank lines and file-based-app directives may appear. The directives
/// become the notebook's references, at the top of its first code cell, as .NET Interactive users reference libraries:
/// <c>#:project ../src/X/X.csproj</c> turns into <c>#r "nuget: X, VERSION"</c> (the package that project packs, at
/// <see cref="PackageVersion"/>) and <c>#:package Id@1.2</c> into <c>#r "nuget: Id, 1.2"</c>; <c>#:property</c> and
/// <c>#:sdk</c> lines are dropped. No <c>#i</c> line names the local feed: .NET Interactive accepts only absolute
/// paths there (dotnet/interactive#3110), so a local build's feed is registered outside the notebook
/// (<c>dotnet nuget add source</c>, or <c>RestoreAdditionalProjectSources</c> in the kernel's environment).</item>
/// <item>Code cells are copied verbatim, except lines ending in <c>// file-based app only</c> (such as
/// <c>using static GraphTrainer.Notebooks.Display;</c>, which would hide the kernel's own <c>display</c>); leading and
/// trailing blank lines of every cell are trimmed. Cell ids are <c>cell-01</c>, <c>cell-02</c>, ... so converting
/// again gives the same file.</item>
/// </list>
/// </summary>
public static partial class PercentScript
{
    /// <summary>Marks a code line that belongs to the file-based app only and is left out of the notebook.</summary>
    public const string AppOnlyMarker = "// file-based app only";

    /// <summary>
    /// The version of the packages <c>#:project</c> lines become: this assembly's, which is the one version every
    /// GraphTrainer package is built with (Directory.Build.props).
    /// </summary>
    public static string PackageVersion { get; } =
        (typeof(PercentScript).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];

    [GeneratedRegex(@"^//\s*%%(?<rest>.*)$")]
    private static partial Regex CellMarker();

    [GeneratedRegex(@"tags\s*=\s*(?<tags>\[[^\]]*\])")]
    private static partial Regex TagsOption();

    [GeneratedRegex(@"^#:(?<kind>\w+)\s+(?<value>.+?)\s*$")]
    private static partial Regex Directive();

    /// <summary>Reads <paramref name="path"/> and converts it (see the class remarks).</summary>
    /// <param name="path">A <c>.cs</c> file in the percent format.</param>
    /// <exception cref="FormatException">The file breaks one of the rules, with the line number.</exception>
    public static Notebook Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Converts percent-format text to a C# notebook (no outputs).</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="sourceName">Name used in error messages.</param>
    /// <exception cref="FormatException">The text breaks one of the rules, with the line number.</exception>
    public static Notebook Parse(string text, string sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        string source = sourceName ?? "<percent script>";
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var notebook = Notebook.CreateCSharp();
        var references = new List<string>();
        NotebookCell cell = null;
        var body = new List<string>();

        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            var marker = CellMarker().Match(line);
            if (marker.Success)
            {
                Flush(notebook, cell, body);
                cell = NewCell(marker.Groups["rest"].Value, source, i + 1);
                continue;
            }
            if (cell == null)
            {
                HeaderLine(line, references, source, i + 1);
                continue;
            }
            if (cell.CellType == CellType.Markdown)
            {
                string trimmed = line.TrimStart();
                if (trimmed.Length > 0 && !trimmed.StartsWith("//", StringComparison.Ordinal))
                    throw Error(source, i + 1, "a markdown cell may contain only // comment lines");
                line = trimmed.StartsWith("// ", StringComparison.Ordinal) ? trimmed[3..] : trimmed.StartsWith("//", StringComparison.Ordinal) ? trimmed[2..] : "";
            }
            else if (line.TrimEnd().EndsWith(AppOnlyMarker, StringComparison.Ordinal))
            {
                continue;
            }
            body.Add(line);
        }
        Flush(notebook, cell, body);

        if (references.Count > 0)
        {
            var first = notebook.CodeCells.FirstOrDefault()
                ?? throw Error(source, lines.Length, "directives need a code cell to become #r lines in");
            first.Source = string.Join("\n", references) + (first.Source.Length > 0 ? "\n" + first.Source : "");
        }
        return notebook;
    }

    private static NotebookCell NewCell(string options, string source, int lineNumber)
    {
        bool markdown = options.Contains("[markdown]", StringComparison.Ordinal);
        var cell = markdown ? NotebookCell.Markdown("") : NotebookCell.Code("");
        var tags = TagsOption().Match(options);
        if (tags.Success)
        {
            string[] names;
            try
            {
                names = JsonSerializer.Deserialize<string[]>(tags.Groups["tags"].Value);
            }
            catch (JsonException ex)
            {
                throw Error(source, lineNumber, $"tags must be a JSON array of strings ({ex.Message})");
            }
            foreach (string tag in names)
                cell.AddTag(tag);
        }
        return cell;
    }

    private static void HeaderLine(string line, List<string> references, string source, int lineNumber)
    {
        string trimmed = line.Trim();
        if (trimmed.Length == 0 || trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith("#!", StringComparison.Ordinal))
            return;
        var directive = Directive().Match(trimmed);
        if (!directive.Success)
            throw Error(source, lineNumber, "code before the first // %% cell marker");
        string value = directive.Groups["value"].Value;
        switch (directive.Groups["kind"].Value)
        {
            case "project":
                // #:project names a .csproj file or its directory; its package is named after the project.
                string project = value.Replace('\\', '/');
                bool isFile = project.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase);
                string name = isFile ? Path.GetFileNameWithoutExtension(project) : Path.GetFileName(project.TrimEnd('/'));
                references.Add($"#r \"nuget: {name}, {PackageVersion}\"");
                break;
            case "package":
                int at = value.IndexOf('@');
                references.Add(at < 0 ? $"#r \"nuget: {value}\"" : $"#r \"nuget: {value[..at]}, {value[(at + 1)..]}\"");
                break;
            case "property":
            case "sdk":
                break;
            default:
                throw Error(source, lineNumber, $"unknown directive #:{directive.Groups["kind"].Value}");
        }
    }

    private static void Flush(Notebook notebook, NotebookCell cell, List<string> body)
    {
        if (cell != null)
        {
            int start = body.FindIndex(l => l.Trim().Length > 0);
            int end = body.FindLastIndex(l => l.Trim().Length > 0);
            cell.Source = start < 0 ? "" : string.Join("\n", body.GetRange(start, end - start + 1));
            // Ids from the position keep regenerated notebooks byte-identical (random ids would change every time).
            cell.Id = $"cell-{notebook.Cells.Count + 1:D2}";
            notebook.Cells.Add(cell);
        }
        body.Clear();
    }

    private static FormatException Error(string source, int line, string message) =>
        new($"{source}({line}): {message}.");
}
