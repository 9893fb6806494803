using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer;

/// <summary>Shape manipulation: Shape, Size, Reshape, ExpandDims, BroadcastTo, BroadcastGradientArgs, Transpose.</summary>
internal static class ArrayOps
{
    private static readonly DType[] All = { DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt8, DType.Bool };
    private static readonly DType[] Int32Only = { DType.Int32 };

    public static void Register()
    {
        OpRegistry.Register(new OpDef
        {
            Type = "Shape", DTypes = All, NotDifferentiable = true,
            InferShapes = op => new[] { op.Inputs[0].shape.HasRank ? new TensorShape(op.Inputs[0].shape.ndim) : new TensorShape(-1) },
        });
        KernelRegistry.Register("Shape", All, _ => ctx =>
        {
            var x = ctx.Input(0);
            var d = ctx.Output(0, stackalloc int[] { x.Rank });
            x.Shape.AsSpan().CopyTo(d.Span<int>());
        });

        OpRegistry.Register(new OpDef { Type = "Size", DTypes = All, NotDifferentiable = true, InferShapes = _ => new[] { TensorShape.Scalar } });
        KernelRegistry.Register("Size", All, _ => ctx => ctx.Output(0, ReadOnlySpan<int>.Empty).Span<int>()[0] = ctx.Input(0).Length);
        // Shape, Size and Rank read only their input's shape: a value on a device is not copied to the host for them.
        KernelRegistry.SetShapeOnlyInputs("Shape", 0);
        KernelRegistry.SetShapeOnlyInputs("Size", 0);

        OpRegistry.Register(new OpDef
        {
            Type = "Reshape", DTypes = All, InferShapes = InferReshape, AliasesOutputs = true,
            Gradient = (op, g) => new[] { Reshape(g[0], Shape(op.Inputs[0])), null },
        });
        KernelRegistry.Register("Reshape", All, node => ctx =>
        {
            var x = ctx.Input(0);
            var target = ctx.Input(1).Span<int>();
            Span<int> dims = stackalloc int[target.Length];
            ResolveReshape(x.Length, target, dims, node.Name);
            ctx.OutputView(0, x, dims);
        });

        OpRegistry.Register(new OpDef
        {
            Type = "ExpandDims", DTypes = All, InferShapes = InferExpandDims, AliasesOutputs = true,
            Gradient = (op, g) => new[] { Reshape(g[0], Shape(op.Inputs[0])), null },
        });
        KernelRegistry.Register("ExpandDims", All, node => ctx =>
        {
            var x = ctx.Input(0);
            int axis = ctx.Input(1).Span<int>()[0];
            if (axis < 0) axis += x.Rank + 1;
            Span<int> dims = stackalloc int[x.Rank + 1];
            for (int k = 0, j = 0; k < dims.Length; k++) dims[k] = k == axis ? 1 : x.Shape[j++];
            ctx.OutputView(0, x, dims);
        });

        OpRegistry.Register(new OpDef
        {
            Type = "BroadcastTo", DTypes = All, NotDifferentiable = true,
            InferShapes = op => new[] { ShapeRules.FromShapeTensor(op.Inputs[1]) },
        });
        RegisterTyped("BroadcastTo", BroadcastToKernel<float>, BroadcastToKernel<double>, BroadcastToKernel<int>, BroadcastToKernel<long>, BroadcastToKernel<byte>, BroadcastToKernel<bool>);

        OpRegistry.Register(new OpDef
        {
            Type = "BroadcastGradientArgs", DTypes = Int32Only, NotDifferentiable = true,
            InferShapes = _ => new[] { new TensorShape(-1), new TensorShape(-1) },
        });
        KernelRegistry.Register("BroadcastGradientArgs", KernelRegistry.Cpu, DType.Int32, BroadcastGradientArgsKernel);

        OpRegistry.Register(new OpDef
        {
            Type = "Transpose", DTypes = All, InferShapes = InferTranspose,
            Gradient = (op, g) =>
            {
                var perm = OpBuilder.ConstantValue(op.Inputs[1]) ?? throw new NotSupportedException("Transpose gradient needs a constant perm.");
                var p = ValueConversion.ToInt32Array(perm);
                var inverse = new int[p.Length];
                for (int i = 0; i < p.Length; i++) inverse[p[i]] = i;
                return new[] { Transpose(g[0], OpBuilder.IntVector(op.Graph, inverse)), null };
            },
        });
        RegisterTyped("Transpose", TransposeKernel<float>, TransposeKernel<double>, TransposeKernel<int>, TransposeKernel<long>, TransposeKernel<byte>, TransposeKernel<bool>);
    }

    private static void RegisterTyped(string type, params Func<NodeInfo, Kernel>[] factories)
    {
        for (int i = 0; i < All.Length; i++) KernelRegistry.Register(type, KernelRegistry.Cpu, All[i], factories[i]);
    }

    private static Kernel BroadcastToKernel<T>(NodeInfo node) where T : unmanaged => ctx =>
    {
        var x = ctx.Input(0);
        var shape = ctx.Input(1).Span<int>();
        var outShape = Broadcasting.OutputShape(x.Shape, shape, node.Name);
        var d = ctx.Output(0, outShape);
        LayoutKernels.BroadcastTo(x.Span<T>(), x.Shape, d.Span<T>(), outShape);
    };

    private static Kernel TransposeKernel<T>(NodeInfo node) where T : unmanaged => ctx =>
    {
        var x = ctx.Input(0);
        var perm = ctx.Input(1).Span<int>();
        if (perm.Length != x.Rank)
            throw new InvalidArgumentError($"transpose expects a vector of size {x.Rank}. But input(1) is a vector of size {perm.Length} (node '{node.Name}')");
        Span<int> outShape = stackalloc int[x.Rank];
        for (int k = 0; k < x.Rank; k++) outShape[k] = x.Shape[perm[k]];
        var d = ctx.Output(0, outShape);
        LayoutKernels.Transpose(x.Span<T>(), x.Shape, perm, d.Span<T>());
    };

    private static void ComputeBroadcastGradientArgs(NodeInfo node, KernelContext ctx, Span<int> r0, Span<int> r1, out int n0, out int n1)
    {
        var s0 = ctx.Input(0).Span<int>();
        var s1 = ctx.Input(1).Span<int>();
        int rank = Math.Max(s0.Length, s1.Length);
        n0 = n1 = 0;
        for (int i = 0; i < rank; i++)
        {
            int d0 = i < rank - s0.Length ? 1 : s0[i - (rank - s0.Length)];
            int d1 = i < rank - s1.Length ? 1 : s1[i - (rank - s1.Length)];
            if (d0 != d1 && d0 != 1 && d1 != 1)
                throw new InvalidArgumentError($"Incompatible shapes: {TensorValue.ShapeString(s0)} vs. {TensorValue.ShapeString(s1)} (node '{node.Name}')");
            if (d0 == 1 && d1 != 1) r0[n0++] = i;
            if (d1 == 1 && d0 != 1) r1[n1++] = i;
        }
    }

    private static Kernel BroadcastGradientArgsKernel(NodeInfo node) => ctx =>
    {
        Span<int> r0 = stackalloc int[8], r1 = stackalloc int[8];
        ComputeBroadcastGradientArgs(node, ctx, r0, r1, out int n0, out int n1);
        r0[..n0].CopyTo(ctx.Output(0, stackalloc int[] { n0 }).Span<int>());
        r1[..n1].CopyTo(ctx.Output(1, stackalloc int[] { n1 }).Span<int>());
    };

    /// <summary>Resolves a Reshape target with at most one -1 against <paramref name="count"/> elements.</summary>
    internal static void ResolveReshape(int count, ReadOnlySpan<int> target, Span<int> dims, string nodeName)
    {
        int unknown = -1;
        long known = 1;
        for (int k = 0; k < target.Length; k++)
        {
            dims[k] = target[k];
            if (target[k] == -1)
            {
                if (unknown >= 0) throw new InvalidArgumentError($"Only one input size may be -1, not both {unknown} and {k} (node '{nodeName}')");
                unknown = k;
            }
            else known *= target[k];
        }
        if (unknown >= 0)
        {
            if (known == 0 || count % known != 0)
                throw new InvalidArgumentError($"Input to reshape is a tensor with {count} values, but the requested shape requires a multiple of {known} (node '{nodeName}')");
            dims[unknown] = (int)(count / known);
        }
        else if (known != count)
            throw new InvalidArgumentError($"Input to reshape is a tensor with {count} values, but the requested shape has {known} (node '{nodeName}')");
    }

    private static TensorShape[] InferReshape(Operation op)
    {
        var target = ShapeRules.FromShapeTensor(op.Inputs[1]);
        var input = op.Inputs[0].shape;
        if (!target.HasRank) return new[] { target };
        var dims = target.as_list();
        long inputCount = input.NumElements();
        int unknown = Array.IndexOf(dims, -1);
        if (unknown >= 0 && inputCount >= 0 && Array.LastIndexOf(dims, -1) == unknown)
        {
            long known = dims.Where(d => d != -1).Aggregate(1L, (a, b) => a * b);
            if (known > 0 && inputCount % known != 0)
                throw new ShapeError($"Cannot reshape a tensor with {inputCount} elements to shape {target}");
            if (known > 0) dims[unknown] = (int)(inputCount / known);
        }
        else if (unknown < 0 && inputCount >= 0 && target.NumElements() != inputCount)
            throw new ShapeError($"Cannot reshape a tensor with {inputCount} elements to shape {target} ({target.NumElements()} elements)");
        return new[] { new TensorShape(dims) };
    }

    private static TensorShape[] InferExpandDims(Operation op)
    {
        var input = op.Inputs[0].shape;
        var axisValue = OpBuilder.ConstantValue(op.Inputs[1]);
        if (!input.HasRank || axisValue == null) return new[] { TensorShape.Unknown };
        int axis = ValueConversion.ToInt32Array(axisValue)[0];
        if (axis < -input.ndim - 1 || axis > input.ndim) throw new ShapeError($"dim {axis} is out of range for rank {input.ndim}");
        if (axis < 0) axis += input.ndim + 1;
        var dims = input.dims.ToList();
        dims.Insert(axis, 1);
        return new[] { new TensorShape(dims.ToArray()) };
    }

    private static TensorShape[] InferTranspose(Operation op)
    {
        var input = op.Inputs[0].shape;
        var permValue = OpBuilder.ConstantValue(op.Inputs[1]);
        if (!input.HasRank || permValue == null) return new[] { TensorShape.Unknown };
        var perm = ValueConversion.ToInt32Array(permValue);
        if (perm.Length != input.ndim) throw new ShapeError($"Dimension must be {input.ndim} but is {perm.Length}");
        if (perm.OrderBy(p => p).Where((p, i) => p != i).Any()) throw new ShapeError($"perm [{string.Join(",", perm)}] is not a permutation");
        return new[] { new TensorShape(perm.Select(p => input.dims[p]).ToArray()) };
    }

    public static Tensor Shape(Tensor x, string name = null) =>
        OpBuilder.Op1("Shape", new[] { x }, DType.Int32, name ?? "Shape", ("T", x.dtype), ("out_type", DType.Int32));

    public static Tensor Size(Tensor x, string name = null) =>
        OpBuilder.Op1("Size", new[] { x }, DType.Int32, name ?? "Size", ("T", x.dtype), ("out_type", DType.Int32));

    public static Tensor Reshape(Tensor x, Tensor shape, string name = null) =>
        OpBuilder.Op1("Reshape", new[] { x, shape }, x.dtype, name ?? "Reshape", ("T", x.dtype), ("Tshape", shape.dtype));

    public static Tensor ExpandDims(Tensor x, int axis, string name = null) =>
        OpBuilder.Op1("ExpandDims", new[] { x, OpBuilder.IntScalar(x.graph, axis) }, x.dtype, name ?? "ExpandDims", ("T", x.dtype), ("Tdim", DType.Int32));

    public static Tensor BroadcastTo(Tensor x, Tensor shape, string name = null) =>
        OpBuilder.Op1("BroadcastTo", new[] { x, shape }, x.dtype, name ?? "BroadcastTo", ("T", x.dtype), ("Tidx", DType.Int32));

    public static Tensor Transpose(Tensor x, Tensor perm, string name = null) =>
        OpBuilder.Op1("Transpose", new[] { x, perm }, x.dtype, name ?? "transpose", ("T", x.dtype), ("Tperm", DType.Int32));

    public static Tensor Cast(Tensor x, DType dtype, string name = null) => CastOps.Cast(x, dtype, name);
}
