using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>Split (equal parts), SplitV (given sizes, one may be −1) and Tile: byte-moving kernels for every fixed-size dtype.</summary>
internal static class SplitTileOps
{
    private static readonly DType[] All = ShapeArrayOps.All;

    public static void Register()
    {
        RegisterSplitV();
        OpRegistry.Register(new OpDef
        {
            Type = "Split", DTypes = All, InferShapes = InferSplit, KernelDType = op => op.Inputs[1].dtype,
            Gradient = (op, g) =>
            {
                int axis = ConstInt(op.Inputs[0]) ?? throw new NotSupportedException("Split gradient needs a constant split_dim.");
                return new[] { null, Concat(g.Select((t, i) => t ?? FillOps.ZerosLike(op.Outputs[i])).ToArray(), axis) };
            },
        });
        KernelRegistry.Register("Split", All, SplitKernel);

        OpRegistry.Register(new OpDef { Type = "Tile", DTypes = All, InferShapes = InferTile, Gradient = TileGrad });
        KernelRegistry.Register("Tile", All, TileKernel);

    }

    private static void RegisterSplitV()
    {
        OpRegistry.Register(new OpDef
        {
            Type = "SplitV", DTypes = All, InferShapes = InferSplitV,
            Gradient = (op, g) =>
            {
                int axis = ConstInt(op.Inputs[2]) ?? throw new NotSupportedException("SplitV gradient needs a constant split_dim.");
                return new[] { Concat(g.Select((t, i) => t ?? FillOps.ZerosLike(op.Outputs[i])).ToArray(), axis), null, null };
            },
        });
        KernelRegistry.Register("SplitV", All, SplitVKernel);
    }

    // Sizes with at most one −1, which takes what the others leave of the dimension.
    private static int[] ResolveSizes(int[] sizes, int dim, Func<string, Exception> error)
    {
        var resolved = (int[])sizes.Clone();
        int unknown = Array.IndexOf(resolved, -1);
        if (Array.LastIndexOf(resolved, -1) != unknown) throw error("Only one dimensions can have a value of -1. Second one found at dimension " + Array.LastIndexOf(resolved, -1));
        int known = resolved.Where(v => v != -1).Sum();
        if (unknown >= 0) resolved[unknown] = dim - known;
        if (resolved.Any(v => v < 0) || (dim >= 0 && resolved.Sum() != dim))
            throw error($"Determined shape must either match input shape along split_dim exactly if fully specified, or be less than the size of the input along split_dim if not fully specified.  Got: {resolved.Sum()}");
        return resolved;
    }

    private static TensorShape[] InferSplitV(Operation op)
    {
        var s = op.Inputs[0].shape;
        int num = op.GetAttr<int>("num_split");
        var sizes = OpBuilder.ConstantValue(op.Inputs[1]);
        int? axisValue = ConstInt(op.Inputs[2]);
        if (!s.HasRank || sizes == null || axisValue == null) return Enumerable.Repeat(TensorShape.Unknown, num).ToArray();
        int axis = OpBuilder.NormalizeAxis(axisValue.Value, s.ndim);
        var raw = ValueConversion.ToInt32Array(sizes);
        if (raw.Length != num) throw new ShapeError($"Length of size_splits should be equal to num_split: {raw.Length} vs {num}");
        var resolved = s[axis] < 0 ? raw : ResolveSizes(raw, s[axis], m => new ShapeError(m));
        return resolved.Select(size => { var d = s.as_list(); d[axis] = size; return new TensorShape(d); }).ToArray();
    }

    private static Kernel SplitVKernel(NodeInfo node) => ctx =>
    {
        var x = ctx.Input(0);
        int axis = ctx.Input(2).Span<int>()[0];
        if (axis < 0) axis += x.Rank;
        if (axis < 0 || axis >= x.Rank)
            throw new InvalidArgumentError($"-input rank(-{x.Rank}) <= split_dim < input rank ({x.Rank}), but got {ctx.Input(2).Span<int>()[0]} (node '{node.Name}')");
        var sizes = ResolveSizes(ctx.Input(1).Span<int>().ToArray(), x.Shape[axis], m => new InvalidArgumentError($"{m} (node '{node.Name}')"));
        int size = x.DType.Size();
        int outer = x.Shape.Take(axis).Aggregate(1, (p, v) => p * v);
        int row = x.Shape.Skip(axis + 1).Aggregate(1, (p, v) => p * v) * size;
        var src = x.Bytes;
        int offset = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            var shape = (int[])x.Shape.Clone();
            shape[axis] = sizes[i];
            var dst = ctx.Output(i, shape).Bytes;
            int chunk = sizes[i] * row;
            for (int o = 0; o < outer; o++) src.Slice(o * x.Shape[axis] * row + offset, chunk).CopyTo(dst.Slice(o * chunk, chunk));
            offset += chunk;
        }
    };

    public static Tensor[] SplitV(Tensor value, int[] sizes, int axis, string name = null) =>
        OpBuilder.Op("SplitV", new[] { value, OpBuilder.IntVector(value.graph, sizes, "split/size_splits"), OpBuilder.IntScalar(value.graph, axis, "split/split_dim") },
            Enumerable.Repeat(value.dtype, sizes.Length).ToArray(), name ?? "split", ("T", value.dtype), ("Tlen", DType.Int32), ("num_split", sizes.Length)).Outputs.ToArray();

    private static int? ConstInt(Tensor t) => ShapeArrayOps.ConstInt(t);

    private static Tensor Concat(Tensor[] values, int axis) => ShapeArrayOps.Concat(values, axis);

    // ---- Split ----

    private static TensorShape[] InferSplit(Operation op)
    {
        int num = op.GetAttr<int>("num_split");
        var s = op.Inputs[1].shape;
        int? axisValue = ConstInt(op.Inputs[0]);
        if (!s.HasRank || axisValue == null) return Enumerable.Repeat(s.HasRank ? new TensorShape(Enumerable.Repeat(-1, s.ndim).ToArray()) : TensorShape.Unknown, num).ToArray();
        int axis = OpBuilder.NormalizeAxis(axisValue.Value, s.ndim);
        var dims = s.as_list();
        if (dims[axis] >= 0)
        {
            if (dims[axis] % num != 0)
                throw new ShapeError($"Dimension size must be evenly divisible by {num} but is {dims[axis]}");
            dims[axis] /= num;
        }
        return Enumerable.Repeat(new TensorShape(dims), num).ToArray();
    }

    private static Kernel SplitKernel(NodeInfo node) => ctx =>
    {
        var x = ctx.Input(1);
        int axis = ctx.Input(0).Span<int>()[0];
        if (axis < 0) axis += x.Rank;
        int num = node.OutputDTypes.Length;
        if (axis < 0 || axis >= x.Rank)
            throw new InvalidArgumentError($"-input rank(-{x.Rank}) <= split_dim < input rank ({x.Rank}), but got {ctx.Input(0).Span<int>()[0]} (node '{node.Name}')");
        if (x.Shape[axis] % num != 0)
            throw new InvalidArgumentError($"Number of ways to split should evenly divide the split dimension, but got split_dim {axis} (size = {x.Shape[axis]}) and num_split {num} (node '{node.Name}')");
        var shape = (int[])x.Shape.Clone();
        shape[axis] /= num;
        int size = x.DType.Size();
        int outer = shape.Take(axis).Aggregate(1, (p, v) => p * v);
        int inner = shape.Skip(axis).Aggregate(1, (p, v) => p * v) * size;
        var src = x.Bytes;
        for (int i = 0; i < num; i++)
        {
            var dst = ctx.Output(i, shape).Bytes;
            for (int o = 0; o < outer; o++) src.Slice((o * num + i) * inner, inner).CopyTo(dst.Slice(o * inner, inner));
        }
    };

    // ---- Tile ----

    private static TensorShape[] InferTile(Operation op)
    {
        var s = op.Inputs[0].shape;
        var m = OpBuilder.ConstantValue(op.Inputs[1]);
        if (!s.HasRank) return new[] { TensorShape.Unknown };
        if (m == null) return new[] { new TensorShape(Enumerable.Repeat(-1, s.ndim).ToArray()) };
        var multiples = ValueConversion.ToInt32Array(m);
        if (multiples.Length != s.ndim) throw new ShapeError($"Shape must be rank {s.ndim} but is rank {multiples.Length}");
        return new[] { new TensorShape(s.dims.Select((d, k) => d < 0 ? -1 : d * multiples[k]).ToArray()) };
    }

    private static Kernel TileKernel(NodeInfo node) => ctx =>
    {
        var x = ctx.Input(0);
        var multiples = ctx.Input(1).Span<int>();
        if (multiples.Length != x.Rank)
            throw new InvalidArgumentError($"Expected multiples argument to be a vector of length {x.Rank} but got length {multiples.Length} (node '{node.Name}')");
        var shape = new int[x.Rank];
        for (int k = 0; k < x.Rank; k++)
        {
            if (multiples[k] < 0) throw new InvalidArgumentError($"Expected multiples[{k}] >= 0, but got {multiples[k]} (node '{node.Name}')");
            shape[k] = x.Shape[k] * multiples[k];
        }
        var d = ctx.Output(0, shape);
        if (d.Length == 0) return;
        int size = x.DType.Size();
        var src = x.Bytes;
        var dst = d.Bytes;
        Span<int> index = stackalloc int[x.Rank];
        index.Clear();
        for (int i = 0; i < d.Length; i++)
        {
            int offset = 0;
            for (int k = 0; k < x.Rank; k++) offset = offset * x.Shape[k] + index[k] % x.Shape[k];
            src.Slice(offset * size, size).CopyTo(dst.Slice(i * size, size));
            Runtime.Cpu.Broadcasting.Advance(index, shape);
        }
    };

    // Sums the tiles back, one axis at a time: [A, m·d, B] viewed as [A, m, d·B] and summed over m (static shapes needed).
    private static Tensor[] TileGrad(Operation op, Tensor[] g)
    {
        var x = op.Inputs[0];
        var m = OpBuilder.ConstantValue(op.Inputs[1]);
        if (!x.shape.IsFullyDefined || m == null) throw new NotSupportedException($"Gradient of '{op.Name}' needs a fully known input shape and constant multiples.");
        var multiples = ValueConversion.ToInt32Array(m);
        var dims = x.shape.dims;
        var current = g[0];
        var shape = dims.Select((d, k) => d * multiples[k]).ToArray();
        for (int k = 0; k < dims.Length; k++)
        {
            if (multiples[k] == 1) continue;
            int before = shape.Take(k).Aggregate(1, (p, v) => p * v);
            int after = dims[k] * shape.Skip(k + 1).Aggregate(1, (p, v) => p * v);
            var viewed = ArrayOps.Reshape(current, OpBuilder.IntVector(op.Graph, new[] { before, multiples[k], after }));
            current = ReductionOps.Sum(viewed, OpBuilder.IntVector(op.Graph, new[] { 1 }));
            shape[k] = dims[k];
            current = ArrayOps.Reshape(current, OpBuilder.IntVector(op.Graph, shape));
        }
        return new[] { current, null };
    }

    // ---- builders ----

    public static Tensor[] Split(Tensor value, int numSplit, int axis, string name = null) =>
        OpBuilder.Op("Split", new[] { OpBuilder.IntScalar(value.graph, axis, "split/split_dim"), value }, Enumerable.Repeat(value.dtype, numSplit).ToArray(),
            name ?? "split", ("T", value.dtype), ("num_split", numSplit)).Outputs.ToArray();

    public static Tensor Tile(Tensor input, Tensor multiples, string name = null) =>
        OpBuilder.Op1("Tile", new[] { input, multiples }, input.dtype, name ?? "Tile", ("T", input.dtype), ("Tmultiples", DType.Int32));
}
