using System.Numerics;
using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer;

/// <summary>Loss primitives TensorFlow has as ops: L2Loss, LogSoftmax and SparseSoftmaxCrossEntropyWithLogits.</summary>
internal static class LossOps
{
    private static readonly DType[] Floats = { DType.Float32, DType.Float64 };

    public static void Register()
    {
        // sum(t²) / 2; d/dt = t.
        OpRegistry.Register(new OpDef
        {
            Type = "L2Loss", DTypes = Floats, InferShapes = _ => new[] { TensorShape.Scalar },
            Gradient = (op, g) => new[] { MathOps.Mul(op.Inputs[0], g[0]) },
        });
        KernelRegistry.Register("L2Loss", KernelRegistry.Cpu, DType.Float32, L2LossKernel<float>);
        KernelRegistry.Register("L2Loss", KernelRegistry.Cpu, DType.Float64, L2LossKernel<double>);

        // d logsoftmax = g − Σg · softmax, the sum over the class axis.
        OpRegistry.Register(new OpDef
        {
            Type = "LogSoftmax", DTypes = Floats, InferShapes = RankAtLeast1,
            Gradient = (op, g) =>
            {
                var softmax = UnaryOps.Unary("Exp", op.Outputs[0]);
                var sum = ReductionOps.Sum(g[0], OpBuilder.IntVector(op.Graph, new[] { -1 }), keepDims: true);
                return new[] { MathOps.Sub(g[0], MathOps.Mul(sum, softmax)) };
            },
        });
        KernelRegistry.Register("LogSoftmax", KernelRegistry.Cpu, DType.Float32, LogSoftmaxKernel<float>);
        KernelRegistry.Register("LogSoftmax", KernelRegistry.Cpu, DType.Float64, LogSoftmaxKernel<double>);

        OpRegistry.Register(new OpDef
        {
            Type = "SparseSoftmaxCrossEntropyWithLogits", DTypes = Floats, InferShapes = InferSparse,
            Gradient = (op, g) => new[] { g[0] == null ? null : MathOps.Mul(ArrayOps.ExpandDims(g[0], -1), op.Outputs[1]), null },
        });
        KernelRegistry.Register("SparseSoftmaxCrossEntropyWithLogits", KernelRegistry.Cpu, DType.Float32, SparseKernel<float>);
        KernelRegistry.Register("SparseSoftmaxCrossEntropyWithLogits", KernelRegistry.Cpu, DType.Float64, SparseKernel<double>);
    }

    private static TensorShape[] RankAtLeast1(Operation op)
    {
        if (op.Inputs[0].shape.HasRank && op.Inputs[0].shape.ndim < 1) throw new ShapeError("Shape must be at least rank 1 but is rank 0");
        return ShapeRules.SameAsInput0(op);
    }

    private static TensorShape[] InferSparse(Operation op)
    {
        var features = op.Inputs[0].shape;
        var labels = op.Inputs[1].shape;
        ShapeRules.RequireRank(features, 2);
        ShapeRules.RequireRank(labels, 1);
        int rows = features.HasRank && features[0] >= 0 ? features[0] : labels.HasRank ? labels[0] : -1;
        if (features.HasRank && labels.HasRank && features[0] >= 0 && labels[0] >= 0 && features[0] != labels[0])
            throw new ShapeError($"Dimensions must be equal, but are {features[0]} and {labels[0]}");
        int classes = features.HasRank ? features[1] : -1;
        return new[] { new TensorShape(rows), new TensorShape(rows, classes) };
    }

    private static Kernel L2LossKernel<T>(NodeInfo node) where T : unmanaged, INumber<T> => ctx =>
    {
        var x = ctx.Input(0).Span<T>();
        T sum = T.Zero;
        foreach (var v in x) sum += v * v;
        ctx.Output(0, ReadOnlySpan<int>.Empty).Span<T>()[0] = sum / T.CreateChecked(2);
    };

    // log softmax(x) = x − max − log Σ e^(x − max), per row of the last axis.
    private static Kernel LogSoftmaxKernel<T>(NodeInfo node) where T : unmanaged, IExponentialFunctions<T>, ILogarithmicFunctions<T>, INumber<T> => ctx =>
    {
        var x = ctx.Input(0);
        var d = ctx.Output(0, x.Shape);
        int classes = x.Shape[^1];
        var src = x.Span<T>();
        var dst = d.Span<T>();
        for (int r = 0; classes > 0 && r < src.Length / classes; r++)
        {
            var row = src.Slice(r * classes, classes);
            T max = row[0];
            foreach (var v in row) if (v > max) max = v;
            T sum = T.Zero;
            foreach (var v in row) sum += T.Exp(v - max);
            T logSum = T.Log(sum);
            for (int c = 0; c < classes; c++) dst[r * classes + c] = row[c] - max - logSum;
        }
    };

    private static Kernel SparseKernel<T>(NodeInfo node) where T : unmanaged, IExponentialFunctions<T>, ILogarithmicFunctions<T>, INumber<T> => ctx =>
    {
        var logits = ctx.Input(0);
        var labels = ctx.Input(1);
        if (logits.Rank != 2 || labels.Rank != 1 || labels.Shape[0] != logits.Shape[0])
            throw new InvalidArgumentError($"logits and labels must have the same first dimension, got logits shape {TensorValue.ShapeString(logits.Shape)} and labels shape {TensorValue.ShapeString(labels.Shape)} (node '{node.Name}')");
        int rows = logits.Shape[0], classes = logits.Shape[1];
        for (int r = 0; r < rows; r++)
            if (LabelAt(labels, r) < 0 || LabelAt(labels, r) >= classes)
                throw new InvalidArgumentError($"Received a label value of {LabelAt(labels, r)} which is outside the valid range of [0, {classes}).  Label values: {LabelList(labels)} (node '{node.Name}')");
        var loss = ctx.Output(0, stackalloc int[] { rows }).Span<T>();
        var backprop = ctx.Output(1, logits.Shape).Span<T>();
        var x = logits.Span<T>();
        for (int r = 0; r < rows; r++)
        {
            var row = x.Slice(r * classes, classes);
            var grad = backprop.Slice(r * classes, classes);
            T max = row[0];
            foreach (var v in row) if (v > max) max = v;
            T sum = T.Zero;
            for (int c = 0; c < classes; c++) sum += grad[c] = T.Exp(row[c] - max);
            T logSum = T.Log(sum);
            for (int c = 0; c < classes; c++) grad[c] /= sum;
            int label = (int)LabelAt(labels, r);
            grad[label] -= T.One;
            loss[r] = logSum - (row[label] - max);
        }
    };

    private static long LabelAt(TensorValue labels, int r) => labels.DType == DType.Int64 ? labels.Span<long>()[r] : labels.Span<int>()[r];

    private static string LabelList(TensorValue labels) => string.Join(" ", Enumerable.Range(0, labels.Length).Select(r => LabelAt(labels, r)));

    public static Tensor L2Loss(Tensor t, string name = null) =>
        OpBuilder.Op1("L2Loss", new[] { t }, t.dtype, name ?? "L2Loss", ("T", t.dtype));

    public static Tensor LogSoftmax(Tensor logits, string name = null) => UnaryOps.Unary("LogSoftmax", logits, name ?? "LogSoftmax");

    /// <summary>Returns the op; output 0 is the per-row loss, output 1 the backprop.</summary>
    public static Operation SparseSoftmaxCrossEntropyWithLogits(Tensor features, Tensor labels, string name = null) =>
        OpBuilder.Op("SparseSoftmaxCrossEntropyWithLogits", new[] { features, labels }, new[] { features.dtype, features.dtype },
            name ?? "SparseSoftmaxCrossEntropyWithLogits", ("T", features.dtype), ("Tlabels", labels.dtype));
}
