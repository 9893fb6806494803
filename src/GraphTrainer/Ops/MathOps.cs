using System.Numerics.Tensors;
using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer;

/// <summary>Element-wise binary arithmetic with NumPy broadcasting: AddV2, Sub, Mul, RealDiv, SquaredDifference, Maximum, Minimum, AddN.</summary>
internal static class MathOps
{
    private static readonly DType[] Numeric = { DType.Float32, DType.Float64, DType.Int32, DType.Int64 };
    private static readonly DType[] Floats = { DType.Float32, DType.Float64 };

    public static void Register()
    {
        Declare("AddV2", Numeric, (op, g) => BroadcastGradients.Unbroadcast(op, g[0], g[0]));
        KernelFactories.RegisterNumericBroadcast<AddFunction<float>, AddFunction<double>, AddFunction<int>, AddFunction<long>>("AddV2");

        Declare("Sub", Numeric, (op, g) => BroadcastGradients.Unbroadcast(op, g[0], Neg(g[0])));
        KernelFactories.RegisterNumericBroadcast<SubtractFunction<float>, SubtractFunction<double>, SubtractFunction<int>, SubtractFunction<long>>("Sub");

        Declare("Mul", Numeric, (op, g) => BroadcastGradients.Unbroadcast(op, Mul(g[0], op.Inputs[1]), Mul(op.Inputs[0], g[0])));
        KernelFactories.RegisterNumericBroadcast<MultiplyFunction<float>, MultiplyFunction<double>, MultiplyFunction<int>, MultiplyFunction<long>>("Mul");

        Declare("RealDiv", Floats, (op, g) =>
        {
            var x = op.Inputs[0];
            var y = op.Inputs[1];
            return BroadcastGradients.Unbroadcast(op, RealDiv(g[0], y), Mul(g[0], RealDiv(RealDiv(Neg(x), y), y)));
        });
        KernelFactories.RegisterFloatBroadcast<DivideFunction<float>, DivideFunction<double>>("RealDiv");

        Declare("SquaredDifference", Floats, (op, g) =>
        {
            var x = op.Inputs[0];
            var y = op.Inputs[1];
            var gx = Mul(g[0], Mul(OpBuilder.Scalar(op.Graph, 2.0, x.dtype), Sub(x, y)));
            return BroadcastGradients.Unbroadcast(op, gx, Neg(gx));
        });
        KernelFactories.RegisterFloatBroadcast<SquaredDifferenceFunction<float>, SquaredDifferenceFunction<double>>("SquaredDifference");

        Declare("Maximum", Floats, (op, g) => SelectGradient(op, g[0], ArrayOps.Cast(Equal(Maximum(op.Inputs[0], op.Inputs[1]), op.Inputs[0]), op.Inputs[0].dtype)));
        KernelFactories.RegisterFloatBroadcast<MaximumFunction<float>, MaximumFunction<double>>("Maximum");

        Declare("Minimum", Floats, (op, g) => SelectGradient(op, g[0], ArrayOps.Cast(Equal(Minimum(op.Inputs[0], op.Inputs[1]), op.Inputs[0]), op.Inputs[0].dtype)));
        KernelFactories.RegisterFloatBroadcast<MinimumFunction<float>, MinimumFunction<double>>("Minimum");

        OpRegistry.Register(new OpDef
        {
            Type = "AddN", DTypes = Numeric, InferShapes = InferAddN,
            Gradient = (op, g) => op.Inputs.Select(_ => g[0]).ToArray(),
        });
        KernelRegistry.Register("AddN", KernelRegistry.Cpu, DType.Float32, AddNKernel<float>);
        KernelRegistry.Register("AddN", KernelRegistry.Cpu, DType.Float64, AddNKernel<double>);
        KernelRegistry.Register("AddN", KernelRegistry.Cpu, DType.Int32, AddNKernel<int>);
        KernelRegistry.Register("AddN", KernelRegistry.Cpu, DType.Int64, AddNKernel<long>);
    }

    private static void Declare(string type, DType[] dtypes, GradientFunction gradient) =>
        OpRegistry.Register(new OpDef { Type = type, DTypes = dtypes, InferShapes = ShapeRules.Broadcast, Gradient = gradient });

    // Gradient of max/min: the input that was selected gets the gradient (ties go to x, as a mask).
    private static Tensor[] SelectGradient(Operation op, Tensor grad, Tensor xMask)
    {
        var one = OpBuilder.Scalar(op.Graph, 1.0, xMask.dtype);
        return BroadcastGradients.Unbroadcast(op, Mul(grad, xMask), Mul(grad, Sub(one, xMask)));
    }

    private static Kernel AddNKernel<T>(NodeInfo node) where T : unmanaged, System.Numerics.INumber<T> => ctx =>
    {
        var first = ctx.Input(0);
        var d = ctx.Output(0, first.Shape);
        var dst = d.Span<T>();
        first.Span<T>().CopyTo(dst);
        for (int i = 1; i < ctx.InputCount; i++)
        {
            var x = ctx.Input(i);
            if (!x.Shape.AsSpan().SequenceEqual(first.Shape))
                throw new InvalidArgumentError($"Inputs to operation {node.Name} of type AddN must have the same size and shape.  Input 0: {TensorValue.ShapeString(first.Shape)} != input {i}: {TensorValue.ShapeString(x.Shape)}");
            TensorPrimitives.Add(dst, x.Span<T>(), dst);
        }
    };

    // TensorFlow's AddN shape function merges every input's shape: all must agree where known.
    private static TensorShape[] InferAddN(Operation op)
    {
        var merged = op.Inputs[0].shape;
        foreach (var input in op.Inputs.Skip(1))
        {
            var s = input.shape;
            if (!merged.HasRank) { merged = s; continue; }
            if (!s.HasRank) continue;
            if (s.ndim != merged.ndim) throw new ShapeError($"Shapes must be equal rank, but are {merged.ndim} and {s.ndim}");
            var dims = merged.as_list();
            for (int k = 0; k < dims.Length; k++)
            {
                if (dims[k] >= 0 && s[k] >= 0 && dims[k] != s[k])
                    throw new ShapeError($"Dimension {k} in both shapes must be equal, but are {dims[k]} and {s[k]}. Shapes are {merged} and {s}.");
                if (dims[k] < 0) dims[k] = s[k];
            }
            merged = new TensorShape(dims);
        }
        return new[] { merged };
    }

    private static readonly string[] XY = { "x", "y" };

    public static Tensor Add(Tensor x, Tensor y, string name = null) => OpBuilder.SameType("AddV2", name, XY, x, y);
    public static Tensor Sub(Tensor x, Tensor y, string name = null) => OpBuilder.SameType("Sub", name, XY, x, y);
    public static Tensor Mul(Tensor x, Tensor y, string name = null) => OpBuilder.SameType("Mul", name, XY, x, y);
    public static Tensor RealDiv(Tensor x, Tensor y, string name = null) => OpBuilder.SameType("RealDiv", name, XY, x, y);
    public static Tensor SquaredDifference(Tensor x, Tensor y, string name = null) => OpBuilder.SameType("SquaredDifference", name, XY, x, y);
    public static Tensor Maximum(Tensor x, Tensor y, string name = null) => OpBuilder.SameType("Maximum", name, XY, x, y);
    public static Tensor Minimum(Tensor x, Tensor y, string name = null) => OpBuilder.SameType("Minimum", name, XY, x, y);
    public static Tensor Neg(Tensor x, string name = null) => UnaryOps.Unary("Neg", x, name);
    public static Tensor Equal(Tensor x, Tensor y, string name = null) => CompareOps.Equal(x, y, name);

    /// <summary>Sum of same-shape tensors (the gradient aggregator).</summary>
    public static Tensor AddN(IReadOnlyList<Tensor> inputs, string name = null)
    {
        if (inputs == null || inputs.Count == 0)
            throw new ValueError("inputs must be a list of at least one Tensor with the same dtype and shape");
        if (inputs.Count == 1) return inputs[0];
        var arr = inputs.ToArray();
        OpBuilder.RequireSameDType("AddN", arr.Select((_, i) => $"inputs[{i}]").ToArray(), arr);
        return OpBuilder.Op1("AddN", arr, arr[0].dtype, name ?? "AddN", ("T", arr[0].dtype), ("N", arr.Length));
    }
}
