using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer;

/// <summary>Slice, Pad (constant), StridedSlice and StridedSliceGrad (begin/end/shrink masks): byte-moving kernels for every fixed-size dtype.</summary>
internal static class SliceOps
{
    private static readonly DType[] All = ShapeArrayOps.All;

    public static void Register()
    {
        // The gradient pads the incoming gradient back to the input's shape: before = begin, after = shape − begin − size.
        OpRegistry.Register(new OpDef
        {
            Type = "Slice", DTypes = All, InferShapes = InferSlice,
            Gradient = (op, g) =>
            {
                var begin = op.Inputs[1];
                var after = MathOps.Sub(MathOps.Sub(ArrayOps.Shape(op.Inputs[0]), ArrayOps.Shape(op.Outputs[0])), begin);
                return new[] { Pad(g[0], ShapeArrayOps.Pack(new[] { begin, after }, 1)), null, null };
            },
        });
        KernelRegistry.Register("Slice", All, SliceKernel);

        // The gradient of a constant pad slices the interior back out.
        OpRegistry.Register(new OpDef
        {
            Type = "Pad", DTypes = All, InferShapes = InferPad,
            Gradient = (op, g) =>
            {
                var x = op.Inputs[0];
                var before = ArrayOps.Reshape(Slice(op.Inputs[1], OpBuilder.IntVector(op.Graph, new[] { 0, 0 }), OpBuilder.IntVector(op.Graph, new[] { -1, 1 })),
                    OpBuilder.IntVector(op.Graph, new[] { -1 }));
                return new[] { Slice(g[0], before, ArrayOps.Shape(x)), null };
            },
        });
        KernelRegistry.Register("Pad", All, PadKernel);

        OpRegistry.Register(new OpDef
        {
            Type = "StridedSlice", DTypes = All, InferShapes = InferStridedSlice,
            Gradient = (op, g) => new[]
            {
                OpBuilder.Op1("StridedSliceGrad", new[] { ArrayOps.Shape(op.Inputs[0]), op.Inputs[1], op.Inputs[2], op.Inputs[3], g[0] }, g[0].dtype,
                    "StridedSliceGrad", ("T", g[0].dtype), ("Index", DType.Int32), ("begin_mask", op.GetAttr<int>("begin_mask")),
                    ("end_mask", op.GetAttr<int>("end_mask")), ("ellipsis_mask", 0), ("new_axis_mask", 0), ("shrink_axis_mask", op.GetAttr<int>("shrink_axis_mask"))),
                null, null, null,
            },
        });
        KernelRegistry.Register("StridedSlice", All, node => ctx => StridedCopy(node, ctx, grad: false));
        OpRegistry.Register(new OpDef
        {
            Type = "StridedSliceGrad", DTypes = All, NotDifferentiable = true, KernelDType = op => op.Inputs[4].dtype,
            InferShapes = op => new[] { ShapeRules.FromShapeTensor(op.Inputs[0]) },
        });
        KernelRegistry.Register("StridedSliceGrad", All, node => ctx => StridedCopy(node, ctx, grad: true));
    }

    // ---- Slice ----

    private static TensorShape[] InferSlice(Operation op)
    {
        var s = op.Inputs[0].shape;
        var b = OpBuilder.ConstantValue(op.Inputs[1]);
        var z = OpBuilder.ConstantValue(op.Inputs[2]);
        if (!s.HasRank) return new[] { TensorShape.Unknown };
        if (b == null || z == null) return new[] { new TensorShape(Enumerable.Repeat(-1, s.ndim).ToArray()) };
        var begin = ValueConversion.ToInt32Array(b);
        var size = ValueConversion.ToInt32Array(z);
        if (begin.Length != s.ndim || size.Length != s.ndim)
            throw new ShapeError($"Expected begin and size arguments to be 1-D tensors of size {s.ndim}, but got shapes [{begin.Length}] and [{size.Length}] instead.");
        var dims = new int[s.ndim];
        for (int k = 0; k < s.ndim; k++)
        {
            if (size[k] == -1) dims[k] = s[k] < 0 ? -1 : s[k] - begin[k];
            else dims[k] = size[k];
            if (s[k] >= 0 && (begin[k] < 0 || dims[k] < 0 || begin[k] + dims[k] > s[k]))
                throw new ShapeError($"Expected size[{k}] in [0, {s[k] - begin[k]}], but got {size[k]}");
        }
        return new[] { new TensorShape(dims) };
    }

    private static Kernel SliceKernel(NodeInfo node) => ctx =>
    {
        var x = ctx.Input(0);
        var begin = ctx.Input(1).Span<int>();
        var size = ctx.Input(2).Span<int>();
        if (begin.Length != x.Rank || size.Length != x.Rank)
            throw new InvalidArgumentError($"Expected begin and size arguments to be 1-D tensors of size {x.Rank}, but got shapes [{begin.Length}] and [{size.Length}] instead. (node '{node.Name}')");
        var shape = new int[x.Rank];
        var strides = new int[x.Rank];
        var start = new int[x.Rank];
        for (int k = 0; k < x.Rank; k++)
        {
            shape[k] = size[k] == -1 ? x.Shape[k] - begin[k] : size[k];
            if (begin[k] < 0 || shape[k] < 0 || begin[k] + shape[k] > x.Shape[k])
                throw new InvalidArgumentError($"Expected size[{k}] in [0, {x.Shape[k] - begin[k]}], but got {size[k]} (node '{node.Name}')");
            start[k] = begin[k];
            strides[k] = 1;
        }
        var d = ctx.Output(0, shape);
        CopyStrided(x, start, strides, shape, d.Bytes, scatter: false);
    };

    // ---- Pad ----

    private static TensorShape[] InferPad(Operation op)
    {
        var s = op.Inputs[0].shape;
        var p = OpBuilder.ConstantValue(op.Inputs[1]);
        if (!s.HasRank) return new[] { TensorShape.Unknown };
        if (p == null) return new[] { new TensorShape(Enumerable.Repeat(-1, s.ndim).ToArray()) };
        var pads = ValueConversion.ToInt32Array(p);
        if (pads.Length != 2 * s.ndim) throw new ShapeError($"The first dimension of paddings must be the rank of inputs[{s.ndim},2], got {pads.Length / 2}");
        if (pads.Any(v => v < 0)) throw new ShapeError("Paddings must be non-negative");
        return new[] { new TensorShape(s.dims.Select((d, k) => d < 0 ? -1 : d + pads[2 * k] + pads[2 * k + 1]).ToArray()) };
    }

    private static Kernel PadKernel(NodeInfo node) => ctx =>
    {
        var x = ctx.Input(0);
        var pads = ctx.Input(1).Span<int>();
        if (pads.Length != 2 * x.Rank)
            throw new InvalidArgumentError($"The first dimension of paddings must be the rank of inputs[{x.Rank},2], got {TensorValue.ShapeString(ctx.Input(1).Shape)} (node '{node.Name}')");
        var shape = new int[x.Rank];
        var start = new int[x.Rank];
        var strides = new int[x.Rank];
        for (int k = 0; k < x.Rank; k++)
        {
            if (pads[2 * k] < 0 || pads[2 * k + 1] < 0) throw new InvalidArgumentError($"Paddings must be non-negative: {pads[2 * k]} {pads[2 * k + 1]} (node '{node.Name}')");
            shape[k] = x.Shape[k] + pads[2 * k] + pads[2 * k + 1];
            start[k] = pads[2 * k];
            strides[k] = 1;
        }
        var d = ctx.Output(0, shape);
        d.Bytes.Clear();
        // Scatter the input into the interior of the output.
        CopyStrided(d, start, strides, x.Shape, x.Bytes, scatter: true);
    };

    /// <summary>
    /// Walks the region of <paramref name="big"/> that starts at <paramref name="start"/> with <paramref name="strides"/> and
    /// has <paramref name="shape"/>: gathers it into <paramref name="packed"/> or, when <paramref name="scatter"/>, writes
    /// <paramref name="packed"/> into it.
    /// </summary>
    private static void CopyStrided(TensorValue big, int[] start, int[] strides, int[] shape, Span<byte> packed, bool scatter)
    {
        int rank = shape.Length;
        int count = TensorValue.ElementCount(shape);
        if (count == 0) return;
        int size = big.DType.Size();
        var bigBytes = big.Bytes;
        var pitch = new int[rank];
        for (int k = rank - 1, p = 1; k >= 0; k--) { pitch[k] = p; p *= big.Shape[k]; }
        Span<int> index = stackalloc int[rank];
        index.Clear();
        for (int i = 0; i < count; i++)
        {
            int offset = 0;
            for (int k = 0; k < rank; k++) offset += (start[k] + index[k] * strides[k]) * pitch[k];
            var at = bigBytes.Slice(offset * size, size);
            var slot = packed.Slice(i * size, size);
            if (scatter) slot.CopyTo(at); else at.CopyTo(slot);
            Broadcasting.Advance(index, shape);
        }
    }

    // ---- StridedSlice ----

    /// <summary>Per-dimension plan of a strided slice: first index, stride, length, and whether the dimension is dropped.</summary>
    private readonly record struct Plan(int[] Start, int[] Stride, int[] Length, bool[] Shrink)
    {
        public int[] OutputShape
        {
            get
            {
                var shrink = Shrink;
                return Length.Where((_, k) => !shrink[k]).ToArray();
            }
        }
    }

    private static Plan MakePlan(int[] dims, int[] begin, int[] end, int[] strides, int beginMask, int endMask, int shrinkMask, Func<string, Exception> error)
    {
        if (begin.Length != end.Length || begin.Length != strides.Length)
            throw error($"Expected begin, end, and strides to be 1D equal size tensors, but got shapes [{begin.Length}], [{end.Length}], and [{strides.Length}] instead.");
        if (begin.Length > dims.Length) throw error($"Index out of range using input dim {dims.Length}; input has only {dims.Length} dims");
        int rank = dims.Length;
        var plan = new Plan(new int[rank], new int[rank], new int[rank], new bool[rank]);
        for (int k = 0; k < rank; k++)
        {
            int dim = dims[k];
            if (k >= begin.Length) { plan.Start[k] = 0; plan.Stride[k] = 1; plan.Length[k] = dim; continue; }
            int s = strides[k];
            if (s == 0) throw error($"strides[{k}] must be non-zero");
            plan.Stride[k] = s;
            if ((shrinkMask >> k & 1) != 0)
            {
                int b = begin[k] < 0 ? begin[k] + dim : begin[k];
                if (dim >= 0 && (b < 0 || b >= dim)) throw error($"slice index {begin[k]} of dimension {k} out of bounds.");
                plan.Start[k] = b;
                plan.Length[k] = 1;
                plan.Shrink[k] = true;
                continue;
            }
            if (dim < 0) { plan.Length[k] = -1; continue; }
            int lo = s > 0 ? 0 : -1, hi = s > 0 ? dim : dim - 1;
            int start = (beginMask >> k & 1) != 0 ? (s > 0 ? lo : hi) : Math.Clamp(begin[k] < 0 ? begin[k] + dim : begin[k], lo, hi);
            int stop = (endMask >> k & 1) != 0 ? (s > 0 ? hi : lo) : Math.Clamp(end[k] < 0 ? end[k] + dim : end[k], lo, hi);
            int length = s > 0 ? (stop - start + s - 1) / s : (start - stop + (-s) - 1) / (-s);
            plan.Start[k] = start;
            plan.Length[k] = Math.Max(0, length);
        }
        return plan;
    }

    private static TensorShape[] InferStridedSlice(Operation op)
    {
        var s = op.Inputs[0].shape;
        var b = OpBuilder.ConstantValue(op.Inputs[1]);
        var e = OpBuilder.ConstantValue(op.Inputs[2]);
        var st = OpBuilder.ConstantValue(op.Inputs[3]);
        if (op.GetAttr<int>("ellipsis_mask") != 0 || op.GetAttr<int>("new_axis_mask") != 0)
            throw new ShapeError("StridedSlice with ellipsis_mask or new_axis_mask is not supported");
        if (!s.HasRank || b == null || e == null || st == null) return new[] { TensorShape.Unknown };
        var plan = MakePlan(s.dims, ValueConversion.ToInt32Array(b), ValueConversion.ToInt32Array(e), ValueConversion.ToInt32Array(st),
            op.GetAttr<int>("begin_mask"), op.GetAttr<int>("end_mask"), op.GetAttr<int>("shrink_axis_mask"), m => new ShapeError(m));
        return new[] { new TensorShape(plan.OutputShape) };
    }

    private static void StridedCopy(NodeInfo node, KernelContext ctx, bool grad)
    {
        int[] dims = grad ? ctx.Input(0).Span<int>().ToArray() : ctx.Input(0).Shape;
        var plan = MakePlan(dims, ctx.Input(1).Span<int>().ToArray(), ctx.Input(2).Span<int>().ToArray(), ctx.Input(3).Span<int>().ToArray(),
            node.Attr("begin_mask", 0), node.Attr("end_mask", 0), node.Attr("shrink_axis_mask", 0), m => new InvalidArgumentError($"{m} (node '{node.Name}')"));
        if (!grad)
        {
            var x = ctx.Input(0);
            var d = ctx.Output(0, plan.OutputShape);
            CopyStrided(x, plan.Start, plan.Stride, plan.Length, d.Bytes, scatter: false);
            return;
        }
        var dy = ctx.Input(4);
        if (TensorValue.ElementCount(plan.Length) != dy.Length)
            throw new InvalidArgumentError($"shape of dy was {TensorValue.ShapeString(dy.Shape)} instead of {TensorValue.ShapeString(plan.OutputShape)} (node '{node.Name}')");
        var dx = ctx.Output(0, dims);
        dx.Bytes.Clear();
        CopyStrided(dx, plan.Start, plan.Stride, plan.Length, dy.Bytes, scatter: true);
    }

    // ---- builders ----

    public static Tensor Slice(Tensor input, Tensor begin, Tensor size, string name = null) =>
        OpBuilder.Op1("Slice", new[] { input, begin, size }, input.dtype, name ?? "Slice", ("T", input.dtype), ("Index", DType.Int32));

    public static Tensor Pad(Tensor input, Tensor paddings, string name = null) =>
        OpBuilder.Op1("Pad", new[] { input, paddings }, input.dtype, name ?? "Pad", ("T", input.dtype), ("Tpaddings", DType.Int32));

    public static Tensor StridedSlice(Tensor input, int[] begin, int[] end, int[] strides, int beginMask, int endMask, int shrinkMask, string name = null)
    {
        var g = input.graph;
        return OpBuilder.Op1("StridedSlice",
            new[] { input, OpBuilder.IntVector(g, begin, "strided_slice/stack"), OpBuilder.IntVector(g, end, "strided_slice/stack_1"), OpBuilder.IntVector(g, strides, "strided_slice/stack_2") },
            input.dtype, name ?? "strided_slice", ("T", input.dtype), ("Index", DType.Int32), ("begin_mask", beginMask), ("end_mask", endMask),
            ("ellipsis_mask", 0), ("new_axis_mask", 0), ("shrink_axis_mask", shrinkMask));
    }
}
