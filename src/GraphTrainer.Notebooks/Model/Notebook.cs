using System.Text.Json.Nodes;

namespace GraphTrainer.Notebooks;

/// <summary>
/// A Jupyter notebook in nbformat 4: cells plus notebook metadata. Load with <see cref="Load"/> or
/// <see cref="Parse"/>, save with <see cref="Save"/>. Metadata and properties this model does not interpret
/// are preserved on a round trip.
/// </summary>
public sealed class Notebook
{
    /// <summary>The only major format version supported.</summary>
    public const int FormatVersion = 4;

    /// <summary>The nbformat minor version (<c>nbformat_minor</c>); 5 adds cell ids.</summary>
    public int FormatMinor { get; set; } = 5;

    /// <summary>The notebook's <c>metadata</c> (kernelspec, language_info, ...), preserved verbatim.</summary>
    public JsonObject Metadata { get; set; } = new();

    /// <summary>The cells, in order.</summary>
    public List<NotebookCell> Cells { get; } = new();

    /// <summary>The file this notebook was loaded from or last saved to; null for one built in memory.</summary>
    public string FilePath { get; set; }

    /// <summary>Top-level properties this model does not interpret, kept so that a round trip loses nothing.</summary>
    internal JsonObject Extra { get; set; } = new();

    /// <summary>The code cells, in order.</summary>
    public IEnumerable<NotebookCell> CodeCells => Cells.Where(c => c.CellType == CellType.Code);

    /// <summary>
    /// Creates an empty C# notebook carrying the kernelspec and language_info metadata that
    /// .NET Interactive wrote (kernel <c>.net-csharp</c>, language <c>C#</c>), so Jupyter front ends recognise it.
    /// </summary>
    public static Notebook CreateCSharp() => new()
    {
        Metadata = new JsonObject
        {
            ["kernelspec"] = new JsonObject
            {
                ["display_name"] = ".NET (C#)",
                ["language"] = "C#",
                ["name"] = ".net-csharp",
            },
            ["language_info"] = new JsonObject
            {
                ["file_extension"] = ".cs",
                ["mimetype"] = "text/x-csharp",
                ["name"] = "C#",
                ["pygments_lexer"] = "csharp",
                ["version"] = "13.0",
            },
        },
    };

    /// <summary>Reads a notebook file.</summary>
    /// <param name="path">Path of the <c>.ipynb</c> file.</param>
    /// <exception cref="NotebookFormatException">The file is not valid JSON or not an nbformat 4 notebook.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Notebook Load(string path)
    {
        string json = File.ReadAllText(path);
        var notebook = NotebookJsonReader.Read(json, path);
        notebook.FilePath = Path.GetFullPath(path);
        return notebook;
    }

    /// <summary>Parses notebook JSON.</summary>
    /// <param name="json">The document text.</param>
    /// <param name="sourceName">Name used in error messages (for example the file path); may be null.</param>
    /// <exception cref="NotebookFormatException">The text is not valid JSON or not an nbformat 4 notebook.</exception>
    public static Notebook Parse(string json, string sourceName = null) => NotebookJsonReader.Read(json, sourceName);

    /// <summary>
    /// Serializes the notebook as Jupyter does (keys sorted, one-space indent, sources as arrays of lines,
    /// non-ASCII text unescaped, trailing newline).
    /// </summary>
    public string ToJson() => NotebookJsonWriter.Write(this);

    /// <summary>Writes the notebook to <paramref name="path"/> and records it as <see cref="FilePath"/>.</summary>
    /// <param name="path">Destination file; its directory must exist.</param>
    public void Save(string path)
    {
        File.WriteAllText(path, ToJson());
        FilePath = Path.GetFullPath(path);
    }
}
