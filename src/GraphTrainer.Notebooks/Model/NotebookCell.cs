using System.Text.Json.Nodes;

namespace GraphTrainer.Notebooks;

/// <summary>The nbformat <c>cell_type</c> of a cell.</summary>
public enum CellType
{
    /// <summary>A markdown cell (<c>markdown</c>).</summary>
    Markdown,

    /// <summary>A code cell (<c>code</c>), executed by the runner.</summary>
    Code,

    /// <summary>A raw cell (<c>raw</c>), kept as is.</summary>
    Raw,
}

/// <summary>One cell of a notebook.</summary>
public sealed class NotebookCell
{
    /// <summary>Creates a cell.</summary>
    /// <param name="cellType">Markdown, code or raw.</param>
    /// <param name="source">The cell's text.</param>
    public NotebookCell(CellType cellType, string source = "")
    {
        CellType = cellType;
        Source = source ?? "";
    }

    /// <summary>Creates a code cell.</summary>
    /// <param name="source">C# code.</param>
    public static NotebookCell Code(string source) => new(CellType.Code, source);

    /// <summary>Creates a markdown cell.</summary>
    /// <param name="source">Markdown text.</param>
    public static NotebookCell Markdown(string source) => new(CellType.Markdown, source);

    /// <summary>Markdown, code or raw.</summary>
    public CellType CellType { get; }

    /// <summary>The nbformat 4.5 cell <c>id</c>; null when the notebook predates ids (one is made when saving a 4.5 notebook).</summary>
    public string Id { get; set; }

    /// <summary>The cell's text (a <c>source</c> stored as an array of lines is joined).</summary>
    public string Source { get; set; }

    /// <summary>The cell's <c>metadata</c>, preserved verbatim (tags, <c>dotnet_interactive</c>, ...).</summary>
    public JsonObject Metadata { get; set; } = new();

    /// <summary>The execution count of a code cell; null when not executed.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>Outputs of a code cell, in display order.</summary>
    public List<CellOutput> Outputs { get; } = new();

    /// <summary>The <c>attachments</c> of a markdown or raw cell, preserved verbatim; null when absent.</summary>
    public JsonObject Attachments { get; set; }

    /// <summary>Properties this model does not interpret, kept so that a round trip loses nothing.</summary>
    internal JsonObject Extra { get; set; } = new();

    /// <summary>The cell's tags (<c>metadata.tags</c>).</summary>
    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray tags
            ? tags.Select(t => t is JsonValue v && v.TryGetValue(out string s) ? s : null).Where(s => s != null).ToList()
            : Array.Empty<string>();

    /// <summary>Whether <c>metadata.tags</c> contains <paramref name="tag"/>.</summary>
    /// <param name="tag">The tag, compared exactly.</param>
    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);

    /// <summary>Adds <paramref name="tag"/> to <c>metadata.tags</c> unless it is already there.</summary>
    /// <param name="tag">The tag.</param>
    public void AddTag(string tag)
    {
        if (HasTag(tag))
            return;
        if (Metadata["tags"] is not JsonArray tags)
            Metadata["tags"] = tags = new JsonArray();
        tags.Add(tag);
    }

    /// <summary>
    /// The kernel language .NET Interactive / Polyglot Notebooks recorded for this cell
    /// (<c>metadata.dotnet_interactive.language</c> or <c>metadata.polyglot_notebook.kernelName</c>); null when unrecorded.
    /// </summary>
    public string KernelLanguage =>
        ReadString(Metadata["polyglot_notebook"]?["kernelName"]) ?? ReadString(Metadata["dotnet_interactive"]?["language"]);

    private static string ReadString(JsonNode node) =>
        node is JsonValue v && v.TryGetValue(out string s) ? s : null;
}
