using System.Text.Json.Nodes;

namespace GraphTrainer.Notebooks;

/// <summary>One entry of a code cell's <c>outputs</c> array (nbformat 4).</summary>
public abstract class CellOutput
{
    /// <summary>The nbformat <c>output_type</c>: <c>stream</c>, <c>display_data</c>, <c>execute_result</c> or <c>error</c>.</summary>
    public abstract string OutputType { get; }

    /// <summary>Properties this model does not interpret, kept so that a round trip loses nothing.</summary>
    internal JsonObject Extra { get; set; } = new();
}

/// <summary>Text written to stdout or stderr while a cell ran.</summary>
public sealed class StreamOutput : CellOutput
{
    /// <summary>Creates a stream output.</summary>
    /// <param name="name"><c>stdout</c> or <c>stderr</c>.</param>
    /// <param name="text">The text written.</param>
    public StreamOutput(string name, string text)
    {
        Name = name;
        Text = text;
    }

    /// <inheritdoc />
    public override string OutputType => "stream";

    /// <summary><c>stdout</c> or <c>stderr</c>.</summary>
    public string Name { get; set; }

    /// <summary>The text written, lines joined.</summary>
    public string Text { get; set; }
}

/// <summary>
/// A rich value shown by a cell: a mime bundle (<c>text/plain</c>, <c>text/html</c>, <c>image/png</c> as base64, ...).
/// </summary>
public class DisplayDataOutput : CellOutput
{
    /// <inheritdoc />
    public override string OutputType => "display_data";

    /// <summary>
    /// The mime bundle as stored in the notebook. Text mime types may be a string or an array of lines;
    /// JSON mime types may be any JSON value. Use <see cref="GetText"/> and <see cref="SetText"/> for text.
    /// </summary>
    public Dictionary<string, JsonNode> Data { get; } = new(StringComparer.Ordinal);

    /// <summary>The output's <c>metadata</c> object (for example image sizes).</summary>
    public JsonObject Metadata { get; set; } = new();

    /// <summary>Returns the text stored for <paramref name="mimeType"/> (array of lines joined), or null when absent.</summary>
    /// <param name="mimeType">For example <c>text/plain</c> or <c>image/png</c>.</param>
    public string GetText(string mimeType) =>
        Data.TryGetValue(mimeType, out var node) ? MultilineText.Read(node) : null;

    /// <summary>
    /// Stores text for <paramref name="mimeType"/>: as a list of lines for <c>text/*</c> types (as Jupyter writes them),
    /// as one string otherwise (base64 images).
    /// </summary>
    /// <param name="mimeType">The mime type.</param>
    /// <param name="text">The text; base64 for binary types.</param>
    public void SetText(string mimeType, string text) =>
        Data[mimeType] = mimeType.StartsWith("text/", StringComparison.Ordinal)
            ? MultilineText.ToLines(text)
            : JsonValue.Create(text);

    /// <summary>Fills this output's bundle from a formatted value.</summary>
    /// <param name="display">The formatted value.</param>
    internal void SetFrom(DisplayOutput display)
    {
        foreach (var (mime, text) in display.Data)
            SetText(mime, text);
    }
}

/// <summary>The value of a cell's trailing expression, shown with the cell's execution count.</summary>
public sealed class ExecuteResultOutput : DisplayDataOutput
{
    /// <inheritdoc />
    public override string OutputType => "execute_result";

    /// <summary>The execution count of the cell that produced the value.</summary>
    public int? ExecutionCount { get; set; }
}

/// <summary>An error raised by a cell: compile diagnostics or an exception.</summary>
public sealed class ErrorOutput : CellOutput
{
    /// <summary>Creates an error output.</summary>
    /// <param name="errorName">Error name (exception type, or <c>CompilationError</c>).</param>
    /// <param name="errorValue">Error message.</param>
    /// <param name="traceback">Traceback lines (stack trace or one line per diagnostic).</param>
    public ErrorOutput(string errorName, string errorValue, IEnumerable<string> traceback)
    {
        EName = errorName;
        EValue = errorValue;
        Traceback = traceback.ToList();
    }

    /// <inheritdoc />
    public override string OutputType => "error";

    /// <summary>The error name (nbformat <c>ename</c>).</summary>
    public string EName { get; set; }

    /// <summary>The error message (nbformat <c>evalue</c>).</summary>
    public string EValue { get; set; }

    /// <summary>Traceback lines (nbformat <c>traceback</c>).</summary>
    public List<string> Traceback { get; }
}
