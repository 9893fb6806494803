using System.Globalization;
using GraphTrainer.Cli.Model;

namespace GraphTrainer.Cli.Training;

/// <summary>The Keras-style model summary printed before training: one row per layer and the parameter total.</summary>
public static class ModelSummary
{
    /// <summary>The summary as text lines.</summary>
    public static IReadOnlyList<string> Lines(IReadOnlyList<LayerSummary> layers)
    {
        var rows = layers.Select(l => (Name: $"{l.Name} ({l.Kind})", l.OutputShape, Params: Count(l.Parameters))).ToList();
        int nameWidth = Math.Max("Layer (type)".Length, rows.Max(r => r.Name.Length)) + 2;
        int shapeWidth = Math.Max("Output shape".Length, rows.Max(r => r.OutputShape.Length)) + 2;
        int paramWidth = Math.Max("Param #".Length, rows.Max(r => r.Params.Length));
        string rule = new('─', nameWidth + shapeWidth + paramWidth);
        var lines = new List<string> { rule, "Layer (type)".PadRight(nameWidth) + "Output shape".PadRight(shapeWidth) + "Param #".PadLeft(paramWidth), rule };
        lines.AddRange(rows.Select(r => r.Name.PadRight(nameWidth) + r.OutputShape.PadRight(shapeWidth) + r.Params.PadLeft(paramWidth)));
        lines.Add(rule);
        lines.Add($"Total params: {Count(layers.Sum(l => l.Parameters))}");
        return lines;
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
