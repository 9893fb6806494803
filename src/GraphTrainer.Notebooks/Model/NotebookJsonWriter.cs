using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GraphTrainer.Notebooks;

/// <summary>
/// Writes a <see cref="Notebook"/> the way Jupyter's nbformat does (sorted keys, indent 1, no ASCII escaping,
/// multiline strings as arrays of lines), so executed notebooks diff cleanly against Jupyter-saved ones.
/// </summary>
internal static class NotebookJsonWriter
{
    public static string Write(Notebook notebook)
    {
        var root = Clone(notebook.Extra);
        root["cells"] = new JsonArray(notebook.Cells.Select(c => (JsonNode)WriteCell(c, notebook.FormatMinor)).ToArray());
        root["metadata"] = notebook.Metadata?.DeepClone() ?? new JsonObject();
        root["nbformat"] = Notebook.FormatVersion;
        root["nbformat_minor"] = notebook.FormatMinor;

        var buffer = new MemoryStream();
        var options = new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 1,
            // nbformat writes with ensure_ascii=False; keep non-ASCII text readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using (var writer = new Utf8JsonWriter(buffer, options))
            WriteSorted(writer, root);
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static JsonObject WriteCell(NotebookCell cell, int formatMinor)
    {
        var obj = Clone(cell.Extra);
        obj["cell_type"] = cell.CellType switch
        {
            CellType.Code => "code",
            CellType.Markdown => "markdown",
            _ => "raw",
        };
        // Cell ids are required from nbformat 4.5 on; cells made in memory get one here.
        if (formatMinor >= 5)
            cell.Id ??= Guid.NewGuid().ToString("N")[..12];
        if (cell.Id != null)
            obj["id"] = cell.Id;
        obj["metadata"] = cell.Metadata?.DeepClone() ?? new JsonObject();
        obj["source"] = MultilineText.ToLines(cell.Source);
        if (cell.Attachments != null)
            obj["attachments"] = cell.Attachments.DeepClone();
        if (cell.CellType == CellType.Code)
        {
            obj["execution_count"] = cell.ExecutionCount;
            obj["outputs"] = new JsonArray(cell.Outputs.Select(o => (JsonNode)WriteOutput(o)).ToArray());
        }
        return obj;
    }

    private static JsonObject WriteOutput(CellOutput output)
    {
        var obj = Clone(output.Extra);
        obj["output_type"] = output.OutputType;
        switch (output)
        {
            case StreamOutput stream:
                obj["name"] = stream.Name;
                obj["text"] = MultilineText.ToLines(stream.Text);
                break;
            case DisplayDataOutput display:
                var data = new JsonObject();
                foreach (var (mime, value) in display.Data)
                    data[mime] = value?.DeepClone();
                obj["data"] = data;
                obj["metadata"] = display.Metadata?.DeepClone() ?? new JsonObject();
                if (display is ExecuteResultOutput result)
                    obj["execution_count"] = result.ExecutionCount;
                break;
            case ErrorOutput error:
                obj["ename"] = error.EName;
                obj["evalue"] = error.EValue;
                obj["traceback"] = new JsonArray(error.Traceback.Select(l => (JsonNode)JsonValue.Create(l)).ToArray());
                break;
        }
        return obj;
    }

    private static JsonObject Clone(JsonObject obj) => (JsonObject)obj?.DeepClone() ?? new JsonObject();

    private static void WriteSorted(Utf8JsonWriter writer, JsonNode node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteSorted(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                    WriteSorted(writer, item);
                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
