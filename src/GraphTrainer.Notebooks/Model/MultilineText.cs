using System.Text.Json.Nodes;

namespace GraphTrainer.Notebooks;

/// <summary>
/// nbformat's "multiline string": either one string or an array of lines that are concatenated
/// (each line keeps its trailing <c>\n</c>).
/// </summary>
internal static class MultilineText
{
    /// <summary>Joins a string or array-of-strings node; throws <see cref="FormatException"/> for anything else.</summary>
    public static string Read(JsonNode node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue value when value.TryGetValue(out string text):
                return text;
            case JsonArray lines:
                return string.Concat(lines.Select(line =>
                    line is JsonValue v && v.TryGetValue(out string s)
                        ? s
                        : throw new FormatException("expected an array of strings")));
            default:
                // JSON mime types (application/json) hold objects; their text is the JSON itself.
                return node.ToJsonString();
        }
    }

    /// <summary>Splits text into lines that keep their <c>\n</c>, as Jupyter writes sources and text outputs.</summary>
    public static JsonArray ToLines(string text)
    {
        var array = new JsonArray();
        if (string.IsNullOrEmpty(text))
            return array;
        int start = 0;
        while (start < text.Length)
        {
            int newline = text.IndexOf('\n', start);
            int end = newline < 0 ? text.Length : newline + 1;
            array.Add(text.Substring(start, end - start));
            start = end;
        }
        return array;
    }
}
