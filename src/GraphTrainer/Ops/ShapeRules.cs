using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>Reusable shape rules; failures throw <see cref="ShapeError"/>, which the graph formats with the op and input shapes.</summary>
internal static class ShapeRules
{
    /// <summary>Output 0 has input 0's shape.</summary>
    public static TensorShape[] SameAsInput0(Operation op) => new[] { op.Inputs[0].shape };

    /// <summary>No outputs.</summary>
    public static TensorShape[] None(Operation op) => Array.Empty<TensorShape>();

    /// <summary>NumPy broadcasting of inputs 0 and 1, with unknown dimensions.</summary>
    public static TensorShape[] Broadcast(Operation op) => new[] { BroadcastShapes(op.Inputs[0].shape, op.Inputs[1].shape) };

    public static TensorShape BroadcastShapes(TensorShape a, TensorShape b)
    {
        if (!a.HasRank || !b.HasRank) return TensorShape.Unknown;
        int rank = Math.Max(a.ndim, b.ndim);
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.ndim ? 1 : a.dims[i - (rank - a.ndim)];
            int db = i < rank - b.ndim ? 1 : b.dims[i - (rank - b.ndim)];
            if (da == 1) dims[i] = db;
            else if (db == 1) dims[i] = da;
            else if (da == -1 || db == -1) dims[i] = Math.Max(da, db) > 1 ? Math.Max(da, db) : -1;
            else if (da == db) dims[i] = da;
            else throw new ShapeError($"Dimensions must be equal, but are {da} and {db}");
        }
        return new TensorShape(dims);
    }

    /// <summary>The shape a shape-valued input (e.g. Fill's dims) denotes, when it is a build-time constant.</summary>
    public static TensorShape FromShapeTensor(Tensor shapeTensor)
    {
        var value = OpBuilder.ConstantValue(shapeTensor);
        if (value != null) return new TensorShape(ValueConversion.ToInt32Array(value));
        return shapeTensor.shape.HasRank && shapeTensor.shape.ndim == 1 && shapeTensor.shape[0] >= 0
            ? new TensorShape(Enumerable.Repeat(-1, shapeTensor.shape[0]).ToArray())
            : TensorShape.Unknown;
    }

    /// <summary>Rank check that names the expected rank, as TensorFlow's "Shape must be rank 2 but is rank 1".</summary>
    public static void RequireRank(TensorShape s, int rank)
    {
        if (s.HasRank && s.ndim != rank) throw new ShapeError($"Shape must be rank {rank} but is rank {s.ndim}");
    }
}
