using System.Numerics;
using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>
/// MaxPoolWithArgmax (NHWC): the max pool and, per output, the flattened index of the input it came from,
/// (y·width + x)·channels + c, or ((b·height + y)·width + x)·channels + c with include_batch_in_index (SegNet's unpooling
/// reads it); a tied window's first maximum wins, as MaxPool's. Its gradient MaxPoolGradWithArgmax adds each output's
/// gradient at that index.
/// </summary>
internal static class ArgmaxPoolOps
{
    private static readonly DType[] Floats = { DType.Float32, DType.Float64 };

    public static void Register()
    {
        OpRegistry.Register(new OpDef
        {
            Type = "MaxPoolWithArgmax", DTypes = Floats, KernelDType = op => op.Outputs[0].dtype,
            InferShapes = op => { var s = PoolOps.InferPool(op)[0]; return new[] { s, s }; },
            Gradient = (op, g) => new[]
            {
                OpBuilder.Op1("MaxPoolGradWithArgmax", new[] { op.Inputs[0], g[0], op.Outputs[1] }, op.Inputs[0].dtype, "MaxPoolGradWithArgmax",
                    ("T", op.Inputs[0].dtype), ("Targmax", DType.Int64), ("ksize", op.GetAttr<int[]>("ksize")), ("strides", op.GetAttr<int[]>("strides")),
                    ("padding", op.GetAttr<string>("padding")), ("include_batch_in_index", op.GetAttrOrDefault("include_batch_in_index", false))),
            },
        });
        KernelRegistry.RegisterFloats("MaxPoolWithArgmax", Forward<float>, Forward<double>);
        OpRegistry.Register(new OpDef
        {
            Type = "MaxPoolGradWithArgmax", DTypes = Floats, KernelDType = op => op.Outputs[0].dtype, NotDifferentiable = true,
            InferShapes = op => new[] { op.Inputs[0].shape },
        });
        KernelRegistry.RegisterFloats("MaxPoolGradWithArgmax", Gradient<float>, Gradient<double>);
    }

    /// <summary>The op with its attrs; returns (output, argmax).</summary>
    public static (Tensor Output, Tensor Argmax) Build(Tensor input, int[] ksize, int[] strides, string padding, bool includeBatchInIndex, string name)
    {
        ConvAttrs.Validate("MaxPoolWithArgmax", strides, padding, "NHWC", ksize: ksize);
        var op = OpBuilder.Op("MaxPoolWithArgmax", new[] { input }, new[] { input.dtype, DType.Int64 }, name ?? "MaxPoolWithArgmax",
            ("T", input.dtype), ("Targmax", DType.Int64), ("ksize", ksize), ("strides", strides), ("padding", padding),
            ("include_batch_in_index", includeBatchInIndex));
        return (op.Outputs[0], op.Outputs[1]);
    }

    private static Kernel Forward<T>(NodeInfo node) where T : unmanaged, INumber<T>
    {
        var support = new ConvKernelSupport(node);
        bool withBatch = node.Attr("include_batch_in_index", false);
        return ctx =>
        {
            var g = support.Pool(ctx.Input(0).Shape);
            var shape = new[] { g.N, g.OH, g.OW, g.C };
            var x = ctx.Input(0).Span<T>();
            var y = ctx.Output(0, shape).Span<T>();
            var argmax = ctx.Output(1, shape).Span<long>();
            long perImage = (long)g.H * g.W * g.C;
            int o = 0;
            for (int n = 0; n < g.N; n++)
                for (int oy = 0; oy < g.OH; oy++)
                    for (int ox = 0; ox < g.OW; ox++)
                        for (int c = 0; c < g.C; c++, o++)
                        {
                            long best = -1;
                            T max = T.Zero;
                            for (int ky = 0; ky < g.KH; ky++)
                            {
                                int iy = oy * g.SH - g.PadTop + ky;
                                if (iy < 0 || iy >= g.H) continue;
                                for (int kx = 0; kx < g.KW; kx++)
                                {
                                    int ix = ox * g.SW - g.PadLeft + kx;
                                    if (ix < 0 || ix >= g.W) continue;
                                    long at = ((long)iy * g.W + ix) * g.C + c;
                                    T v = x[(int)(n * perImage + at)];
                                    // The first maximum of the window wins a tie (strictly greater replaces it).
                                    if (best < 0 || v > max) (best, max) = (at, v);
                                }
                            }
                            y[o] = max;
                            argmax[o] = withBatch ? n * perImage + best : best;
                        }
        };
    }

    private static Kernel Gradient<T>(NodeInfo node) where T : unmanaged, INumber<T>
    {
        bool withBatch = node.Attr("include_batch_in_index", false);
        return ctx =>
        {
            var input = ctx.Input(0);
            var (grad, argmax) = (ctx.Input(1), ctx.Input(2));
            if (!grad.Shape.AsSpan().SequenceEqual(argmax.Shape) || input.Shape.Length != 4)
                throw new InvalidArgumentError($"grad and argmax must have the same shape, and input 4 dimensions (node '{node.Name}')");
            var dx = ctx.Output(0, input.Shape).Span<T>();
            dx.Clear();
            var g = grad.Span<T>();
            var index = argmax.Span<long>();
            long perImage = (long)input.Shape[1] * input.Shape[2] * input.Shape[3];
            int outputsPerImage = grad.Shape.Length == 4 ? grad.Shape[1] * grad.Shape[2] * grad.Shape[3] : 0;
            for (int o = 0; o < g.Length; o++)
            {
                long at = withBatch ? index[o] : o / outputsPerImage * perImage + index[o];
                if (at < 0 || at >= dx.Length)
                    throw new InvalidArgumentError($"Invalid argmax index {index[o]} (node '{node.Name}')");
                dx[(int)at] += g[o];
            }
        };
    }
}
