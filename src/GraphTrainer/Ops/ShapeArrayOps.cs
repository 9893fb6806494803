using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>
/// Array ops that rearrange whole blocks: StopGradient, Squeeze, Rank, Pack (stack), Unpack (unstack) and ConcatV2
/// (Split, SplitV and Tile are in <see cref="SplitTileOps"/>). Kernels move bytes, so one kernel serves every fixed-size dtype.
/// </summary>
internal static class ShapeArrayOps
{
    internal static readonly DType[] All = { DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt8, DType.Bool };

    public static void Register()
    {
        OpRegistry.Register(new OpDef { Type = "StopGradient", DTypes = All, InferShapes = ShapeRules.SameAsInput0, NotDifferentiable = true, AliasesOutputs = true });
        KernelRegistry.Register("StopGradient", All, _ => ctx => ctx.SetOutput(0, ctx.Input(0)), KernelRegistry.AnyDevice);

        OpRegistry.Register(new OpDef
        {
            Type = "Squeeze", DTypes = All, InferShapes = InferSqueeze, AliasesOutputs = true,
            Gradient = (op, g) => new[] { ArrayOps.Reshape(g[0], ArrayOps.Shape(op.Inputs[0])) },
        });
        KernelRegistry.Register("Squeeze", All, node => ctx =>
        {
            var x = ctx.Input(0);
            var dims = SqueezedDims(x.Shape, node.Attr<int[]>("squeeze_dims") ?? Array.Empty<int>(), node.Name, run: true);
            ctx.OutputView(0, x, dims);
        });

        OpRegistry.Register(new OpDef { Type = "Rank", DTypes = All, NotDifferentiable = true, InferShapes = _ => new[] { TensorShape.Scalar } });
        KernelRegistry.Register("Rank", All, _ => ctx => ctx.Output(0, ReadOnlySpan<int>.Empty).Span<int>()[0] = ctx.Input(0).Rank);
        KernelRegistry.SetShapeOnlyInputs("Rank", 0);

        OpRegistry.Register(new OpDef
        {
            Type = "Pack", DTypes = All, InferShapes = InferPack,
            Gradient = (op, g) => Unpack(g[0], op.Inputs.Length, op.GetAttr<int>("axis")),
        });
        KernelRegistry.Register("Pack", All, PackKernel);

        OpRegistry.Register(new OpDef
        {
            Type = "Unpack", DTypes = All, InferShapes = InferUnpack,
            Gradient = (op, g) => new[] { Pack(g.Select((t, i) => t ?? FillOps.ZerosLike(op.Outputs[i])).ToArray(), op.GetAttr<int>("axis")) },
        });
        KernelRegistry.Register("Unpack", All, UnpackKernel);

        // Concat's gradient slices the incoming gradient back into the inputs' extents along the axis.
        OpRegistry.Register(new OpDef
        {
            Type = "ConcatV2", DTypes = All, InferShapes = InferConcat, Gradient = ConcatGrad,
        });
        KernelRegistry.Register("ConcatV2", All, ConcatKernel);

    }

    internal static int? ConstInt(Tensor t)
    {
        var v = OpBuilder.ConstantValue(t);
        return v == null ? null : ValueConversion.ToInt32Array(v)[0];
    }

    // ---- Squeeze ----

    private static TensorShape[] InferSqueeze(Operation op)
    {
        var s = op.Inputs[0].shape;
        if (!s.HasRank) return new[] { TensorShape.Unknown };
        var squeeze = op.GetAttr<int[]>("squeeze_dims");
        if (squeeze.Length == 0 && s.dims.Any(d => d < 0)) return new[] { TensorShape.Unknown };
        return new[] { new TensorShape(SqueezedDims(s.dims, squeeze, op.Name, run: false)) };
    }

    private static int[] SqueezedDims(int[] shape, int[] squeeze, string nodeName, bool run)
    {
        var axes = squeeze.Select(a => a < -shape.Length || a >= shape.Length
            ? throw (run ? new InvalidArgumentError($"Tried to squeeze dim index {a} for tensor with {shape.Length} dimensions. (node '{nodeName}')")
                         : (Exception)new ShapeError($"Tried to squeeze dim index {a} for tensor with {shape.Length} dimensions."))
            : a < 0 ? a + shape.Length : a).ToHashSet();
        var dims = new List<int>();
        for (int k = 0; k < shape.Length; k++)
        {
            if (axes.Count == 0 ? shape[k] == 1 : axes.Contains(k))
            {
                if (shape[k] != 1 && shape[k] >= 0)
                {
                    string message = $"Can not squeeze dim[{k}], expected a dimension of 1, got {shape[k]}";
                    throw run ? new InvalidArgumentError($"{message} (node '{nodeName}')") : new ShapeError(message);
                }
                continue;
            }
            dims.Add(shape[k]);
        }
        return dims.ToArray();
    }

    // ---- Pack / Unpack ----

    private static TensorShape[] InferPack(Operation op)
    {
        var first = op.Inputs[0].shape;
        foreach (var (t, i) in op.Inputs.Select((t, i) => (t, i)))
            if (!t.shape.IsCompatibleWith(first))
                throw new ShapeError($"Shapes of all inputs must match: values[0].shape = {first} != values[{i}].shape = {t.shape}");
        var known = op.Inputs.Select(t => t.shape).FirstOrDefault(s => s.HasRank);
        if (known == null) return new[] { TensorShape.Unknown };
        int axis = op.GetAttr<int>("axis");
        int a = axis < 0 ? axis + known.ndim + 1 : axis;
        if (a < 0 || a > known.ndim) throw new ShapeError($"Argument axis = {axis} not in range [{-known.ndim - 1}, {known.ndim + 1})");
        var dims = known.dims.ToList();
        dims.Insert(a, op.Inputs.Length);
        return new[] { new TensorShape(dims.ToArray()) };
    }

    private static TensorShape[] InferUnpack(Operation op)
    {
        var s = op.Inputs[0].shape;
        int num = op.GetAttr<int>("num");
        if (!s.HasRank) return Enumerable.Repeat(TensorShape.Unknown, num).ToArray();
        int a = OpBuilder.NormalizeAxis(op.GetAttr<int>("axis"), s.ndim);
        if (s[a] >= 0 && s[a] != num) throw new ShapeError($"Dimension must be {num} but is {s[a]}");
        var dims = s.dims.Where((_, k) => k != a).ToArray();
        return Enumerable.Repeat(new TensorShape(dims), num).ToArray();
    }

    private static Kernel PackKernel(NodeInfo node) => ctx =>
    {
        var first = ctx.Input(0);
        int n = ctx.InputCount;
        for (int i = 1; i < n; i++)
            if (!ctx.Input(i).Shape.AsSpan().SequenceEqual(first.Shape))
                throw new InvalidArgumentError($"Shapes of all inputs must match: values[0].shape = {TensorValue.ShapeString(first.Shape)} != values[{i}].shape = {TensorValue.ShapeString(ctx.Input(i).Shape)} (node '{node.Name}')");
        int axis = node.Attr("axis", 0);
        if (axis < 0) axis += first.Rank + 1;
        var shape = first.Shape.ToList();
        shape.Insert(axis, n);
        var d = ctx.Output(0, shape.ToArray());
        int size = first.DType.Size();
        int inner = first.Shape.Skip(axis).Aggregate(1, (p, x) => p * x) * size;
        int outer = first.Shape.Take(axis).Aggregate(1, (p, x) => p * x);
        var dst = d.Bytes;
        for (int i = 0; i < n; i++)
        {
            var src = ctx.Input(i).Bytes;
            for (int o = 0; o < outer; o++) src.Slice(o * inner, inner).CopyTo(dst.Slice((o * n + i) * inner, inner));
        }
    };

    private static Kernel UnpackKernel(NodeInfo node) => ctx =>
    {
        var x = ctx.Input(0);
        int axis = node.Attr("axis", 0);
        if (axis < 0) axis += x.Rank;
        int n = x.Shape[axis];
        int num = node.OutputDTypes.Length;
        if (n != num) throw new InvalidArgumentError($"Input shape axis {axis} must equal {num}, got shape {TensorValue.ShapeString(x.Shape)} (node '{node.Name}')");
        var shape = x.Shape.Where((_, k) => k != axis).ToArray();
        int size = x.DType.Size();
        int inner = x.Shape.Skip(axis + 1).Aggregate(1, (p, v) => p * v) * size;
        int outer = x.Shape.Take(axis).Aggregate(1, (p, v) => p * v);
        var src = x.Bytes;
        for (int i = 0; i < n; i++)
        {
            var dst = ctx.Output(i, shape).Bytes;
            for (int o = 0; o < outer; o++) src.Slice((o * n + i) * inner, inner).CopyTo(dst.Slice(o * inner, inner));
        }
    };

    // ---- ConcatV2 ----

    private static TensorShape[] InferConcat(Operation op)
    {
        var values = op.Inputs[..^1];
        int? axisValue = ConstInt(op.Inputs[^1]);
        var known = values.Select(v => v.shape).FirstOrDefault(s => s.HasRank);
        if (known == null || axisValue == null) return new[] { known == null ? TensorShape.Unknown : new TensorShape(Enumerable.Repeat(-1, known.ndim).ToArray()) };
        int rank = known.ndim;
        int axis = axisValue.Value < -rank || axisValue.Value >= rank
            ? throw new ShapeError($"Expected concatenating dimensions in the range [{-rank}, {rank}), but got {axisValue.Value}")
            : axisValue.Value < 0 ? axisValue.Value + rank : axisValue.Value;
        var dims = known.as_list();
        dims[axis] = 0;
        foreach (var v in values)
        {
            if (!v.shape.HasRank) { dims[axis] = -1; continue; }
            if (v.shape.ndim != rank) throw new ShapeError($"Shape must be rank {rank} but is rank {v.shape.ndim}");
            for (int k = 0; k < rank; k++)
            {
                if (k == axis) { dims[k] = dims[k] < 0 || v.shape[k] < 0 ? -1 : dims[k] + v.shape[k]; continue; }
                if (dims[k] >= 0 && v.shape[k] >= 0 && dims[k] != v.shape[k])
                    throw new ShapeError($"Dimension {k} in both shapes must be equal, but are {dims[k]} and {v.shape[k]}. Shapes are {known} and {v.shape}.");
                if (dims[k] < 0) dims[k] = v.shape[k];
            }
        }
        return new[] { new TensorShape(dims) };
    }

    private static Kernel ConcatKernel(NodeInfo node) => ctx =>
    {
        int n = ctx.InputCount - 1;
        var first = ctx.Input(0);
        int rank = first.Rank;
        int axis = ctx.Input(n).Span<int>()[0];
        if (axis < -rank || axis >= rank)
            throw new InvalidArgumentError($"ConcatOp : Expected concatenating dimensions in the range [{-rank}, {rank}), but got {axis} (node '{node.Name}')");
        if (axis < 0) axis += rank;
        var shape = (int[])first.Shape.Clone();
        shape[axis] = 0;
        for (int i = 0; i < n; i++)
        {
            var s = ctx.Input(i).Shape;
            for (int k = 0; k < rank; k++)
                if (k != axis && (s.Length != rank || s[k] != first.Shape[k]))
                    throw new InvalidArgumentError($"ConcatOp : Dimensions of inputs should match: shape[0] = {TensorValue.ShapeString(first.Shape)} vs. shape[{i}] = {TensorValue.ShapeString(s)} (node '{node.Name}')");
            shape[axis] += s[axis];
        }
        var dst = ctx.Output(0, shape).Bytes;
        int size = first.DType.Size();
        int outer = shape.Take(axis).Aggregate(1, (p, v) => p * v);
        int rowBytes = shape.Skip(axis).Aggregate(1, (p, v) => p * v) * size;
        int offset = 0;
        for (int i = 0; i < n; i++)
        {
            var x = ctx.Input(i);
            int inner = x.Shape.Skip(axis).Aggregate(1, (p, v) => p * v) * size;
            var src = x.Bytes;
            for (int o = 0; o < outer; o++) src.Slice(o * inner, inner).CopyTo(dst.Slice(o * rowBytes + offset, inner));
            offset += inner;
        }
    };

    private static Tensor[] ConcatGrad(Operation op, Tensor[] g)
    {
        var values = op.Inputs[..^1];
        int? axisValue = ConstInt(op.Inputs[^1]);
        if (axisValue == null || values.Any(v => !v.shape.HasRank)) throw new NotSupportedException($"Gradient of '{op.Name}' needs a constant axis and inputs of known rank.");
        int rank = values[0].shape.ndim;
        int axis = axisValue.Value < 0 ? axisValue.Value + rank : axisValue.Value;
        var grads = new Tensor[op.Inputs.Length];
        int offset = 0;
        for (int i = 0; i < values.Length; i++)
        {
            int extent = values[i].shape[axis];
            if (extent < 0) throw new NotSupportedException($"Gradient of '{op.Name}' needs every input's size along axis {axis} to be known.");
            var begin = new int[rank];
            var size = Enumerable.Repeat(-1, rank).ToArray();
            begin[axis] = offset;
            size[axis] = extent;
            grads[i] = SliceOps.Slice(g[0], OpBuilder.IntVector(op.Graph, begin), OpBuilder.IntVector(op.Graph, size));
            offset += extent;
        }
        return grads;
    }

    // ---- builders ----

    public static Tensor StopGradient(Tensor x, string name = null) =>
        OpBuilder.Op1("StopGradient", new[] { x }, x.dtype, name ?? "StopGradient", ("T", x.dtype));

    public static Tensor Squeeze(Tensor x, int[] axis, string name = null) =>
        OpBuilder.Op1("Squeeze", new[] { x }, x.dtype, name ?? "Squeeze", ("T", x.dtype), ("squeeze_dims", axis ?? Array.Empty<int>()));

    public static Tensor Rank(Tensor x, string name = null) =>
        OpBuilder.Op1("Rank", new[] { x }, DType.Int32, name ?? "Rank", ("T", x.dtype));

    public static Tensor Pack(Tensor[] values, int axis, string name = null)
    {
        if (values == null || values.Length == 0) throw new ValueError("tf.stack needs at least one tensor.");
        OpBuilder.RequireSameDType("Pack", values.Select((_, i) => $"values[{i}]").ToArray(), values);
        return OpBuilder.Op1("Pack", values, values[0].dtype, name ?? "stack", ("T", values[0].dtype), ("N", values.Length), ("axis", axis));
    }

    public static Tensor[] Unpack(Tensor value, int num, int axis, string name = null) =>
        OpBuilder.Op("Unpack", new[] { value }, Enumerable.Repeat(value.dtype, num).ToArray(), name ?? "unstack",
            ("T", value.dtype), ("num", num), ("axis", axis)).Outputs.ToArray();

    public static Tensor Concat(Tensor[] values, int axis, string name = null)
    {
        if (values == null || values.Length == 0) throw new ValueError("tf.concat needs at least one tensor.");
        if (values.Length == 1) return ConstantOps.Identity(values[0], name ?? "concat");
        OpBuilder.RequireSameDType("ConcatV2", values.Select((_, i) => $"values[{i}]").ToArray(), values);
        var g = values[0].graph;
        var inputs = values.Append(OpBuilder.IntScalar(g, axis, "concat/axis")).ToArray();
        return OpBuilder.Op1("ConcatV2", inputs, values[0].dtype, name ?? "concat", ("T", values[0].dtype), ("N", values.Length), ("Tidx", DType.Int32));
    }

}
