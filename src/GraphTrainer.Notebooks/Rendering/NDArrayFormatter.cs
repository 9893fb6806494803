using System.Globalization;
using System.Net;
using System.Text;
using NumSharp;

namespace GraphTrainer.Notebooks;

/// <summary>
/// Formats a NumSharp <see cref="NDArray"/> like numpy's <c>print</c>: nested brackets, columns aligned, and axes
/// longer than the limits summarised with <c>...</c> (first and last halves shown). The HTML form is a table for
/// 1-D and 2-D arrays and the text form in a <c>&lt;pre&gt;</c> block for higher ranks.
/// </summary>
public static class NDArrayFormatter
{
    /// <summary>Default number of entries shown along each non-last axis before summarising.</summary>
    public const int DefaultMaxRows = 10;

    /// <summary>Default number of entries shown along the last axis before summarising.</summary>
    public const int DefaultMaxColumns = 10;

    private const int Ellipsis = -1;

    /// <summary>Formats <paramref name="array"/> as <c>text/plain</c> and <c>text/html</c>.</summary>
    /// <param name="array">The array.</param>
    /// <param name="maxRows">Entries shown along each non-last axis before <c>...</c>.</param>
    /// <param name="maxColumns">Entries shown along the last axis before <c>...</c>.</param>
    public static DisplayOutput Format(NDArray array, int maxRows = DefaultMaxRows, int maxColumns = DefaultMaxColumns)
    {
        ArgumentNullException.ThrowIfNull(array);
        var view = new View(array, Math.Max(2, maxRows), Math.Max(2, maxColumns));
        string header = $"NDArray {DTypeName(array.dtype)} shape=({string.Join(", ", view.Shape)}{(view.Shape.Length == 1 ? "," : "")})";
        string text = header + "\n" + view.Text();
        string html = $"<div><div><code>{WebUtility.HtmlEncode(header)}</code></div>{view.Html(text)}</div>";
        return DisplayOutput.FromHtml(html, text);
    }

    /// <summary>The numpy name of a NumSharp element type (<c>float32</c>, <c>int64</c>, ...).</summary>
    /// <param name="type">The .NET element type.</param>
    public static string DTypeName(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Single => "float32",
        TypeCode.Double => "float64",
        TypeCode.Decimal => "decimal",
        TypeCode.Int16 => "int16",
        TypeCode.Int32 => "int32",
        TypeCode.Int64 => "int64",
        TypeCode.UInt16 => "uint16",
        TypeCode.UInt32 => "uint32",
        TypeCode.UInt64 => "uint64",
        TypeCode.Byte => "uint8",
        TypeCode.Boolean => "bool",
        TypeCode.Char => "char",
        _ => type.Name,
    };

    /// <summary>The indices shown along an axis of length <paramref name="length"/>, <see cref="Ellipsis"/> marking the gap.</summary>
    private static int[] Shown(int length, int max)
    {
        if (length <= max)
            return Enumerable.Range(0, length).ToArray();
        int head = (max + 1) / 2, tail = max / 2;
        return Enumerable.Range(0, head).Append(Ellipsis).Concat(Enumerable.Range(length - tail, tail)).ToArray();
    }

    private static string FormatElement(object value) => value switch
    {
        float f => f.ToString("G6", CultureInfo.InvariantCulture),
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        bool b => b ? "True" : "False",
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };

    /// <summary>The shown elements of one array, pre-formatted so that columns share a width.</summary>
    private sealed class View
    {
        private readonly int[][] _shown;
        private readonly Dictionary<string, string> _cells = new();
        private readonly int _width;

        public View(NDArray array, int maxRows, int maxColumns)
        {
            Shape = array.shape.Select(d => (int)d).ToArray();
            int rank = Shape.Length;
            _shown = Shape.Select((n, axis) => Shown(n, axis == rank - 1 ? maxColumns : maxRows)).ToArray();
            if (rank == 0)
            {
                _cells[""] = FormatElement(array.GetAtIndex(0));
            }
            else
            {
                foreach (var index in ShownIndices(0, new int[rank]))
                    _cells[Key(index)] = FormatElement(array.GetValue(index));
            }
            _width = _cells.Count == 0 ? 0 : _cells.Values.Max(s => s.Length);
        }

        public int[] Shape { get; }

        public string Text()
        {
            if (Shape.Length == 0)
                return _cells[""];
            return Render(new List<int>(), 0);
        }

        public string Html(string text)
        {
            if (Shape.Length == 0 || Shape.Length > 2)
                return $"<pre>{WebUtility.HtmlEncode(text)}</pre>";
            var rows = Shape.Length == 1 ? new[] { -2 } : _shown[0];
            var cols = _shown[^1];
            var html = new StringBuilder("<table><thead><tr><th></th>");
            foreach (int c in cols)
                html.Append(c == Ellipsis ? "<th>…</th>" : $"<th>{c}</th>");
            html.Append("</tr></thead><tbody>");
            foreach (int r in rows)
            {
                html.Append(r == Ellipsis ? "<tr><th>…</th>" : $"<tr><th>{Math.Max(r, 0)}</th>");
                foreach (int c in cols)
                {
                    string cell = r == Ellipsis || c == Ellipsis ? "…"
                        : WebUtility.HtmlEncode(_cells[Key(Shape.Length == 1 ? new[] { c } : new[] { r, c })]);
                    html.Append($"<td>{cell}</td>");
                }
                html.Append("</tr>");
            }
            return html.Append("</tbody></table>").ToString();
        }

        private string Render(List<int> prefix, int axis)
        {
            int rank = Shape.Length;
            if (axis == rank - 1)
            {
                var items = _shown[axis].Select(i =>
                    i == Ellipsis ? "..." : _cells[Key(prefix.Append(i).ToArray())].PadLeft(_width));
                return "[" + string.Join(" ", items) + "]";
            }
            // numpy separates sub-arrays by one newline per remaining axis and indents by the nesting depth.
            string separator = new string('\n', rank - axis - 1) + new string(' ', axis + 1);
            var parts = _shown[axis].Select(i =>
            {
                if (i == Ellipsis)
                    return "...";
                prefix.Add(i);
                string part = Render(prefix, axis + 1);
                prefix.RemoveAt(prefix.Count - 1);
                return part;
            });
            return "[" + string.Join(separator, parts) + "]";
        }

        private IEnumerable<int[]> ShownIndices(int axis, int[] index)
        {
            if (axis == index.Length)
            {
                yield return (int[])index.Clone();
                yield break;
            }
            foreach (int i in _shown[axis])
            {
                if (i == Ellipsis)
                    continue;
                index[axis] = i;
                foreach (var full in ShownIndices(axis + 1, index))
                    yield return full;
            }
        }

        private static string Key(int[] index) => string.Join(",", index);
    }
}
