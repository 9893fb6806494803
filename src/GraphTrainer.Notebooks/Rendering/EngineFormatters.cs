using System.Collections;
using System.Globalization;
using System.Net;
using System.Text;

namespace GraphTrainer.Notebooks;

/// <summary>
/// Formatters for the engine's graph objects, registered with <see cref="Formatters"/> when that class is first used
/// (so every cell and every file-based app that calls <c>display(x)</c> gets them):
/// <list type="bullet">
/// <item><see cref="Tensor"/> and <see cref="RefVariable"/>: name, producing op and its type, dtype, shape (and for a
/// variable whether it is trainable and its initializer), as one line of text and an HTML table.</item>
/// <item><see cref="Operation"/>: name, type, inputs, outputs with dtype and shape, control inputs, attributes.</item>
/// <item><see cref="Graph"/> and any sequence of operations or tensors: one row per item (the first
/// <see cref="MaxRows"/>), e.g. <c>display(tf.get_default_graph())</c> or the gradient ops that <c>minimize</c> added.</item>
/// </list>
/// </summary>
public static class EngineFormatters
{
    /// <summary>Rows shown for a graph or a sequence before the rest is summarised as "... N more".</summary>
    public const int MaxRows = 60;

    /// <summary>Registers the engine formatters (again); <see cref="Formatters"/> calls this itself.</summary>
    public static void Register()
    {
        Formatters.Register<Tensor>(FormatTensor);
        Formatters.Register<RefVariable>(FormatTensor);
        Formatters.Register<Operation>(FormatOperation);
        Formatters.Register<Graph>(FormatGraph);
        Formatters.Register<IEnumerable<Operation>>(ops => FormatOperations(ops.ToList(), null));
        Formatters.Register<IEnumerable<Tensor>>(FormatTensors);
    }

    /// <summary>One line describing a tensor: <c>Tensor 'MatMul:0' op=MatMul dtype=float32 shape=(?, 300)</c>.</summary>
    /// <param name="tensor">The tensor or variable.</param>
    public static string Describe(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        string kind = tensor is RefVariable ? "Variable" : "Tensor";
        var text = $"{kind} '{tensor.name}' op={tensor.op.type} dtype={tensor.dtype.Name()} shape={tensor.shape.ToTupleString()}";
        if (tensor is RefVariable variable)
            text += $" trainable={(variable.trainable ? "True" : "False")}";
        return text;
    }

    private static DisplayOutput FormatTensor(Tensor tensor)
    {
        var rows = new List<(string, string)>
        {
            ("name", tensor.name),
            ("op", $"{tensor.op.name} ({tensor.op.type})"),
            ("dtype", tensor.dtype.Name()),
            ("shape", tensor.shape.ToTupleString()),
            ("consumers", Join(tensor.consumers().Select(c => c.name))),
        };
        if (tensor is RefVariable variable)
        {
            rows.Add(("trainable", variable.trainable ? "True" : "False"));
            rows.Add(("initializer", variable.initializer?.name ?? "<none>"));
        }
        return DisplayOutput.FromHtml(KeyValueTable(tensor is RefVariable ? "tf.Variable" : "tf.Tensor", rows), Describe(tensor));
    }

    private static DisplayOutput FormatOperation(Operation op)
    {
        var rows = new List<(string, string)>
        {
            ("name", op.name),
            ("type", op.type),
            ("inputs", Join(op.inputs.Select(t => t.name))),
            ("outputs", Join(op.outputs.Select(t => $"{t.name} {t.dtype.Name()} {t.shape.ToTupleString()}"))),
            ("control inputs", Join(op.ControlInputs.Select(c => "^" + c.name))),
        };
        foreach (var (key, value) in op.Attrs.OrderBy(a => a.Key, StringComparer.Ordinal))
            rows.Add(("attr " + key, AttrText(value)));
        string text = string.Join("\n", new[] { $"Operation '{op.name}' type={op.type}" }
            .Concat(rows.Skip(2).Where(r => r.Item2.Length > 0).Select(r => $"  {r.Item1}: {r.Item2}")));
        return DisplayOutput.FromHtml(KeyValueTable("tf.Operation", rows), text);
    }

    private static DisplayOutput FormatGraph(Graph graph) =>
        FormatOperations(graph.get_operations(), $"Graph with {graph.get_operations().Length} operations");

    private static DisplayOutput FormatOperations(IReadOnlyList<Operation> ops, string title)
    {
        title ??= $"{ops.Count} operations";
        var rows = ops.Take(MaxRows).Select(op => new[]
        {
            op.name, op.type, Join(op.inputs.Select(t => t.name).Concat(op.ControlInputs.Select(c => "^" + c.name))),
            Join(op.outputs.Select(t => $"{t.dtype.Name()} {t.shape.ToTupleString()}")),
        }).ToList();
        return Table(title, new[] { "name", "type", "inputs", "outputs" }, rows, ops.Count);
    }

    private static DisplayOutput FormatTensors(IEnumerable<Tensor> tensors)
    {
        var list = tensors.ToList();
        var rows = list.Take(MaxRows).Select(t => t == null
            ? new[] { "None", "", "", "" }
            : new[] { t.name, t.op.type, t.dtype.Name(), t.shape.ToTupleString() }).ToList();
        return Table($"{list.Count} tensors", new[] { "name", "op", "dtype", "shape" }, rows, list.Count);
    }

    /// <summary>An aligned text table and an HTML table with the same rows; "... N more" when rows were left out.</summary>
    private static DisplayOutput Table(string title, string[] header, List<string[]> rows, int total)
    {
        var widths = header.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((s, c) => c == cells.Length - 1 ? s : s.PadRight(widths[c]))).TrimEnd();
        var text = new StringBuilder(title).Append('\n').Append(Line(header));
        foreach (var row in rows)
            text.Append('\n').Append(Line(row));

        var html = new StringBuilder($"<div><div><b>{Encode(title)}</b></div><table><thead><tr>");
        foreach (string h in header)
            html.Append("<th>").Append(Encode(h)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
            html.Append("<tr>").Append(string.Concat(row.Select(cell => $"<td>{Encode(cell)}</td>"))).Append("</tr>");
        html.Append("</tbody></table>");
        if (total > rows.Count)
        {
            string more = string.Format(CultureInfo.InvariantCulture, "... {0} more", total - rows.Count);
            text.Append('\n').Append(more);
            html.Append("<div>").Append(Encode(more)).Append("</div>");
        }
        return DisplayOutput.FromHtml(html.Append("</div>").ToString(), text.ToString());
    }

    private static string KeyValueTable(string title, IEnumerable<(string Key, string Value)> rows)
    {
        var html = new StringBuilder($"<table><thead><tr><th colspan=\"2\">{Encode(title)}</th></tr></thead><tbody>");
        foreach (var (key, value) in rows)
            html.Append($"<tr><th style=\"text-align:left\">{Encode(key)}</th><td><code>{Encode(value)}</code></td></tr>");
        return html.Append("</tbody></table>").ToString();
    }

    private static string AttrText(object value) => value switch
    {
        null => "None",
        string s => s,
        bool b => b ? "True" : "False",
        DType d => d.Name(),
        TensorShape s => s.ToTupleString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e => "[" + string.Join(", ", e.Cast<object>().Take(11).Select((v, i) => i == 10 ? "..." : AttrText(v))) + "]",
        _ => $"<{value.GetType().Name}>",
    };

    private static string Join(IEnumerable<string> items) => string.Join(", ", items);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
