using System.Numerics;
using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer;

/// <summary>
/// Kernels for op chains that <see cref="PlanFusion"/> runs as one step. They never appear in a graph (no
/// OpDef); their nodes carry the MatMul's attrs and the name of the op whose output they produce.
/// </summary>
internal static class FusedOps
{
    /// <summary>MatMul + bias add (+ Relu): inputs a, b, bias; attr "relu". TensorFlow's grappler calls it _FusedMatMul.</summary>
    public const string MatMulBias = "_FusedMatMul";

    /// <summary>MatMul whose only reader is ApplyGradientDescent: var += −alpha·op(a)·op(b); inputs var, alpha, a, b.</summary>
    public const string MatMulApplyGradientDescent = "_FusedMatMulApplyGradientDescent";

    /// <summary>
    /// ApplyAdam(var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, MatMul(a, b)): inputs ApplyAdam's first
    /// nine then a, b; attrs transpose_a, transpose_b. The gradient is made and applied a block of rows at a time.
    /// </summary>
    public const string MatMulApplyAdam = "_FusedMatMulApplyAdam";

    /// <summary>ReluGrad(MaxPoolGrad(x, y, dy), x), x a ReLU's output: MaxPoolGrad's inputs and attrs (NHWC).</summary>
    public const string MaxPoolGradReluGrad = "_FusedMaxPoolGradReluGrad";

    /// <summary>
    /// Conv2D (+ bias, attr "has_bias") (+ Relu, attr "relu") (+ MaxPool, attrs "pool_ksize", "pool_strides",
    /// "pool_padding"): inputs x, filter[, bias]; NHWC. TensorFlow's grappler calls the unpooled form _FusedConv2D.
    /// </summary>
    public const string Conv2D = "_FusedConv2D";

    public static void Register()
    {
        KernelRegistry.Register(Conv2D, KernelRegistry.Cpu, DType.Float32, FusedConv<float>);
        KernelRegistry.Register(Conv2D, KernelRegistry.Cpu, DType.Float64, FusedConv<double>);
        KernelRegistry.Register(MatMulBias, KernelRegistry.Cpu, DType.Float32, FusedMatMul);
        KernelRegistry.Register(MatMulApplyGradientDescent, KernelRegistry.Cpu, DType.Float32, GemmIntoVariable<float>);
        KernelRegistry.Register(MatMulApplyGradientDescent, KernelRegistry.Cpu, DType.Float64, GemmIntoVariable<double>);
        KernelRegistry.Register(MatMulApplyAdam, KernelRegistry.Cpu, DType.Float32, GemmIntoAdam<float>);
        KernelRegistry.RegisterFloats(MaxPoolGradReluGrad, node => PoolOps.MaxPoolGradKernel<float>(node, true), node => PoolOps.MaxPoolGradKernel<double>(node, true));
        KernelRegistry.Register(MatMulApplyAdam, KernelRegistry.Cpu, DType.Float64, GemmIntoAdam<double>);
    }

    private static Kernel FusedMatMul(NodeInfo node)
    {
        bool ta = node.Attr("transpose_a", false), tb = node.Attr("transpose_b", false), relu = node.Attr("relu", false);
        return ctx =>
        {
            TensorValue a = ctx.Input(0), b = ctx.Input(1), bias = ctx.Input(2);
            var (m, n, k) = MatMulOps.Dimensions(node, a, b, ta, tb);
            // The bias is [n] or [1, n] (PlanFusion checked the static shapes); a fed or reshaped one is checked here.
            if (bias.Length != n || bias.Rank > 2 || (bias.Rank == 2 && bias.Shape[0] != 1))
                throw new InvalidArgumentError($"Incompatible shapes: [{m},{n}] vs. {TensorValue.ShapeString(bias.Shape)} (node '{node.Name}')");
            var c = ctx.Output(0, stackalloc int[] { m, n });
            var (lda, ldb) = MatMulDispatch.LeadingDimensions(ta, tb, m, n, k);
            Gemm.SgemmBiasAct(ta, tb, m, n, k, a.Span<float>(), lda, b.Span<float>(), ldb, bias.Span<float>(), relu, c.Span<float>(), n);
        };
    }

    private static unsafe Kernel FusedConv<T>(NodeInfo node) where T : unmanaged, INumber<T>
    {
        var conv = new ConvKernelSupport(node);
        bool relu = node.Attr("relu", false), hasBias = node.Attr("has_bias", false);
        var poolAttrs = node.Attr<int[]>("pool_ksize") is { } ksize
            ? new ConvKernelSupport(new NodeInfo
            {
                Name = node.Name, Type = "MaxPool", InputDTypes = node.InputDTypes, OutputDTypes = node.OutputDTypes, InputNodeNames = node.InputNodeNames,
                Attrs = new Dictionary<string, object> { ["ksize"] = ksize, ["strides"] = node.Attr<int[]>("pool_strides"), ["padding"] = node.Attr<string>("pool_padding") },
            })
            : null;
        return ctx =>
        {
            TensorValue x = ctx.Input(0), f = ctx.Input(1);
            var g = conv.Conv(x.Shape, f.Shape);
            if (hasBias && (ctx.Input(2).Rank != 1 || ctx.Input(2).Length != g.OC))
                throw new InvalidArgumentError($"Incompatible shapes: {TensorValue.ShapeString(conv.OutputShape(g))} vs. {TensorValue.ShapeString(ctx.Input(2).Shape)} (node '{node.Name}')");
            ConvGeometry? pool = poolAttrs?.Pool(conv.OutputShape(g));
            var y = ctx.Output(0, pool is { } p ? poolAttrs.OutputShape(p) : conv.OutputShape(g));
            fixed (T* px = x.Span<T>(), pf = f.Span<T>(), pb = hasBias ? ctx.Input(2).Span<T>() : default, py = y.Span<T>())
                ConvKernels.Forward(g, px, pf, hasBias ? pb : null, relu, py, pool);
        };
    }

    private static Kernel GemmIntoVariable<T>(NodeInfo node) where T : unmanaged, INumber<T>
    {
        bool ta = node.Attr("transpose_a", false), tb = node.Attr("transpose_b", false);
        return ctx =>
        {
            TensorValue var = ctx.Input(0), a = ctx.Input(2), b = ctx.Input(3);
            T alpha = ctx.Input(1).ScalarValue<T>();
            var (m, n, k) = MatMulOps.Dimensions(node, a, b, ta, tb);
            TrainingOps.CheckShape(node, var, stackalloc int[] { m, n }, "delta");
            // C = (−alpha)·op(A)·op(B) + 1·C: the gradient is accumulated straight into the variable.
            var (lda, ldb) = MatMulDispatch.LeadingDimensions(ta, tb, m, n, k);
            if (typeof(T) == typeof(float))
                Gemm.Sgemm(ta, tb, m, n, k, -float.CreateTruncating(alpha), a.Span<float>(), lda, b.Span<float>(), ldb, 1f, var.Span<float>(), n);
            else
                Gemm.Dgemm(ta, tb, m, n, k, -double.CreateTruncating(alpha), a.Span<double>(), lda, b.Span<double>(), ldb, 1.0, var.Span<double>(), n);
            ctx.SetOutput(0, var);
        };
    }

    private static unsafe Kernel GemmIntoAdam<T>(NodeInfo node) where T : unmanaged, IRootFunctions<T>, INumber<T>
    {
        bool ta = node.Attr("transpose_a", false), tb = node.Attr("transpose_b", false);
        return ctx =>
        {
            TensorValue var = ctx.Input(0), m = ctx.Input(1), v = ctx.Input(2), a = ctx.Input(9), b = ctx.Input(10);
            var (rows, n, k) = MatMulOps.Dimensions(node, a, b, ta, tb);
            TrainingOps.CheckShape(node, var, stackalloc int[] { rows, n }, "grad");
            TrainingOps.CheckShape(node, var, m.Shape, "m");
            TrainingOps.CheckShape(node, var, v.Shape, "v");
            fixed (T* pVar = var.Span<T>(), pM = m.Span<T>(), pV = v.Span<T>(), pA = a.Span<T>(), pB = b.Span<T>())
                MatMulAdamKernel.Apply(pVar, pM, pV, ctx.Input(3).ScalarValue<T>(), ctx.Input(4).ScalarValue<T>(), ctx.Input(5).ScalarValue<T>(),
                    ctx.Input(6).ScalarValue<T>(), ctx.Input(7).ScalarValue<T>(), ctx.Input(8).ScalarValue<T>(), ta, pA, tb, pB, rows, n, k);
            ctx.SetOutput(0, var);
        };
    }
}
