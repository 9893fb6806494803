using System.Numerics;
using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer;

/// <summary>
/// DepthwiseConv2dNative (each input channel convolved with its own channel_multiplier filters: output channel
/// c·M + m) and its gradient ops DepthwiseConv2dNativeBackpropInput and DepthwiseConv2dNativeBackpropFilter, NHWC on the
/// CPU as in TensorFlow. Filters are [KH, KW, C, M].
/// </summary>
internal static unsafe class DepthwiseConvOps
{
    private static readonly DType[] Floats = { DType.Float32, DType.Float64 };
    private const string Forward = "DepthwiseConv2dNative", BackpropInputType = "DepthwiseConv2dNativeBackpropInput",
        BackpropFilterType = "DepthwiseConv2dNativeBackpropFilter";

    public static void Register()
    {
        OpRegistry.Register(new OpDef
        {
            Type = Forward, DTypes = Floats, InferShapes = Infer,
            Gradient = (op, g) => new[]
            {
                Op(BackpropInputType, new[] { ArrayOps.Shape(op.Inputs[0]), op.Inputs[1], g[0] }, op),
                Op(BackpropFilterType, new[] { op.Inputs[0], ArrayOps.Shape(op.Inputs[1]), g[0] }, op),
            },
        });
        KernelRegistry.RegisterFloats(Forward, n => Kernel<float>(n, Mode.Forward), n => Kernel<double>(n, Mode.Forward));
        OpRegistry.Register(new OpDef { Type = BackpropInputType, DTypes = Floats, NotDifferentiable = true, KernelDType = op => op.Outputs[0].dtype,
            InferShapes = op => new[] { ConvAttrs.FromShapeInput(op.Inputs[0]) } });
        KernelRegistry.RegisterFloats(BackpropInputType, n => Kernel<float>(n, Mode.Input), n => Kernel<double>(n, Mode.Input));
        OpRegistry.Register(new OpDef { Type = BackpropFilterType, DTypes = Floats, NotDifferentiable = true, KernelDType = op => op.Outputs[0].dtype,
            InferShapes = op => new[] { ConvAttrs.FromShapeInput(op.Inputs[1]) } });
        KernelRegistry.RegisterFloats(BackpropFilterType, n => Kernel<float>(n, Mode.Filter), n => Kernel<double>(n, Mode.Filter));
    }

    /// <summary>tf.nn.depthwise_conv2d_native's op, after the attrs were validated.</summary>
    public static Tensor DepthwiseConv2D(Tensor input, Tensor filter, int[] strides, string padding, string dataFormat, int[] dilations, string name)
    {
        ConvAttrs.Validate(Forward, strides, padding, dataFormat, dilations);
        OpBuilder.RequireSameDType(Forward, new[] { "input", "filter" }, new[] { input, filter });
        return OpBuilder.Op1(Forward, new[] { input, filter }, input.dtype, name ?? Forward, Attrs(input.dtype, strides, padding, dataFormat, dilations));
    }

    private static Tensor Op(string type, Tensor[] inputs, Operation like) =>
        OpBuilder.Op1(type, inputs, like.Inputs[0].dtype, type, Attrs(like.Inputs[0].dtype, like.GetAttr<int[]>("strides"), like.GetAttr<string>("padding"),
            like.GetAttrOrDefault("data_format", "NHWC"), like.GetAttrOrDefault("dilations", new[] { 1, 1, 1, 1 })));

    private static (string, object)[] Attrs(DType dtype, int[] strides, string padding, string dataFormat, int[] dilations) => new (string, object)[]
    {
        ("T", dtype), ("strides", strides), ("padding", padding), ("data_format", dataFormat), ("dilations", dilations),
    };

    // TensorFlow's DepthwiseConv2DNativeShape: rank 4, equal in-channels, C·M output channels.
    private static TensorShape[] Infer(Operation op)
    {
        var (input, filter) = (op.Inputs[0].shape, op.Inputs[1].shape);
        ShapeRules.RequireRank(input, 4);
        ShapeRules.RequireRank(filter, 4);
        string format = op.GetAttrOrDefault("data_format", "NHWC");
        int inC = ConvAttrs.Dim(input, ConvAttrs.Axes(format).C), filterC = ConvAttrs.Dim(filter, 2), m = ConvAttrs.Dim(filter, 3);
        if (inC >= 0 && filterC >= 0 && inC != filterC) throw new ShapeError($"Dimensions must be equal, but are {inC} and {filterC}");
        var (oh, ow) = ConvAttrs.StaticOutputSize(op, input, filter);
        int channels = inC >= 0 ? inC : filterC;
        return new[] { ConvAttrs.Shape(format, ConvAttrs.Dim(input, 0), oh, ow, channels >= 0 && m >= 0 ? channels * m : -1) };
    }

    private enum Mode { Forward, Input, Filter }

    private static Kernel Kernel<T>(NodeInfo node, Mode mode) where T : unmanaged, INumber<T>
    {
        var support = new ConvKernelSupport(node);
        return ctx =>
        {
            if (support.Nchw) throw new InvalidArgumentError($"Depthwise convolution on CPU is only supported for NHWC format (node '{node.Name}')");
            var inputShape = mode == Mode.Input ? support.ShapeArgument(ctx.Input(0), "input_sizes") : ctx.Input(0).Shape;
            var filterShape = mode == Mode.Filter ? support.ShapeArgument(ctx.Input(1), "filter_sizes") : ctx.Input(1).Shape;
            var g = support.Conv(inputShape, filterShape); // OC is the channel multiplier here
            int[] outputShape = { g.N, g.OH, g.OW, g.C * g.OC };
            if (mode != Mode.Forward) support.RequireShape(ctx.Input(2), outputShape, "out_backprop");
            var result = ctx.Output(0, mode switch { Mode.Forward => outputShape, Mode.Input => inputShape, _ => filterShape });
            var span = result.Span<T>();
            span.Clear();
            fixed (T* out_ = span, a = ctx.Input(mode == Mode.Input ? 1 : 0).Span<T>(), b = ctx.Input(mode == Mode.Forward ? 1 : 2).Span<T>())
                Run(g, mode, a, b, out_);
        };
    }

    // One loop nest for the three: every (output position, tap, channel, multiplier) term x·f = y, accumulated into the
    // op's output. Forward: a = x, b = f, out = y; input gradient: a = f, b = dy, out = dx; filter gradient: a = x, b = dy, out = df.
    private static void Run<T>(in ConvGeometry g, Mode mode, T* a, T* b, T* out_) where T : unmanaged, INumber<T>
    {
        int c = g.C, m = g.OC, cm = c * m;
        for (int n = 0; n < g.N; n++)
            for (int oy = 0; oy < g.OH; oy++)
                for (int ox = 0; ox < g.OW; ox++)
                {
                    long yAt = (((long)n * g.OH + oy) * g.OW + ox) * cm;
                    for (int ky = 0; ky < g.KH; ky++)
                    {
                        int iy = oy * g.SH - g.PadTop + ky * g.DH;
                        if (iy < 0 || iy >= g.H) continue;
                        for (int kx = 0; kx < g.KW; kx++)
                        {
                            int ix = ox * g.SW - g.PadLeft + kx * g.DW;
                            if (ix < 0 || ix >= g.W) continue;
                            long xAt = (((long)n * g.H + iy) * g.W + ix) * c, fAt = ((long)ky * g.KW + kx) * cm;
                            switch (mode)
                            {
                                case Mode.Forward:
                                    for (int ch = 0, j = 0; ch < c; ch++)
                                        for (int k = 0; k < m; k++, j++) out_[yAt + j] += a[xAt + ch] * b[fAt + j];
                                    break;
                                case Mode.Input:
                                    for (int ch = 0, j = 0; ch < c; ch++)
                                        for (int k = 0; k < m; k++, j++) out_[xAt + ch] += a[fAt + j] * b[yAt + j];
                                    break;
                                default:
                                    for (int ch = 0, j = 0; ch < c; ch++)
                                        for (int k = 0; k < m; k++, j++) out_[fAt + j] += a[xAt + ch] * b[yAt + j];
                                    break;
                            }
                        }
                    }
                }
    }
}
