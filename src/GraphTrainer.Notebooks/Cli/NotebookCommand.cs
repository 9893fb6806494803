using System.Globalization;

namespace GraphTrainer.Notebooks;

/// <summary>
/// The <c>notebook</c> command of the <c>graphtrainer</c> CLI:
/// <c>notebook run FILE.ipynb [--output OUT.ipynb] [--set name=value ...] [--timeout SECONDS] [-r extra.dll ...]</c>.
/// </summary>
public static partial class NotebookCommand
{
    /// <summary>Exit code of a run where every cell succeeded.</summary>
    public const int Success = 0;

    /// <summary>Exit code when a cell failed (the output notebook is still written, with the error in that cell) or the kernel could not run.</summary>
    public const int CellFailed = 1;

    /// <summary>Exit code for a usage mistake, a missing file, or a file that is not an nbformat 4 notebook.</summary>
    public const int UsageError = 2;

    /// <summary>The help text.</summary>
    public const string Usage =
        """
        Usage: notebook run FILE.ipynb [options]

        Executes the notebook in the .NET Interactive C# kernel (kernel '.net-csharp', through
        jupyter nbconvert), the kernel Jupyter and VS Code run it in, and writes the notebook with its outputs.

        Options:
          -o, --output OUT.ipynb   Where to write the executed notebook
                                   (default: FILE.executed.ipynb next to FILE.ipynb; the input is never overwritten
                                   unless named here).
          --set name=value         Override a parameter (repeatable): the kernel gets GRAPHTRAINER_PARAM_name=value,
                                   which the cell after the notebook's 'parameters' cell reads with
                                   NotebookParameters.Get (converted to the parameter's type).
          --timeout SECONDS        Fail a cell that runs longer than this.
          -s, --source DIR|URL     A package source for the notebook's #r "nuget: ..." lines (repeatable). Default:
                                   the local feed artifacts/packages of the repository the notebook is in, if packed.
          -r, --reference X.dll    Reference an assembly in a cell added before the first one (repeatable); skipped
                                   when the notebook references a package of that name with #r "nuget: ...".

        Needs jupyter nbconvert and the kernel: dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001,
        then dotnet interactive jupyter install.

        Exit codes: 0 all cells ran, 1 a cell failed or the kernel could not run, 2 usage or notebook format error.
        """;

    // The names the papermill-style parameters cells declare (`var epochs = 10;`, `int n = 1;`): a --set of any other
    // name would be ignored by the notebook, so a misspelling is refused rather than silently running the defaults.
    private static SortedSet<string> DeclaredParameters(Notebook notebook) => new(
        notebook.CodeCells.Where(c => c.HasTag("parameters"))
            .SelectMany(c => System.Text.RegularExpressions.Regex.Matches(c.Source ?? "",
                @"^\s*(?:var|int|long|float|double|bool|string|decimal)\s+([A-Za-z_]\w*)\s*=", System.Text.RegularExpressions.RegexOptions.Multiline))
            .Select(m => m.Groups[1].Value), StringComparer.Ordinal);

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

        var declared = DeclaredParameters(notebook);
        foreach (var (name, _) in line.Parameters.Where(p => !declared.Contains(p.Key)))
        {
            stderr.WriteLine(declared.Count == 0
                ? $"error: --set {name}: {line.Input} has no parameters cell (a code cell tagged \"parameters\")"
                : $"error: --set {name}: {line.Input} has no parameter '{name}'; its parameters cell declares {string.Join(", ", declared)}");
            return UsageError;
        }

        string output = line.OutputPath();
        var runner = new KernelNotebookRunner { CellTimeout = line.Timeout };
        foreach (var (name, value) in line.Parameters)
            runner.Parameters[name] = value;
        var sources = line.Sources.Count > 0 ? line.Sources : LocalFeed(line.Input);
        foreach (string source in sources)
            runner.PackageSources.Add(source);
        if (line.Sources.Count == 0 && sources.Count > 0)
            stdout.WriteLine($"Package source: {sources[0]} (the repository's local feed)");

        string input = line.Input;
        string withReferences = null;
        var references = AddedReferences(notebook, line.References, stdout);
        if (references.Count > 0)
        {
            // A copy beside the input, so the kernel starts in the same folder and relative paths keep their meaning.
            var cell = NotebookCell.Code(string.Join("\n", references.Select(r => $"#r \"{Path.GetFullPath(r)}\"")));
            notebook.Cells.Insert(0, cell);
            withReferences = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(input))!, $".{Path.GetFileNameWithoutExtension(input)}.{Guid.NewGuid():N}.ipynb");
            notebook.Save(withReferences);
            input = withReferences;
        }

        stdout.WriteLine($"Running {line.Input} ({notebook.CodeCells.Count()} code cells) in the .NET Interactive kernel");
        stdout.Flush();
        try
        {
            var result = runner.Run(input, output);
            stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "Ran in {0:0.0} s; wrote {1}", result.Elapsed.TotalSeconds, output));
            if (result.FirstError != null)
            {
                stderr.WriteLine($"error: {result.FirstError}");
                return CellFailed;
            }
            return Success;
        }
        catch (NotebookRunException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return CellFailed;
        }
        finally
        {
            if (withReferences != null)
                File.Delete(withReferences);
        }
    }

    // artifacts/packages in the notebook's folder or one above it: where `dotnet pack GraphTrainer.sln -c Release -o
    // artifacts/packages` puts the packages of a checkout the notebook belongs to.
    private static List<string> LocalFeed(string notebookPath)
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(notebookPath))!); dir != null; dir = dir.Parent)
        {
            string feed = Path.Combine(dir.FullName, "artifacts", "packages");
            if (Directory.Exists(feed))
                return new List<string> { feed };
        }
        return new List<string>();
    }

    // The -r assemblies to reference, minus those the notebook already gets from a package of the same name (loading
    // GraphTrainer.dll twice, once by path and once from its package, would give two copies of every type).
    private static List<string> AddedReferences(Notebook notebook, IEnumerable<string> references, TextWriter stdout)
    {
        var packages = notebook.CodeCells
            .SelectMany(c => NuGetReference().Matches(c.Source).Select(m => m.Groups["id"].Value.Trim()))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var added = new List<string>();
        foreach (string reference in references)
        {
            string name = Path.GetFileNameWithoutExtension(reference);
            if (packages.Contains(name))
                stdout.WriteLine($"note: -r {reference} skipped: the notebook references the {name} package");
            else
                added.Add(reference);
        }
        return added;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"#r\s+""nuget:\s*(?<id>[^,""]+)")]
    private static partial System.Text.RegularExpressions.Regex NuGetReference();
}
