using System.Text;

namespace GraphTrainer.Runtime;

/// <summary>
/// TensorFlow's print_v2 formatting of a tensor (what tf.print and StringFormat show): numpy-like nested brackets,
/// the first and last <c>summarize</c> entries of each dimension around "...", rows of a matrix on new lines
/// (<c>[[1 2]\n [3 4]]</c>), strings quoted.
/// </summary>
internal static class TensorSummaryV2
{
    public static string Summarize(TensorValue value, int summarize)
    {
        var sb = new StringBuilder();
        if (value.Rank == 0)
        {
            if (value.Length > 0) sb.Append(Element(value, 0));
            return sb.ToString();
        }
        PrintDim(value, 0, summarize < 0 ? int.MaxValue : summarize, 0, sb);
        return sb.ToString();
    }

    // TensorFlow's PrintOneDimV2.
    private static void PrintDim(TensorValue value, int dim, int atEnds, int offset, StringBuilder sb)
    {
        int rank = value.Rank;
        if (dim == rank)
        {
            sb.Append(Element(value, offset));
            return;
        }
        sb.Append('[');
        int count = value.Shape[dim];
        int startOfEnd = Math.Max(atEnds, count - atEnds);
        int perItem = 1;
        for (int i = dim + 1; i < rank; i++) perItem *= value.Shape[i];
        for (int i = 0; i < atEnds && i < count; i++)
        {
            if (i > 0) Spacing(dim, rank, sb);
            PrintDim(value, dim + 1, atEnds, offset + perItem * i, sb);
        }
        if (count > 2L * atEnds)
        {
            Spacing(dim, rank, sb);
            sb.Append("...");
        }
        for (int i = startOfEnd; i < count; i++)
        {
            Spacing(dim, rank, sb);
            PrintDim(value, dim + 1, atEnds, offset + perItem * i, sb);
        }
        sb.Append(']');
    }

    private static void Spacing(int dim, int rank, StringBuilder sb)
    {
        if (dim == rank - 1) { sb.Append(' '); return; }
        sb.Append('\n', rank - dim - 1);
        sb.Append(' ', dim + 1);
    }

    private static string Element(TensorValue value, int i) => value.DType == DType.String
        ? "\"" + TensorSummary.Summarize(TensorValue.StringScalar(((byte[][])value.Data)[i]), 1) + "\""
        : TensorSummary.Summarize(ScalarAt(value, i), 1);

    private static TensorValue ScalarAt(TensorValue v, int i) => v.DType switch
    {
        DType.Float32 => TensorValue.Scalar(v.Span<float>()[i]),
        DType.Float64 => TensorValue.Scalar(v.Span<double>()[i]),
        DType.Int32 => TensorValue.Scalar(v.Span<int>()[i]),
        DType.Int64 => TensorValue.Scalar(v.Span<long>()[i]),
        DType.UInt8 => TensorValue.Scalar(v.Span<byte>()[i]),
        DType.Bool => TensorValue.Scalar(v.Span<bool>()[i]),
        _ => throw new ArgumentOutOfRangeException(nameof(v), v.DType, null),
    };
}
