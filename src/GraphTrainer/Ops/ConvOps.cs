using System.Numerics;
using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer;

/// <summary>Conv2D and its gradients Conv2DBackpropInput and Conv2DBackpropFilter (filters [KH, KW, in, out]).</summary>
internal static unsafe class ConvOps
{
    private static readonly DType[] Floats = { DType.Float32, DType.Float64 };

    public static void Register()
    {
        // nn_grad.py's _Conv2DGrad: the input gradient and the filter gradient, each its own op.
        OpRegistry.Register(new OpDef
        {
            Type = "Conv2D", DTypes = Floats, InferShapes = InferConv2D,
            Gradient = (op, g) => new[]
            {
                BackpropInput(ArrayOps.Shape(op.Inputs[0]), op.Inputs[1], g[0], op),
                BackpropFilter(op.Inputs[0], ArrayOps.Shape(op.Inputs[1]), g[0], op),
            },
        });
        KernelRegistry.RegisterFloats("Conv2D", Conv2DKernel<float>, Conv2DKernel<double>);

        // Inputs (input_sizes, filter, out_backprop); its own gradient is a filter gradient and a convolution.
        OpRegistry.Register(new OpDef
        {
            Type = "Conv2DBackpropInput", DTypes = Floats, KernelDType = op => op.Outputs[0].dtype,
            InferShapes = op => new[] { ConvAttrs.FromShapeInput(op.Inputs[0]) },
            Gradient = (op, g) => new[]
            {
                null,
                BackpropFilter(g[0], ArrayOps.Shape(op.Inputs[1]), op.Inputs[2], op),
                Conv2D(g[0], op.Inputs[1], op),
            },
        });
        KernelRegistry.RegisterFloats("Conv2DBackpropInput", BackpropInputKernel<float>, BackpropInputKernel<double>);

        // Inputs (input, filter_sizes, out_backprop).
        OpRegistry.Register(new OpDef
        {
            Type = "Conv2DBackpropFilter", DTypes = Floats,
            InferShapes = op => new[] { ConvAttrs.FromShapeInput(op.Inputs[1]) },
            Gradient = (op, g) => new[]
            {
                BackpropInput(ArrayOps.Shape(op.Inputs[0]), g[0], op.Inputs[2], op),
                null,
                Conv2D(op.Inputs[0], g[0], op),
            },
        });
        KernelRegistry.RegisterFloats("Conv2DBackpropFilter", BackpropFilterKernel<float>, BackpropFilterKernel<double>);
    }

    // TensorFlow's Conv2DShape: rank-4 input and filter, equal in-channels, windowed output sizes.
    private static TensorShape[] InferConv2D(Operation op)
    {
        var input = op.Inputs[0].shape;
        var filter = op.Inputs[1].shape;
        ShapeRules.RequireRank(input, 4);
        ShapeRules.RequireRank(filter, 4);
        string format = op.GetAttrOrDefault("data_format", "NHWC");
        int inC = ConvAttrs.Dim(input, ConvAttrs.Axes(format).C), filterC = ConvAttrs.Dim(filter, 2);
        if (inC >= 0 && filterC >= 0 && inC != filterC) throw new ShapeError($"Dimensions must be equal, but are {inC} and {filterC}");
        var (oh, ow) = ConvAttrs.StaticOutputSize(op, input, filter);
        return new[] { ConvAttrs.Shape(format, ConvAttrs.Dim(input, 0), oh, ow, ConvAttrs.Dim(filter, 3)) };
    }

    private static Kernel Conv2DKernel<T>(NodeInfo node) where T : unmanaged, INumber<T>
    {
        var support = new ConvKernelSupport(node);
        return ctx =>
        {
            var g = support.Conv(ctx.Input(0).Shape, ctx.Input(1).Shape);
            var y = ctx.Output(0, support.OutputShape(g));
            var x = support.ToNhwc(ctx.Input(0));
            var yNhwc = support.NhwcBuffer(y);
            fixed (T* px = x.Span<T>(), pf = ctx.Input(1).Span<T>(), py = yNhwc.Span<T>())
                ConvKernels.Forward(g, px, pf, null, false, py);
            support.FromNhwc<T>(yNhwc, y);
        };
    }

    private static Kernel BackpropInputKernel<T>(NodeInfo node) where T : unmanaged, INumber<T>
    {
        var support = new ConvKernelSupport(node);
        return ctx =>
        {
            var inputShape = support.ShapeArgument(ctx.Input(0), "input_sizes");
            var g = support.Conv(inputShape, ctx.Input(1).Shape);
            support.RequireShape(ctx.Input(2), support.OutputShape(g), "out_backprop");
            var dx = ctx.Output(0, inputShape);
            var dy = support.ToNhwc(ctx.Input(2));
            var dxNhwc = support.NhwcBuffer(dx);
            fixed (T* pf = ctx.Input(1).Span<T>(), pdy = dy.Span<T>(), pdx = dxNhwc.Span<T>())
                ConvKernels.BackpropInput(g, pf, pdy, pdx);
            support.FromNhwc<T>(dxNhwc, dx);
        };
    }

    private static Kernel BackpropFilterKernel<T>(NodeInfo node) where T : unmanaged, INumber<T>
    {
        var support = new ConvKernelSupport(node);
        return ctx =>
        {
            var filterShape = support.ShapeArgument(ctx.Input(1), "filter_sizes");
            var g = support.Conv(ctx.Input(0).Shape, filterShape);
            support.RequireShape(ctx.Input(2), support.OutputShape(g), "out_backprop");
            var df = ctx.Output(0, filterShape);
            var x = support.ToNhwc(ctx.Input(0));
            var dy = support.ToNhwc(ctx.Input(2));
            fixed (T* px = x.Span<T>(), pdy = dy.Span<T>(), pdf = df.Span<T>())
                ConvKernels.BackpropFilter(g, px, pdy, pdf);
        };
    }

    private static (string, object)[] Attrs(DType dtype, int[] strides, string padding, string dataFormat, int[] dilations) => new (string, object)[]
    {
        ("T", dtype), ("strides", strides), ("use_cudnn_on_gpu", true), ("padding", padding),
        ("explicit_paddings", Array.Empty<int>()), ("data_format", dataFormat), ("dilations", dilations),
    };

    private static (string, object)[] AttrsOf(Operation op, DType dtype) => Attrs(dtype, op.GetAttr<int[]>("strides"), op.GetAttr<string>("padding"),
        op.GetAttrOrDefault("data_format", "NHWC"), op.GetAttrOrDefault("dilations", new[] { 1, 1, 1, 1 }));

    /// <summary>tf.nn.conv2d's op, after the attrs were validated.</summary>
    public static Tensor Conv2D(Tensor input, Tensor filter, int[] strides, string padding, string dataFormat, int[] dilations, string name = null)
    {
        ConvAttrs.Validate("Conv2D", strides, padding, dataFormat, dilations);
        OpBuilder.RequireSameDType("Conv2D", new[] { "input", "filter" }, new[] { input, filter });
        return OpBuilder.Op1("Conv2D", new[] { input, filter }, input.dtype, name ?? "Conv2D", Attrs(input.dtype, strides, padding, dataFormat, dilations));
    }

    private static Tensor Conv2D(Tensor input, Tensor filter, Operation like) =>
        OpBuilder.Op1("Conv2D", new[] { input, filter }, input.dtype, "Conv2D", AttrsOf(like, input.dtype));

    /// <summary>A Conv2DBackpropInput or Conv2DBackpropFilter op built from the API (conv2d_transpose, conv2d_backprop_*), after validating its attrs.</summary>
    public static Tensor Backprop(string type, Tensor[] inputs, DType dtype, int[] strides, string padding, string dataFormat, int[] dilations, string name)
    {
        ConvAttrs.Validate(type, strides, padding, dataFormat, dilations);
        return OpBuilder.Op1(type, inputs, dtype, name ?? type, Attrs(dtype, strides, padding, dataFormat, dilations));
    }

    /// <summary>The gradient of a convolution with respect to its input, shaped by <paramref name="inputSizes"/>.</summary>
    public static Tensor BackpropInput(Tensor inputSizes, Tensor filter, Tensor outBackprop, Operation like) =>
        OpBuilder.Op1("Conv2DBackpropInput", new[] { inputSizes, filter, outBackprop }, filter.dtype, "Conv2DBackpropInput", AttrsOf(like, filter.dtype));

    /// <summary>The gradient of a convolution with respect to its filter, shaped by <paramref name="filterSizes"/>.</summary>
    public static Tensor BackpropFilter(Tensor input, Tensor filterSizes, Tensor outBackprop, Operation like) =>
        OpBuilder.Op1("Conv2DBackpropFilter", new[] { input, filterSizes, outBackprop }, input.dtype, "Conv2DBackpropFilter", AttrsOf(like, input.dtype));
}
