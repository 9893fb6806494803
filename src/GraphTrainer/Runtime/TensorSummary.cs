using System.Globalization;
using System.Text;

namespace GraphTrainer.Runtime;

/// <summary>
/// TensorFlow's Tensor::SummarizeValue, the text Print and Assert show for a tensor: the first
/// <c>maxEntries</c> elements in nested brackets for rank ≥ 2 (<c>[1 2][3 4]</c>), space separated, "..." when
/// truncated; floats in C's shortest round-tripping %g form (6 significant digits if exact, else 9; 15/17 for double).
/// </summary>
internal static class TensorSummary
{
    public static string Summarize(TensorValue value, int maxEntries)
    {
        int count = value.Length;
        int limit = maxEntries < 0 ? count : Math.Min(maxEntries, count);
        var sb = new StringBuilder();
        if (value.Rank == 0)
        {
            if (limit > 0) sb.Append(Element(value, 0));
        }
        else
        {
            int index = 0;
            PrintDim(value, 0, limit, ref index, sb);
        }
        if (count > limit) sb.Append("...");
        return sb.ToString();
    }

    // TensorFlow's PrintOneDim: inner dimensions are bracketed; the last one prints its elements.
    private static void PrintDim(TensorValue value, int dim, int limit, ref int index, StringBuilder sb)
    {
        if (index >= limit) return;
        int n = value.Shape[dim];
        if (dim == value.Rank - 1)
        {
            for (int i = 0; i < n; i++)
            {
                if (index >= limit) return;
                if (i > 0) sb.Append(' ');
                sb.Append(Element(value, index++));
            }
            return;
        }
        for (int i = 0; i < n; i++)
        {
            bool opened = false;
            if (index < limit) { sb.Append('['); opened = true; }
            PrintDim(value, dim + 1, limit, ref index, sb);
            if (index < limit || opened) sb.Append(']');
        }
    }

    private static string Element(TensorValue value, int i) => value.DType switch
    {
        DType.Float32 => Float(value.Span<float>()[i]),
        DType.Float64 => Double(value.Span<double>()[i]),
        DType.Int32 => value.Span<int>()[i].ToString(CultureInfo.InvariantCulture),
        DType.Int64 => value.Span<long>()[i].ToString(CultureInfo.InvariantCulture),
        DType.UInt8 => value.Span<byte>()[i].ToString(CultureInfo.InvariantCulture),
        DType.Bool => value.Span<bool>()[i] ? "1" : "0",
        DType.String => Escape(Encoding.UTF8.GetString(((byte[][])value.Data)[i])),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.DType, null),
    };

    /// <summary>A float as TensorFlow's StrCat writes it: %.6g when that round-trips, else %.9g.</summary>
    public static string Float(float f)
    {
        if (float.IsNaN(f)) return "nan";
        if (float.IsInfinity(f)) return f > 0 ? "inf" : "-inf";
        string s = f.ToString("g6", CultureInfo.InvariantCulture);
        return float.Parse(s, CultureInfo.InvariantCulture) == f ? s : f.ToString("g9", CultureInfo.InvariantCulture);
    }

    /// <summary>A double as TensorFlow's StrCat writes it: %.15g when that round-trips, else %.17g.</summary>
    public static string Double(double d)
    {
        if (double.IsNaN(d)) return "nan";
        if (double.IsInfinity(d)) return d > 0 ? "inf" : "-inf";
        string s = d.ToString("g15", CultureInfo.InvariantCulture);
        return double.Parse(s, CultureInfo.InvariantCulture) == d ? s : d.ToString("g17", CultureInfo.InvariantCulture);
    }

    // TensorFlow's CEscape of string elements.
    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t")
        .Replace("\"", "\\\"").Replace("'", "\\'");
}
