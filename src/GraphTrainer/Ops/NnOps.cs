using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer;

/// <summary>Softmax and SoftmaxCrossEntropyWithLogits.</summary>
internal static class NnOps
{
    private static readonly DType[] Floats = { DType.Float32, DType.Float64 };

    public static void Register()
    {
        OpRegistry.Register(new OpDef
        {
            Type = "Softmax", DTypes = Floats, InferShapes = op =>
            {
                if (op.Inputs[0].shape.HasRank && op.Inputs[0].shape.ndim < 1) throw new ShapeError("Shape must be at least rank 1 but is rank 0");
                return ShapeRules.SameAsInput0(op);
            },
            // (g − Σ(g·y)) · y, the sum over the class axis.
            Gradient = (op, g) =>
            {
                var y = op.Outputs[0];
                var sum = ReductionOps.Sum(MathOps.Mul(g[0], y), OpBuilder.IntVector(op.Graph, new[] { -1 }), keepDims: true);
                return new[] { MathOps.Mul(MathOps.Sub(g[0], sum), y) };
            },
        });
        KernelRegistry.Register("Softmax", KernelRegistry.Cpu, DType.Float32, SoftmaxKernel<float>);
        KernelRegistry.Register("Softmax", KernelRegistry.Cpu, DType.Float64, SoftmaxKernel<double>);

        OpRegistry.Register(new OpDef
        {
            Type = "SoftmaxCrossEntropyWithLogits", DTypes = Floats, InferShapes = InferCrossEntropy,
            // dLoss/dlogits is the backprop output scaled by the incoming per-row gradient; labels get none.
            Gradient = (op, g) => new[] { g[0] == null ? null : MathOps.Mul(ArrayOps.ExpandDims(g[0], -1), op.Outputs[1]), null },
        });
        KernelRegistry.Register("SoftmaxCrossEntropyWithLogits", KernelRegistry.Cpu, DType.Float32, CrossEntropyKernel<float>);
        KernelRegistry.Register("SoftmaxCrossEntropyWithLogits", KernelRegistry.Cpu, DType.Float64, CrossEntropyKernel<double>);
    }

    private static TensorShape[] InferCrossEntropy(Operation op)
    {
        var logits = op.Inputs[0].shape;
        var labels = op.Inputs[1].shape;
        ShapeRules.RequireRank(logits, 2);
        ShapeRules.RequireRank(labels, 2);
        if (!logits.IsCompatibleWith(labels))
            throw new ShapeError($"Dimensions must be equal, but are {Dim(logits, 1)} and {Dim(labels, 1)}");
        int rows = logits.HasRank && logits[0] >= 0 ? logits[0] : labels.HasRank ? labels[0] : -1;
        int classes = logits.HasRank && logits[1] >= 0 ? logits[1] : labels.HasRank ? labels[1] : -1;
        return new[] { new TensorShape(rows), new TensorShape(rows, classes) };
    }

    private static string Dim(TensorShape s, int i) => s.HasRank && s[i] >= 0 ? s[i].ToString() : "?";

    private static Kernel SoftmaxKernel<T>(NodeInfo node) where T : unmanaged, System.Numerics.IExponentialFunctions<T>, System.Numerics.INumber<T> => ctx =>
    {
        var x = ctx.Input(0);
        var d = ctx.Output(0, x.Shape);
        SoftmaxKernels.Softmax(x.Span<T>(), x.Shape[^1], d.Span<T>());
    };

    private static Kernel CrossEntropyKernel<T>(NodeInfo node)
        where T : unmanaged, System.Numerics.IExponentialFunctions<T>, System.Numerics.ILogarithmicFunctions<T>, System.Numerics.INumber<T> => ctx =>
    {
        var logits = ctx.Input(0);
        var labels = ctx.Input(1);
        if (logits.Rank != 2 || !logits.Shape.AsSpan().SequenceEqual(labels.Shape))
            throw new InvalidArgumentError($"logits and labels must be same size: logits_size={TensorValue.ShapeString(logits.Shape)} labels_size={TensorValue.ShapeString(labels.Shape)} (node '{node.Name}')");
        var loss = ctx.Output(0, stackalloc int[] { logits.Shape[0] });
        var backprop = ctx.Output(1, logits.Shape);
        SoftmaxKernels.SoftmaxCrossEntropy(logits.Span<T>(), labels.Span<T>(), logits.Shape[1], loss.Span<T>(), backprop.Span<T>());
    };

    public static Tensor Softmax(Tensor logits, string name = null) => UnaryOps.Unary("Softmax", logits, name ?? "Softmax");

    /// <summary>Returns the op; output 0 is the per-row loss, output 1 the backprop.</summary>
    public static Operation SoftmaxCrossEntropyWithLogits(Tensor logits, Tensor labels, string name = null)
    {
        OpBuilder.RequireSameDType("SoftmaxCrossEntropyWithLogits", new[] { "features", "labels" }, new[] { logits, labels });
        return OpBuilder.Op("SoftmaxCrossEntropyWithLogits", new[] { logits, labels }, new[] { logits.dtype, logits.dtype },
            name ?? "SoftmaxCrossEntropyWithLogits", ("T", logits.dtype));
    }
}
