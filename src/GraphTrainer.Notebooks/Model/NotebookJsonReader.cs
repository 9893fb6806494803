using System.Text.Json;
using System.Text.Json.Nodes;

namespace GraphTrainer.Notebooks;

/// <summary>Turns nbformat 4 JSON into a <see cref="Notebook"/>, rejecting anything else with a clear message.</summary>
internal static class NotebookJsonReader
{
    private static readonly HashSet<string> NotebookKeys = new() { "cells", "metadata", "nbformat", "nbformat_minor" };
    private static readonly HashSet<string> CellKeys = new() { "cell_type", "id", "source", "metadata", "execution_count", "outputs", "attachments" };

    public static Notebook Read(string json, string sourceName)
    {
        string where = sourceName ?? "notebook";
        JsonNode root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException ex)
        {
            long? line = ex.LineNumber + 1;
            long? position = ex.BytePositionInLine + 1;
            throw new NotebookFormatException(
                $"{where}: invalid JSON at line {line}, position {position}: {ex.Message}", sourceName, line, position, ex);
        }

        try
        {
            return ReadNotebook(root, where);
        }
        catch (FormatException ex)
        {
            // FormatException carries the JSON path of the offending element; add the file and the verdict.
            throw new NotebookFormatException($"{where}: not a Jupyter nbformat 4 notebook: {ex.Message}", sourceName, inner: ex);
        }
    }

    private static Notebook ReadNotebook(JsonNode root, string where)
    {
        if (root is not JsonObject obj)
            throw new FormatException("the document is not a JSON object");
        if (obj["cells"] is not JsonArray cells)
            throw new FormatException("it has no 'cells' array");
        int major = ReadInt(obj["nbformat"], "nbformat") ?? throw new FormatException("it has no 'nbformat' version");
        if (major != Notebook.FormatVersion)
            throw new FormatException($"nbformat {major} is not supported; only nbformat 4 is (convert it with 'jupyter nbconvert --to notebook')");

        var notebook = new Notebook
        {
            FormatMinor = ReadInt(obj["nbformat_minor"], "nbformat_minor") ?? 0,
            Metadata = ReadObject(obj["metadata"], "metadata") ?? new JsonObject(),
            Extra = CopyExtras(obj, NotebookKeys),
        };
        for (int i = 0; i < cells.Count; i++)
            notebook.Cells.Add(ReadCell(cells[i], $"cells[{i}]"));
        return notebook;
    }

    private static NotebookCell ReadCell(JsonNode node, string path)
    {
        if (node is not JsonObject obj)
            throw new FormatException($"{path} is not an object");
        string type = ReadString(obj["cell_type"], $"{path}.cell_type") ?? throw new FormatException($"{path} has no 'cell_type'");
        var cellType = type switch
        {
            "code" => CellType.Code,
            "markdown" => CellType.Markdown,
            "raw" => CellType.Raw,
            _ => throw new FormatException($"{path}.cell_type '{type}' is not code, markdown or raw"),
        };
        var cell = new NotebookCell(cellType, ReadMultiline(obj["source"], $"{path}.source") ?? "")
        {
            Id = ReadString(obj["id"], $"{path}.id"),
            Metadata = ReadObject(obj["metadata"], $"{path}.metadata") ?? new JsonObject(),
            ExecutionCount = ReadInt(obj["execution_count"], $"{path}.execution_count"),
            Attachments = ReadObject(obj["attachments"], $"{path}.attachments"),
            Extra = CopyExtras(obj, CellKeys),
        };
        if (obj["outputs"] is JsonArray outputs)
        {
            for (int i = 0; i < outputs.Count; i++)
                cell.Outputs.Add(ReadOutput(outputs[i], $"{path}.outputs[{i}]"));
        }
        else if (obj["outputs"] != null)
        {
            throw new FormatException($"{path}.outputs is not an array");
        }
        return cell;
    }

    private static CellOutput ReadOutput(JsonNode node, string path)
    {
        if (node is not JsonObject obj)
            throw new FormatException($"{path} is not an object");
        string type = ReadString(obj["output_type"], $"{path}.output_type") ?? throw new FormatException($"{path} has no 'output_type'");
        CellOutput output;
        switch (type)
        {
            case "stream":
                output = new StreamOutput(ReadString(obj["name"], $"{path}.name") ?? "stdout", ReadMultiline(obj["text"], $"{path}.text") ?? "");
                return WithExtras(output, obj, "output_type", "name", "text");
            case "display_data":
                output = ReadBundle(new DisplayDataOutput(), obj, path);
                return WithExtras(output, obj, "output_type", "data", "metadata");
            case "execute_result":
                var result = ReadBundle(new ExecuteResultOutput(), obj, path);
                result.ExecutionCount = ReadInt(obj["execution_count"], $"{path}.execution_count");
                return WithExtras(result, obj, "output_type", "data", "metadata", "execution_count");
            case "error":
                var traceback = obj["traceback"] is JsonArray lines
                    ? lines.Select((l, i) => ReadString(l, $"{path}.traceback[{i}]") ?? "")
                    : Enumerable.Empty<string>();
                output = new ErrorOutput(ReadString(obj["ename"], $"{path}.ename") ?? "", ReadString(obj["evalue"], $"{path}.evalue") ?? "", traceback);
                return WithExtras(output, obj, "output_type", "ename", "evalue", "traceback");
            default:
                throw new FormatException($"{path}.output_type '{type}' is not stream, display_data, execute_result or error");
        }
    }

    private static T ReadBundle<T>(T output, JsonObject obj, string path) where T : DisplayDataOutput
    {
        var data = ReadObject(obj["data"], $"{path}.data") ?? new JsonObject();
        foreach (var (mime, value) in data)
            output.Data[mime] = value?.DeepClone();
        output.Metadata = ReadObject(obj["metadata"], $"{path}.metadata") ?? new JsonObject();
        return output;
    }

    private static CellOutput WithExtras(CellOutput output, JsonObject obj, params string[] known)
    {
        output.Extra = CopyExtras(obj, known.ToHashSet());
        return output;
    }

    private static JsonObject CopyExtras(JsonObject obj, ISet<string> known)
    {
        var extras = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (!known.Contains(key))
                extras[key] = value?.DeepClone();
        }
        return extras;
    }

    private static JsonObject ReadObject(JsonNode node, string path) => node switch
    {
        null => null,
        JsonObject o => (JsonObject)o.DeepClone(),
        _ => throw new FormatException($"{path} is not an object"),
    };

    private static string ReadString(JsonNode node, string path)
    {
        if (node == null)
            return null;
        if (node is JsonValue v && v.TryGetValue(out string s))
            return s;
        throw new FormatException($"{path} is not a string");
    }

    private static int? ReadInt(JsonNode node, string path)
    {
        if (node == null)
            return null;
        if (node is JsonValue v && v.TryGetValue(out int i))
            return i;
        if (node is JsonValue d && d.TryGetValue(out double x) && x == Math.Floor(x) && x >= int.MinValue && x <= int.MaxValue)
            return (int)x;
        throw new FormatException($"{path} is not an integer");
    }

    private static string ReadMultiline(JsonNode node, string path)
    {
        if (node is JsonObject || (node is JsonValue v && !v.TryGetValue(out string _)))
            throw new FormatException($"{path} is neither a string nor an array of strings");
        try
        {
            return MultilineText.Read(node);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"{path}: {ex.Message}", ex);
        }
    }
}
