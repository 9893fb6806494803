namespace GraphTrainer;

/// <summary>
/// The one place broadcasting is undone in gradients: a gradient flowing to an input that was broadcast
/// is summed over the broadcast axes and reshaped back to the input's shape.
/// </summary>
internal static class BroadcastGradients
{
    /// <summary>Reduces <paramref name="gx"/> and <paramref name="gy"/> to the shapes of the op's inputs 0 and 1.</summary>
    public static Tensor[] Unbroadcast(Operation op, Tensor gx, Tensor gy)
    {
        var x = op.Inputs[0];
        var y = op.Inputs[1];
        var xs = x.shape;
        var ys = y.shape;
        if (xs.IsFullyDefined && ys.IsFullyDefined && xs.Equals(ys)) return new[] { gx, gy };
        // When the broadcast is decidable from the static shapes (e.g. [?,300] + [300]: the bias is summed over
        // axis 0, the matrix gets the gradient as is) no shape ops are needed at run time.
        if (StaticAxes(xs, ys) is { } xAxes && StaticAxes(ys, xs) is { } yAxes)
            return new[] { StaticReduce(gx, xs, xAxes), StaticReduce(gy, ys, yAxes) };
        var g = op.Graph;
        var sx = ArrayOps.Shape(x);
        var sy = ArrayOps.Shape(y);
        var args = g.CreateOp("BroadcastGradientArgs", new[] { sx, sy }, new[] { DType.Int32, DType.Int32 }, "BroadcastGradientArgs",
            new Dictionary<string, object> { ["T"] = DType.Int32 });
        return new[]
        {
            gx == null ? null : ArrayOps.Reshape(ReductionOps.Sum(gx, args.Outputs[0]), sx),
            gy == null ? null : ArrayOps.Reshape(ReductionOps.Sum(gy, args.Outputs[1]), sy),
        };
    }

    // The output axes along which `input` was broadcast against `other`, or null when that depends on run-time
    // sizes: an axis of size 1 is summed unless the other side is 1 there too (an unknown other size may widen it,
    // and summing a size-1 axis is harmless); an unknown size is decidable only when the other side cannot widen it.
    private static int[] StaticAxes(TensorShape input, TensorShape other)
    {
        if (!input.HasRank || !other.HasRank) return null;
        int rank = Math.Max(input.ndim, other.ndim), offset = rank - input.ndim, otherOffset = rank - other.ndim;
        var axes = new List<int>();
        for (int i = 0; i < rank; i++)
        {
            if (i < offset) { axes.Add(i); continue; }
            int d = input.dims[i - offset];
            int o = i < otherOffset ? 1 : other.dims[i - otherOffset];
            if (d == 1 && o != 1) axes.Add(i);
            else if (d < 0 && o != 1) return null;
        }
        // Reshaping the sum back needs the input's full shape.
        return axes.Count == 0 || input.IsFullyDefined ? axes.ToArray() : null;
    }

    // Sums the gradient over the broadcast axes and gives it the input's (fully known) shape; no ops when none.
    private static Tensor StaticReduce(Tensor grad, TensorShape input, int[] axes)
    {
        if (grad == null || axes.Length == 0) return grad;
        var g = grad.graph;
        var summed = ReductionOps.Sum(grad, OpBuilder.IntVector(g, axes));
        return summed.shape.Equals(input) ? summed : ArrayOps.Reshape(summed, OpBuilder.IntVector(g, input.dims));
    }
}
