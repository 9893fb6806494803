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
        if (xs.IsFullyDefined && ys.IsFullyDefined)
        {
            if (xs.Equals(ys)) return new[] { gx, gy };
            var outShape = ShapeRules.BroadcastShapes(xs, ys);
            return new[] { StaticReduce(gx, xs, outShape), StaticReduce(gy, ys, outShape) };
        }
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

    // With fully known shapes the reduction axes are known at build time, and unchanged inputs need no ops.
    private static Tensor StaticReduce(Tensor grad, TensorShape input, TensorShape output)
    {
        if (grad == null) return null;
        int offset = output.ndim - input.ndim;
        var axes = new List<int>();
        for (int i = 0; i < output.ndim; i++)
            if (i < offset || (input.dims[i - offset] == 1 && output.dims[i] != 1)) axes.Add(i);
        if (axes.Count == 0) return grad;
        var g = grad.graph;
        var summed = ReductionOps.Sum(grad, OpBuilder.IntVector(g, axes.ToArray()));
        return ArrayOps.Reshape(summed, OpBuilder.IntVector(g, input.dims));
    }
}
