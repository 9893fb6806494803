using System.Numerics;
using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer;

/// <summary>MaxPool, AvgPool and their gradient ops MaxPoolGrad and AvgPoolGrad.</summary>
internal static unsafe class PoolOps
{
    private static readonly DType[] Floats = { DType.Float32, DType.Float64 };

    public static void Register()
    {
        // nn_grad.py's _MaxPoolGrad: MaxPoolGrad(orig_input, orig_output, grad) routes each gradient to its window's maximum.
        OpRegistry.Register(new OpDef
        {
            Type = "MaxPool", DTypes = Floats, InferShapes = InferPool,
            Gradient = (op, g) => new[] { OpBuilder.Op1("MaxPoolGrad", new[] { op.Inputs[0], op.Outputs[0], g[0] }, g[0].dtype, "MaxPoolGrad", AttrsOf(op)) },
        });
        KernelRegistry.RegisterFloats("MaxPool", PoolKernel<float>, PoolKernel<double>);
        // Second derivatives of pooling are not supported (as for ReluGrad).
        OpRegistry.Register(new OpDef { Type = "MaxPoolGrad", DTypes = Floats, InferShapes = ShapeRules.SameAsInput0, NotDifferentiable = true });
        KernelRegistry.RegisterFloats("MaxPoolGrad", node => MaxPoolGradKernel<float>(node, false), node => MaxPoolGradKernel<double>(node, false));

        OpRegistry.Register(new OpDef
        {
            Type = "AvgPool", DTypes = Floats, InferShapes = InferPool,
            Gradient = (op, g) => new[] { OpBuilder.Op1("AvgPoolGrad", new[] { ArrayOps.Shape(op.Inputs[0]), g[0] }, g[0].dtype, "AvgPoolGrad", AttrsOf(op)) },
        });
        KernelRegistry.RegisterFloats("AvgPool", PoolKernel<float>, PoolKernel<double>);
        OpRegistry.Register(new OpDef
        {
            Type = "AvgPoolGrad", DTypes = Floats, NotDifferentiable = true, KernelDType = op => op.Outputs[0].dtype,
            InferShapes = op => new[] { ConvAttrs.FromShapeInput(op.Inputs[0]) },
        });
        KernelRegistry.RegisterFloats("AvgPoolGrad", AvgPoolGradKernel<float>, AvgPoolGradKernel<double>);
    }

    // TensorFlow's MaxPoolShape: a rank-4 input, windowed output sizes, channels unchanged.
    internal static TensorShape[] InferPool(Operation op)
    {
        var input = op.Inputs[0].shape;
        ShapeRules.RequireRank(input, 4);
        string format = op.GetAttrOrDefault("data_format", "NHWC");
        var (h, w, c) = ConvAttrs.Axes(format);
        var ksize = op.GetAttr<int[]>("ksize");
        var strides = op.GetAttr<int[]>("strides");
        string padding = op.GetAttr<string>("padding");
        int oh = ConvAttrs.StaticOutputSize(ConvAttrs.Dim(input, h), ksize[h], strides[h], 1, padding);
        int ow = ConvAttrs.StaticOutputSize(ConvAttrs.Dim(input, w), ksize[w], strides[w], 1, padding);
        return new[] { ConvAttrs.Shape(format, ConvAttrs.Dim(input, 0), oh, ow, ConvAttrs.Dim(input, c)) };
    }

    private static Kernel PoolKernel<T>(NodeInfo node) where T : unmanaged, INumber<T>
    {
        var support = new ConvKernelSupport(node);
        bool average = node.Type == "AvgPool";
        return ctx =>
        {
            var g = support.Pool(ctx.Input(0).Shape);
            var y = ctx.Output(0, support.OutputShape(g));
            var x = support.ToNhwc(ctx.Input(0));
            var yNhwc = support.NhwcBuffer(y);
            fixed (T* px = x.Span<T>(), py = yNhwc.Span<T>())
                PoolKernels.Pool(g, px, py, average);
            support.FromNhwc<T>(yNhwc, y);
        };
    }

    /// <summary>MaxPoolGrad; with <paramref name="relu"/>, ReluGrad(MaxPoolGrad(x, y, dy), x) in one pass (PlanFusion).</summary>
    internal static Kernel MaxPoolGradKernel<T>(NodeInfo node, bool relu) where T : unmanaged, INumber<T>
    {
        var support = new ConvKernelSupport(node);
        return ctx =>
        {
            var g = support.Pool(ctx.Input(0).Shape);
            var outShape = support.OutputShape(g);
            support.RequireShape(ctx.Input(1), outShape, "orig_output");
            support.RequireShape(ctx.Input(2), outShape, "grad");
            var dx = ctx.Output(0, ctx.Input(0).Shape);
            var x = support.ToNhwc(ctx.Input(0));
            var y = support.ToNhwc(ctx.Input(1));
            var dy = support.ToNhwc(ctx.Input(2));
            var dxNhwc = support.NhwcBuffer(dx);
            fixed (T* px = x.Span<T>(), py = y.Span<T>(), pdy = dy.Span<T>(), pdx = dxNhwc.Span<T>())
                PoolKernels.MaxPoolGrad(g, px, py, pdy, pdx, relu);
            support.FromNhwc<T>(dxNhwc, dx);
        };
    }

    private static Kernel AvgPoolGradKernel<T>(NodeInfo node) where T : unmanaged, INumber<T>
    {
        var support = new ConvKernelSupport(node);
        return ctx =>
        {
            var inputShape = support.ShapeArgument(ctx.Input(0), "orig_input_shape");
            var g = support.Pool(inputShape);
            support.RequireShape(ctx.Input(1), support.OutputShape(g), "grad");
            var dx = ctx.Output(0, inputShape);
            var dy = support.ToNhwc(ctx.Input(1));
            var dxNhwc = support.NhwcBuffer(dx);
            fixed (T* pdy = dy.Span<T>(), pdx = dxNhwc.Span<T>())
                PoolKernels.AvgPoolGrad(g, pdy, pdx);
            support.FromNhwc<T>(dxNhwc, dx);
        };
    }

    private static (string, object)[] Attrs(DType dtype, int[] ksize, int[] strides, string padding, string dataFormat) => new (string, object)[]
    {
        ("T", dtype), ("ksize", ksize), ("strides", strides), ("padding", padding), ("data_format", dataFormat),
    };

    private static (string, object)[] AttrsOf(Operation op) => Attrs(op.Outputs[0].dtype, op.GetAttr<int[]>("ksize"), op.GetAttr<int[]>("strides"),
        op.GetAttr<string>("padding"), op.GetAttrOrDefault("data_format", "NHWC"));

    /// <summary>A MaxPool or AvgPool op, after validating its attrs.</summary>
    public static Tensor Pool(string type, Tensor value, int[] ksize, int[] strides, string padding, string dataFormat, string name)
    {
        ConvAttrs.Validate(type, strides, padding, dataFormat, ksize: ksize);
        return OpBuilder.Op1(type, new[] { value }, value.dtype, name ?? type, Attrs(value.dtype, ksize, strides, padding, dataFormat));
    }
}
