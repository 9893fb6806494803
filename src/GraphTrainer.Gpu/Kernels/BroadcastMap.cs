using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer.Gpu;

/// <summary>Where one output element of a broadcast reads its two operands.</summary>
internal struct BroadcastOffsets
{
    /// <summary>Element index into the first operand.</summary>
    public int X;
    /// <summary>Element index into the second operand.</summary>
    public int Y;
}

/// <summary>
/// NumPy broadcasting as a kernel parameter: the output's dimensions and each operand's element stride per dimension
/// (0 where the operand is broadcast), innermost dimension first (D0). The host merges adjacent dimensions that every
/// operand walks the same way, so [b,h,w,c] op [c] becomes two dimensions and [n,1] op [1,m] two; up to
/// <see cref="MaxRank"/> merged dimensions are supported, more than any broadcast met in practice needs.
/// </summary>
internal struct BroadcastMap
{
    /// <summary>The most dimensions a map holds after merging.</summary>
    public const int MaxRank = 8;

    /// <summary>Dimensions in use (0 for a scalar output).</summary>
    public int Rank;
    public int D0, D1, D2, D3, D4, D5, D6, D7;
    public int X0, X1, X2, X3, X4, X5, X6, X7;
    public int Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7;

    /// <summary>The operands' element indices for output element <paramref name="i"/> (straight-line code: no arrays on the device).</summary>
    public readonly BroadcastOffsets Locate(int i)
    {
        var o = default(BroadcastOffsets);
        if (Rank > 0) i = Step(i, D0, X0, Y0, ref o);
        if (Rank > 1) i = Step(i, D1, X1, Y1, ref o);
        if (Rank > 2) i = Step(i, D2, X2, Y2, ref o);
        if (Rank > 3) i = Step(i, D3, X3, Y3, ref o);
        if (Rank > 4) i = Step(i, D4, X4, Y4, ref o);
        if (Rank > 5) i = Step(i, D5, X5, Y5, ref o);
        if (Rank > 6) i = Step(i, D6, X6, Y6, ref o);
        if (Rank > 7) Step(i, D7, X7, Y7, ref o);
        return o;
    }

    private static int Step(int i, int dim, int xStride, int yStride, ref BroadcastOffsets o)
    {
        int q = i / dim;
        int k = i - q * dim;
        o.X += k * xStride;
        o.Y += k * yStride;
        return q;
    }

    /// <summary>
    /// The map for an output of <paramref name="outShape"/> read from operands of <paramref name="xShape"/> and
    /// <paramref name="yShape"/> (both broadcastable to it; pass <paramref name="xShape"/> twice for a one-operand copy).
    /// </summary>
    public static BroadcastMap Create(ReadOnlySpan<int> outShape, ReadOnlySpan<int> xShape, ReadOnlySpan<int> yShape, string nodeName)
    {
        int rank = outShape.Length;
        Span<int> xs = stackalloc int[rank], ys = stackalloc int[rank];
        Broadcasting.BroadcastStrides(xShape, outShape, xs);
        Broadcasting.BroadcastStrides(yShape, outShape, ys);
        Span<int> dims = stackalloc int[rank], mx = stackalloc int[rank], my = stackalloc int[rank];
        int n = 0;
        // Innermost first: a dimension joins the group below it when both operands continue that group's stride.
        for (int k = rank - 1; k >= 0; k--)
        {
            int d = outShape[k];
            if (d == 1) continue;
            if (n > 0 && xs[k] == mx[n - 1] * dims[n - 1] && ys[k] == my[n - 1] * dims[n - 1])
            {
                dims[n - 1] *= d;
                continue;
            }
            dims[n] = d;
            mx[n] = xs[k];
            my[n] = ys[k];
            n++;
        }
        if (n > MaxRank)
            throw new InvalidArgumentError(
                $"Broadcasting {TensorValue.ShapeString(xShape)} against {TensorValue.ShapeString(yShape)} needs {n} dimensions after merging; the GPU kernels support {MaxRank} (node '{nodeName}').");
        var map = new BroadcastMap { Rank = n };
        for (int j = 0; j < n; j++) map.Set(j, dims[j], mx[j], my[j]);
        return map;
    }

    private void Set(int j, int dim, int x, int y)
    {
        switch (j)
        {
            case 0: D0 = dim; X0 = x; Y0 = y; break;
            case 1: D1 = dim; X1 = x; Y1 = y; break;
            case 2: D2 = dim; X2 = x; Y2 = y; break;
            case 3: D3 = dim; X3 = x; Y3 = y; break;
            case 4: D4 = dim; X4 = x; Y4 = y; break;
            case 5: D5 = dim; X5 = x; Y5 = y; break;
            case 6: D6 = dim; X6 = x; Y6 = y; break;
            default: D7 = dim; X7 = x; Y7 = y; break;
        }
    }
}
