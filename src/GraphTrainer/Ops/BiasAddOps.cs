using System.Numerics;
using System.Numerics.Tensors;
using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>BiasAdd (a [C] bias added along the channel dimension) and its gradient BiasAddGrad (the sum over all else).</summary>
internal static class BiasAddOps
{
    private static readonly DType[] Floats = { DType.Float32, DType.Float64 };

    public static void Register()
    {
        OpRegistry.Register(new OpDef
        {
            Type = "BiasAdd", DTypes = Floats, InferShapes = InferBiasAdd,
            Gradient = (op, g) => new[]
            {
                g[0],
                OpBuilder.Op1("BiasAddGrad", new[] { g[0] }, g[0].dtype, "BiasAddGrad", ("T", g[0].dtype), ("data_format", Format(op))),
            },
        });
        KernelRegistry.RegisterFloats("BiasAdd", BiasAddKernel<float>, BiasAddKernel<double>);

        OpRegistry.Register(new OpDef
        {
            Type = "BiasAddGrad", DTypes = Floats, NotDifferentiable = true,
            InferShapes = op => new[] { new TensorShape(ChannelDim(op.Inputs[0].shape, Format(op))) },
        });
        KernelRegistry.RegisterFloats("BiasAddGrad", BiasAddGradKernel<float>, BiasAddGradKernel<double>);
    }

    private static string Format(Operation op) => op.GetAttrOrDefault("data_format", "NHWC");

    // NHWC puts channels last; NCHW second (for any rank ≥ 2, as TensorFlow's BiasAdd).
    private static int ChannelDim(TensorShape value, string format)
    {
        if (!value.HasRank) return -1;
        return format == "NCHW" && value.ndim >= 3 ? value[1] : value[-1];
    }

    private static TensorShape[] InferBiasAdd(Operation op)
    {
        var value = op.Inputs[0].shape;
        var bias = op.Inputs[1].shape;
        ShapeRules.RequireRank(bias, 1);
        if (value.HasRank && value.ndim < 2) throw new ShapeError($"Shape must be at least rank 2 but is rank {value.ndim}");
        int channels = ChannelDim(value, Format(op)), biasSize = bias.HasRank ? bias[0] : -1;
        if (channels >= 0 && biasSize >= 0 && channels != biasSize) throw new ShapeError($"Dimensions must be equal, but are {channels} and {biasSize}");
        return new[] { value };
    }

    // The value as (outer, channels, inner): NHWC has inner 1; NCHW repeats each channel over the spatial size.
    internal static (int Outer, int Channels, int Inner) Layout(NodeInfo node, int[] shape)
    {
        if (shape.Length < 2) throw new InvalidArgumentError($"Input tensor must be at least 2D: {TensorValue.ShapeString(shape)} (node '{node.Name}')");
        bool nchw = node.Attr("data_format", "NHWC") == "NCHW" && shape.Length >= 3;
        int channelAxis = nchw ? 1 : shape.Length - 1;
        int outer = 1, inner = 1;
        for (int i = 0; i < channelAxis; i++) outer *= shape[i];
        for (int i = channelAxis + 1; i < shape.Length; i++) inner *= shape[i];
        return (outer, shape[channelAxis], inner);
    }

    private static Kernel BiasAddKernel<T>(NodeInfo node) where T : unmanaged, INumber<T> => ctx =>
    {
        var value = ctx.Input(0);
        var bias = ctx.Input(1);
        var (outer, channels, inner) = Layout(node, value.Shape);
        if (bias.Rank != 1 || bias.Length != channels)
            throw new InvalidArgumentError($"Must provide as many biases as the channel dimension of the input tensor: {TensorValue.ShapeString(bias.Shape)} vs. {TensorValue.ShapeString(value.Shape)} (node '{node.Name}')");
        var output = ctx.Output(0, value.Shape);
        ReadOnlySpan<T> x = value.Span<T>(), b = bias.Span<T>();
        var y = output.Span<T>();
        for (int o = 0; o < outer; o++)
        {
            if (inner == 1)
            {
                int row = o * channels;
                TensorPrimitives.Add(x.Slice(row, channels), b, y.Slice(row, channels));
                continue;
            }
            for (int c = 0; c < channels; c++)
            {
                int plane = (o * channels + c) * inner;
                TensorPrimitives.Add(x.Slice(plane, inner), b[c], y.Slice(plane, inner));
            }
        }
    };

    private static Kernel BiasAddGradKernel<T>(NodeInfo node) where T : unmanaged, INumber<T> => ctx =>
    {
        var grad = ctx.Input(0);
        var (outer, channels, inner) = Layout(node, grad.Shape);
        var output = ctx.Output(0, stackalloc int[] { channels });
        ReadOnlySpan<T> g = grad.Span<T>();
        var sum = output.Span<T>();
        sum.Clear();
        for (int o = 0; o < outer; o++)
        {
            if (inner == 1)
            {
                TensorPrimitives.Add(sum, g.Slice(o * channels, channels), sum);
                continue;
            }
            for (int c = 0; c < channels; c++) sum[c] += TensorPrimitives.Sum(g.Slice((o * channels + c) * inner, inner));
        }
    };

    /// <summary>tf.nn.bias_add's op.</summary>
    public static Tensor BiasAdd(Tensor value, Tensor bias, string dataFormat, string name)
    {
        ConvAttrs.RequireOneOf("data_format", dataFormat, "NHWC", "NCHW");
        OpBuilder.RequireSameDType("BiasAdd", new[] { "value", "bias" }, new[] { value, bias });
        return OpBuilder.Op1("BiasAdd", new[] { value, bias }, value.dtype, name ?? "BiasAdd", ("T", value.dtype), ("data_format", dataFormat));
    }
}
