using System.Numerics;
using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer;

/// <summary>Sum, Mean (axes as an input tensor, keep_dims attr) and ArgMax.</summary>
internal static class ReductionOps
{
    private static readonly DType[] Numeric = { DType.Float32, DType.Float64, DType.Int32, DType.Int64 };

    public static void Register()
    {
        OpRegistry.Register(new OpDef { Type = "Sum", DTypes = Numeric, InferShapes = InferReduce, Gradient = (op, g) => new[] { SumGrad(op, g[0]), null } });
        OpRegistry.Register(new OpDef { Type = "Mean", DTypes = Numeric, InferShapes = InferReduce, Gradient = MeanGrad });
        foreach (var type in new[] { "Sum", "Mean" })
        {
            bool mean = type == "Mean";
            KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Float32, n => ReduceKernel<float>(n, mean));
            KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Float64, n => ReduceKernel<double>(n, mean));
            KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Int32, n => ReduceKernel<int>(n, mean));
            KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Int64, n => ReduceKernel<long>(n, mean));
        }

        OpRegistry.Register(new OpDef { Type = "ArgMax", DTypes = Numeric, NotDifferentiable = true, InferShapes = InferArgMax });
        KernelRegistry.Register("ArgMax", KernelRegistry.Cpu, DType.Float32, ArgMaxKernel<float>);
        KernelRegistry.Register("ArgMax", KernelRegistry.Cpu, DType.Float64, ArgMaxKernel<double>);
        KernelRegistry.Register("ArgMax", KernelRegistry.Cpu, DType.Int32, ArgMaxKernel<int>);
        KernelRegistry.Register("ArgMax", KernelRegistry.Cpu, DType.Int64, ArgMaxKernel<long>);
    }

    public static Tensor Sum(Tensor x, Tensor axes, bool keepDims = false, string name = null) =>
        OpBuilder.Op1("Sum", new[] { x, axes }, x.dtype, name ?? "Sum", ("T", x.dtype), ("Tidx", DType.Int32), ("keep_dims", keepDims));

    public static Tensor Mean(Tensor x, Tensor axes, bool keepDims = false, string name = null) =>
        OpBuilder.Op1("Mean", new[] { x, axes }, x.dtype, name ?? "Mean", ("T", x.dtype), ("Tidx", DType.Int32), ("keep_dims", keepDims));

    /// <summary>The axes tensor for a Python-style axis argument; null means all axes (needs a known rank).</summary>
    public static Tensor AxesFor(Tensor x, int[] axes)
    {
        if (axes != null) return OpBuilder.IntVector(x.graph, axes, "Const");
        if (!x.shape.HasRank) throw new ValueError($"Reducing all axes of {x.name} needs a known rank.");
        return OpBuilder.IntVector(x.graph, Enumerable.Range(0, x.shape.ndim).ToArray(), "Const");
    }

    public static Tensor ArgMax(Tensor x, int axis, DType outputType, string name = null) =>
        OpBuilder.Op1("ArgMax", new[] { x, OpBuilder.IntScalar(x.graph, axis, "ArgMax/dimension") }, outputType, name ?? "ArgMax",
            ("T", x.dtype), ("Tidx", DType.Int32), ("output_type", outputType));

    internal static int[] ConstAxes(Operation op, int rank)
    {
        var value = OpBuilder.ConstantValue(op.Inputs[1]);
        if (value == null) return null;
        return ValueConversion.ToInt32Array(value).Select(a => OpBuilder.NormalizeAxis(a, rank)).Distinct().OrderBy(a => a).ToArray();
    }

    internal static TensorShape[] InferReduce(Operation op)
    {
        var input = op.Inputs[0].shape;
        bool keep = op.GetAttr<bool>("keep_dims");
        if (!input.HasRank) return new[] { TensorShape.Unknown };
        var axes = ConstAxes(op, input.ndim);
        if (axes == null) return new[] { keep ? new TensorShape(Enumerable.Repeat(-1, input.ndim).ToArray()) : TensorShape.Unknown };
        var dims = new List<int>();
        for (int k = 0; k < input.ndim; k++)
            if (!axes.Contains(k)) dims.Add(input.dims[k]);
            else if (keep) dims.Add(1);
        return new[] { new TensorShape(dims.ToArray()) };
    }

    internal static TensorShape[] InferArgMax(Operation op)
    {
        var input = op.Inputs[0].shape;
        var axisValue = OpBuilder.ConstantValue(op.Inputs[1]);
        if (!input.HasRank || axisValue == null) return new[] { TensorShape.Unknown };
        int axis = OpBuilder.NormalizeAxis(ValueConversion.ToInt32Array(axisValue)[0], input.ndim);
        return new[] { new TensorShape(input.dims.Where((_, k) => k != axis).ToArray()) };
    }

    // Gradient of a sum: every reduced element receives the output gradient, so re-insert the reduced
    // axes (ExpandDims) and broadcast back to the input shape.
    internal static Tensor SumGrad(Operation op, Tensor grad)
    {
        var x = op.Inputs[0];
        if (!x.shape.HasRank) throw new NotSupportedException($"Gradient of '{op.Name}' needs the input rank to be known.");
        var axes = ConstAxes(op, x.shape.ndim) ?? throw new NotSupportedException($"Gradient of '{op.Name}' needs constant reduction axes.");
        var g = grad;
        if (!op.GetAttr<bool>("keep_dims"))
            foreach (var axis in axes) g = ArrayOps.ExpandDims(g, axis);
        return ArrayOps.BroadcastTo(g, ArrayOps.Shape(x));
    }

    private static Tensor[] MeanGrad(Operation op, Tensor[] grads)
    {
        var x = op.Inputs[0];
        var y = op.Outputs[0];
        var sum = SumGrad(op, grads[0]);
        Tensor count;
        if (x.shape.IsFullyDefined && y.shape.IsFullyDefined)
            count = OpBuilder.Scalar(op.Graph, (double)x.shape.NumElements() / Math.Max(1, y.shape.NumElements()), x.dtype);
        else
            count = MathOps.RealDiv(CastOps.Cast(ArrayOps.Size(x), x.dtype), CastOps.Cast(ArrayOps.Size(y), x.dtype));
        return new[] { MathOps.RealDiv(sum, count), null };
    }

    private static Kernel ReduceKernel<T>(NodeInfo node, bool mean) where T : unmanaged, INumber<T>
    {
        bool keep = node.Attr("keep_dims", false);
        return ctx =>
        {
            var x = ctx.Input(0);
            var rawAxes = ctx.Input(1).Span<int>();
            Span<int> axes = stackalloc int[rawAxes.Length];
            int count = NormalizeAxes(rawAxes, x.Rank, axes, node.Name);
            axes = axes[..count];
            Span<int> outShape = stackalloc int[x.Rank];
            int outRank = 0;
            for (int k = 0; k < x.Rank; k++)
                if (axes.IndexOf(k) < 0) outShape[outRank++] = x.Shape[k];
                else if (keep) outShape[outRank++] = 1;
            var d = ctx.Output(0, outShape[..outRank]);
            if (count == 0) { x.Span<T>().CopyTo(d.Span<T>()); return; }
            int reduced;
            if (ReductionKernels.TrySplit(x.Shape, axes, out int outer, out reduced, out int inner))
                ReductionKernels.Sum(x.Span<T>(), outer, reduced, inner, d.Span<T>());
            else
            {
                // Non-adjacent axes (e.g. 0 and 2 for a channels-first batch norm) take the general path.
                MoreReductionOps.ReduceScattered(x.Span<T>(), x.Shape, axes, d.Span<T>(), T.Zero, static (a, b) => a + b);
                reduced = x.Length / Math.Max(1, d.Length);
                if (d.Length == 0) reduced = 0;
            }
            // The mean of no elements is 0/0: NaN for floats, as TensorFlow gives.
            if (mean && reduced == 0 && (typeof(T) == typeof(float) || typeof(T) == typeof(double)))
                d.Span<T>().Fill(T.CreateChecked(double.NaN));
            if (mean && reduced > 0)
            {
                var dst = d.Span<T>();
                T n = T.CreateChecked(reduced);
                for (int i = 0; i < dst.Length; i++) dst[i] /= n;
            }
        };
    }

    internal static int NormalizeAxes(ReadOnlySpan<int> raw, int rank, Span<int> axes, string nodeName)
    {
        int count = 0;
        foreach (var a in raw)
        {
            int axis = a < 0 ? a + rank : a;
            if (axis < 0 || axis >= rank)
                throw new InvalidArgumentError($"Invalid reduction dimension {a} for input with {rank} dimensions (node '{nodeName}')");
            if (axes[..count].IndexOf(axis) < 0) axes[count++] = axis;
        }
        axes[..count].Sort();
        return count;
    }

    /// <summary>
    /// The shared part of ArgMax and ArgMin: checks the axis (TensorFlow's errors, an empty axis included), allocates the
    /// output without that axis and splits the input into (outer, reduced, inner).
    /// </summary>
    internal static TensorValue ArgOutput(NodeInfo node, KernelContext ctx, out int outer, out int reduced, out int inner)
    {
        var x = ctx.Input(0);
        int axis = ctx.Input(1).Span<int>()[0];
        if (axis < 0) axis += x.Rank;
        if (axis < 0 || axis >= x.Rank)
            throw new InvalidArgumentError($"Expected dimension in the range [{-x.Rank}, {x.Rank}), but got {axis} (node '{node.Name}')");
        if (x.Shape[axis] == 0)
            throw new InvalidArgumentError($"Reduction axis {axis} is empty in shape {TensorValue.ShapeString(x.Shape)} (node '{node.Name}')");
        Span<int> outShape = stackalloc int[x.Rank - 1];
        for (int k = 0, j = 0; k < x.Rank; k++) if (k != axis) outShape[j++] = x.Shape[k];
        var d = ctx.Output(0, outShape);
        ReductionKernels.TrySplit(x.Shape, stackalloc int[] { axis }, out outer, out reduced, out inner);
        return d;
    }

    private static Kernel ArgMaxKernel<T>(NodeInfo node) where T : unmanaged, INumber<T> => ctx =>
    {
        var x = ctx.Input(0);
        var d = ArgOutput(node, ctx, out int outer, out int reduced, out int inner);
        if (d.DType == DType.Int64) ReductionKernels.ArgMax<T, long>(x.Span<T>(), outer, reduced, inner, d.Span<long>());
        else ReductionKernels.ArgMax<T, int>(x.Span<T>(), outer, reduced, inner, d.Span<int>());
    };
}
