using System.Numerics;
using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer;

/// <summary>Max, Min, Prod, Any, All (axes input, keep_dims attr), ArgMin, and the scans Cumsum and Cumprod.</summary>
internal static class MoreReductionOps
{
    private static readonly DType[] Numeric = { DType.Float32, DType.Float64, DType.Int32, DType.Int64 };
    private static readonly DType[] Floats = { DType.Float32, DType.Float64 };
    private static readonly DType[] BoolOnly = { DType.Bool };

    public static void Register()
    {
        OpRegistry.Register(new OpDef { Type = "Max", DTypes = Numeric, InferShapes = ReductionOps.InferReduce, Gradient = MinOrMaxGrad });
        RegisterNumeric("Max", new MaxOf());
        OpRegistry.Register(new OpDef { Type = "Min", DTypes = Numeric, InferShapes = ReductionOps.InferReduce, Gradient = MinOrMaxGrad });
        RegisterNumeric("Min", new MinOf());
        OpRegistry.Register(new OpDef { Type = "Prod", DTypes = Numeric, InferShapes = ReductionOps.InferReduce, Gradient = ProdGrad });
        RegisterNumeric("Prod", new ProductOf());
        OpRegistry.Register(new OpDef { Type = "Any", DTypes = BoolOnly, InferShapes = ReductionOps.InferReduce, NotDifferentiable = true });
        KernelRegistry.Register("Any", KernelRegistry.Cpu, DType.Bool, n => ReduceKernel(n, false, (a, b) => a || b));
        OpRegistry.Register(new OpDef { Type = "All", DTypes = BoolOnly, InferShapes = ReductionOps.InferReduce, NotDifferentiable = true });
        KernelRegistry.Register("All", KernelRegistry.Cpu, DType.Bool, n => ReduceKernel(n, true, (a, b) => a && b));

        OpRegistry.Register(new OpDef { Type = "ArgMin", DTypes = Numeric, NotDifferentiable = true, InferShapes = ReductionOps.InferArgMax });
        KernelRegistry.Register("ArgMin", KernelRegistry.Cpu, DType.Float32, ArgMinKernel<float>);
        KernelRegistry.Register("ArgMin", KernelRegistry.Cpu, DType.Float64, ArgMinKernel<double>);
        KernelRegistry.Register("ArgMin", KernelRegistry.Cpu, DType.Int32, ArgMinKernel<int>);
        KernelRegistry.Register("ArgMin", KernelRegistry.Cpu, DType.Int64, ArgMinKernel<long>);

        // The gradient of a cumulative sum is the cumulative sum of the gradient in the other direction.
        OpRegistry.Register(new OpDef
        {
            Type = "Cumsum", DTypes = Numeric, InferShapes = ShapeRules.SameAsInput0,
            Gradient = (op, g) => new[] { Scan("Cumsum", g[0], op.Inputs[1], op.GetAttr<bool>("exclusive"), !op.GetAttr<bool>("reverse")), null },
        });
        RegisterScan("Cumsum", new SumOf());
        // TensorFlow's _CumprodGrad: cumsum(cumprod(x) · g, reversed) / x (inputs must be nonzero).
        OpRegistry.Register(new OpDef
        {
            Type = "Cumprod", DTypes = Numeric, InferShapes = ShapeRules.SameAsInput0,
            Gradient = (op, g) =>
            {
                bool exclusive = op.GetAttr<bool>("exclusive"), reverse = op.GetAttr<bool>("reverse");
                var sum = Scan("Cumsum", MathOps.Mul(op.Outputs[0], g[0]), op.Inputs[1], exclusive, !reverse);
                return new[] { MathOps.RealDiv(sum, op.Inputs[0]), null };
            },
        });
        RegisterScan("Cumprod", new ProductOf());
    }

    private interface ICombine
    {
        T Identity<T>() where T : INumber<T>, IMinMaxValue<T>;
        T Combine<T>(T a, T b) where T : INumber<T>;
    }
    private readonly struct MaxOf : ICombine
    {
        public T Identity<T>() where T : INumber<T>, IMinMaxValue<T> => typeof(T) == typeof(float) ? T.CreateChecked(float.NegativeInfinity) : typeof(T) == typeof(double) ? T.CreateChecked(double.NegativeInfinity) : T.MinValue;
        public T Combine<T>(T a, T b) where T : INumber<T> => T.IsNaN(a) || a > b ? a : b;
    }
    private readonly struct MinOf : ICombine
    {
        public T Identity<T>() where T : INumber<T>, IMinMaxValue<T> => typeof(T) == typeof(float) ? T.CreateChecked(float.PositiveInfinity) : typeof(T) == typeof(double) ? T.CreateChecked(double.PositiveInfinity) : T.MaxValue;
        public T Combine<T>(T a, T b) where T : INumber<T> => T.IsNaN(a) || a < b ? a : b;
    }
    private readonly struct ProductOf : ICombine
    {
        public T Identity<T>() where T : INumber<T>, IMinMaxValue<T> => T.One;
        public T Combine<T>(T a, T b) where T : INumber<T> => a * b;
    }
    private readonly struct SumOf : ICombine
    {
        public T Identity<T>() where T : INumber<T>, IMinMaxValue<T> => T.Zero;
        public T Combine<T>(T a, T b) where T : INumber<T> => a + b;
    }

    private static void RegisterNumeric<TC>(string type, TC c) where TC : ICombine
    {
        KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Float32, n => ReduceKernel(n, c.Identity<float>(), c.Combine));
        KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Float64, n => ReduceKernel(n, c.Identity<double>(), c.Combine));
        KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Int32, n => ReduceKernel(n, c.Identity<int>(), c.Combine));
        KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Int64, n => ReduceKernel(n, c.Identity<long>(), c.Combine));
    }

    private static void RegisterScan<TC>(string type, TC c) where TC : ICombine
    {
        KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Float32, n => ScanKernel(n, c.Identity<float>(), c.Combine));
        KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Float64, n => ScanKernel(n, c.Identity<double>(), c.Combine));
        KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Int32, n => ScanKernel(n, c.Identity<int>(), c.Combine));
        KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Int64, n => ScanKernel(n, c.Identity<long>(), c.Combine));
    }

    // Reduces over the (sorted, contiguous) axes viewed as [outer, reduced, inner], starting each output at identity.
    private static Kernel ReduceKernel<T>(NodeInfo node, T identity, Func<T, T, T> combine) where T : unmanaged
    {
        bool keep = node.Attr("keep_dims", false);
        return ctx =>
        {
            var x = ctx.Input(0);
            var rawAxes = ctx.Input(1).Span<int>();
            Span<int> axes = stackalloc int[rawAxes.Length];
            int count = ReductionOps.NormalizeAxes(rawAxes, x.Rank, axes, node.Name);
            axes = axes[..count];
            Span<int> outShape = stackalloc int[x.Rank];
            int outRank = 0;
            for (int k = 0; k < x.Rank; k++)
                if (axes.IndexOf(k) < 0) outShape[outRank++] = x.Shape[k];
                else if (keep) outShape[outRank++] = 1;
            var d = ctx.Output(0, outShape[..outRank]).Span<T>();
            var src = x.Span<T>();
            if (count == 0) { src.CopyTo(d); return; }
            if (!ReductionKernels.TrySplit(x.Shape, axes, out int outer, out int reduced, out int inner))
            {
                ReduceScattered(src, x.Shape, axes, d, identity, combine);
                return;
            }
            for (int o = 0; o < outer; o++)
                for (int i = 0; i < inner; i++)
                {
                    T acc = identity;
                    for (int r = 0; r < reduced; r++) acc = combine(acc, src[(o * reduced + r) * inner + i]);
                    d[o * inner + i] = acc;
                }
        };
    }

    /// <summary>
    /// Reduction over axes that are not adjacent (e.g. 0 and 2 of [N, C, W]): each input element is combined into the
    /// output element whose index is its index with the reduced axes dropped. Slower than the blocked path, but general.
    /// </summary>
    internal static void ReduceScattered<T>(ReadOnlySpan<T> src, int[] shape, ReadOnlySpan<int> axes, Span<T> d, T identity, Func<T, T, T> combine)
    {
        d.Fill(identity);
        int rank = shape.Length;
        Span<int> outStride = stackalloc int[rank];
        for (int k = rank - 1, stride = 1; k >= 0; k--)
        {
            bool reducedAxis = axes.IndexOf(k) >= 0;
            outStride[k] = reducedAxis ? 0 : stride;
            if (!reducedAxis) stride *= shape[k];
        }
        Span<int> index = stackalloc int[rank];
        index.Clear();
        for (int i = 0; i < src.Length; i++)
        {
            int o = 0;
            for (int k = 0; k < rank; k++) o += index[k] * outStride[k];
            d[o] = combine(d[o], src[i]);
            Runtime.Cpu.Broadcasting.Advance(index, shape);
        }
    }

    private static Kernel ScanKernel<T>(NodeInfo node, T identity, Func<T, T, T> combine) where T : unmanaged
    {
        bool exclusive = node.Attr("exclusive", false), reverse = node.Attr("reverse", false);
        return ctx =>
        {
            var x = ctx.Input(0);
            int axis = ctx.Input(1).Span<int>()[0];
            if (axis < 0) axis += x.Rank;
            if (axis < 0 || axis >= x.Rank)
                throw new InvalidArgumentError($"ScanOp: Expected scan axis in the range [{-x.Rank}, {x.Rank}), but got {ctx.Input(1).Span<int>()[0]} (node '{node.Name}')");
            var d = ctx.Output(0, x.Shape).Span<T>();
            var src = x.Span<T>();
            ReductionKernels.TrySplit(x.Shape, stackalloc int[] { axis }, out int outer, out int n, out int inner);
            for (int o = 0; o < outer; o++)
                for (int i = 0; i < inner; i++)
                {
                    T acc = identity;
                    for (int s = 0; s < n; s++)
                    {
                        int r = reverse ? n - 1 - s : s;
                        int at = (o * n + r) * inner + i;
                        if (exclusive) { d[at] = acc; acc = combine(acc, src[at]); }
                        else { acc = combine(acc, src[at]); d[at] = acc; }
                    }
                }
        };
    }

    private static Kernel ArgMinKernel<T>(NodeInfo node) where T : unmanaged, INumber<T> => ctx =>
    {
        var x = ctx.Input(0);
        var d = ReductionOps.ArgOutput(node, ctx, out int outer, out int reduced, out int inner);
        var src = x.Span<T>();
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int best = 0;
                T bestValue = src[o * reduced * inner + i];
                for (int r = 1; r < reduced; r++)
                {
                    T v = src[(o * reduced + r) * inner + i];
                    if (v < bestValue) { bestValue = v; best = r; }
                }
                if (d.DType == DType.Int64) d.Span<long>()[o * inner + i] = best;
                else d.Span<int>()[o * inner + i] = best;
            }
    };

    // TensorFlow's _MinOrMaxGrad: the gradient is split equally among the elements equal to the result.
    private static Tensor[] MinOrMaxGrad(Operation op, Tensor[] grads)
    {
        var x = op.Inputs[0];
        var y = KeepDims(op, op.Outputs[0]);
        var g = KeepDims(op, grads[0]);
        var indicators = CastOps.Cast(CompareOps.Equal(y, x), g.dtype);
        var numSelected = KeepDims(op, ReductionOps.Sum(indicators, op.Inputs[1]));
        return new[] { MathOps.Mul(MathOps.RealDiv(indicators, numSelected), g), null };
    }

    // Re-inserts the reduced axes (size 1) of a reduction's output, unless keep_dims kept them.
    private static Tensor KeepDims(Operation op, Tensor t)
    {
        if (op.GetAttr<bool>("keep_dims")) return t;
        var x = op.Inputs[0];
        if (!x.shape.HasRank) throw new NotSupportedException($"Gradient of '{op.Name}' needs the input rank to be known.");
        var axes = ReductionOps.ConstAxes(op, x.shape.ndim) ?? throw new NotSupportedException($"Gradient of '{op.Name}' needs constant reduction axes.");
        foreach (var axis in axes) t = ArrayOps.ExpandDims(t, axis);
        return t;
    }

    // d prod / d x_i = Π_{j≠i} x_j, zero-safe: exclusive cumulative products from both ends multiplied. One reduced
    // axis works in place; reducing every axis works on the flattened input.
    private static Tensor[] ProdGrad(Operation op, Tensor[] grads)
    {
        var x = op.Inputs[0];
        if (!x.shape.HasRank) throw new NotSupportedException($"Gradient of '{op.Name}' needs the input rank to be known.");
        var axes = ReductionOps.ConstAxes(op, x.shape.ndim) ?? throw new NotSupportedException($"Gradient of '{op.Name}' needs constant reduction axes.");
        var g = ReductionOps.SumGrad(op, grads[0]);
        Tensor others;
        if (axes.Length == 1)
        {
            var axis = OpBuilder.IntScalar(op.Graph, axes[0]);
            others = MathOps.Mul(Scan("Cumprod", x, axis, true, false), Scan("Cumprod", x, axis, true, true));
        }
        else if (axes.Length == x.shape.ndim)
        {
            var flat = ArrayOps.Reshape(x, OpBuilder.IntVector(op.Graph, new[] { -1 }));
            var zero = OpBuilder.IntScalar(op.Graph, 0);
            var product = MathOps.Mul(Scan("Cumprod", flat, zero, true, false), Scan("Cumprod", flat, zero, true, true));
            others = ArrayOps.Reshape(product, ArrayOps.Shape(x));
        }
        else throw new NotSupportedException($"Gradient of '{op.Name}' supports one reduced axis or all axes.");
        return new[] { MathOps.Mul(g, others), null };
    }

    public static Tensor Reduce(string type, Tensor x, Tensor axes, bool keepDims, string name = null) =>
        OpBuilder.Op1(type, new[] { x, axes }, x.dtype, name ?? type, ("T", x.dtype), ("Tidx", DType.Int32), ("keep_dims", keepDims));

    public static Tensor Scan(string type, Tensor x, Tensor axis, bool exclusive, bool reverse, string name = null) =>
        OpBuilder.Op1(type, new[] { x, axis }, x.dtype, name ?? type, ("T", x.dtype), ("Tidx", DType.Int32), ("exclusive", exclusive), ("reverse", reverse));

    public static Tensor ArgMin(Tensor x, int axis, DType outputType, string name = null) =>
        OpBuilder.Op1("ArgMin", new[] { x, OpBuilder.IntScalar(x.graph, axis, "ArgMin/dimension") }, outputType, name ?? "ArgMin",
            ("T", x.dtype), ("Tidx", DType.Int32), ("output_type", outputType));
}
