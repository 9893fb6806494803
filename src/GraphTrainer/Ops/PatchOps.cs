using System.Numerics;
using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer;

/// <summary>
/// ExtractImagePatches (NHWC): each output pixel holds the ksize window under it, flattened in (row, column, channel)
/// order with zeros for SAME padding — the im2col rows a convolution multiplies, so the kernel is <see cref="Im2Col.Fill{T}"/>.
/// Its gradient adds each patch back where it came from (<see cref="Im2Col.Accumulate{T}"/>), as one internal op
/// (TensorFlow composes it from a sparse matmul).
/// </summary>
internal static unsafe class PatchOps
{
    private static readonly DType[] Floats = { DType.Float32, DType.Float64 };
    private const string Extract = "ExtractImagePatches", Grad = "_ExtractImagePatchesGrad";

    public static void Register()
    {
        OpRegistry.Register(new OpDef
        {
            Type = Extract, DTypes = Floats, InferShapes = Infer,
            Gradient = (op, g) => new[]
            {
                OpBuilder.Op1(Grad, new[] { ArrayOps.Shape(op.Inputs[0]), g[0] }, g[0].dtype, Grad, AttrsOf(op, g[0].dtype)),
            },
        });
        KernelRegistry.RegisterFloats(Extract, n => Kernel<float>(n, gradient: false), n => Kernel<double>(n, gradient: false));
        OpRegistry.Register(new OpDef { Type = Grad, DTypes = Floats, NotDifferentiable = true, KernelDType = op => op.Outputs[0].dtype,
            InferShapes = op => new[] { ConvAttrs.FromShapeInput(op.Inputs[0]) } });
        KernelRegistry.RegisterFloats(Grad, n => Kernel<float>(n, gradient: true), n => Kernel<double>(n, gradient: true));
    }

    /// <summary>The op with TensorFlow's attrs: ksizes, strides and rates of 4 values (1 for batch and depth).</summary>
    public static Tensor Build(Tensor images, int[] ksizes, int[] strides, int[] rates, string padding, string name)
    {
        ConvAttrs.Validate(Extract, strides, padding, "NHWC", rates, ksizes);
        return OpBuilder.Op1(Extract, new[] { images }, images.dtype, name ?? Extract,
            ("T", images.dtype), ("ksizes", ksizes), ("strides", strides), ("rates", rates), ("padding", padding));
    }

    private static (string, object)[] AttrsOf(Operation op, DType dtype) => new (string, object)[]
    {
        ("T", dtype), ("ksizes", op.GetAttr<int[]>("ksizes")), ("strides", op.GetAttr<int[]>("strides")),
        ("rates", op.GetAttr<int[]>("rates")), ("padding", op.GetAttr<string>("padding")),
    };

    private static TensorShape[] Infer(Operation op)
    {
        var input = op.Inputs[0].shape;
        ShapeRules.RequireRank(input, 4);
        var (k, s, r) = (op.GetAttr<int[]>("ksizes"), op.GetAttr<int[]>("strides"), op.GetAttr<int[]>("rates"));
        string padding = op.GetAttr<string>("padding");
        int oh = ConvAttrs.StaticOutputSize(ConvAttrs.Dim(input, 1), k[1], s[1], r[1], padding);
        int ow = ConvAttrs.StaticOutputSize(ConvAttrs.Dim(input, 2), k[2], s[2], r[2], padding);
        int c = ConvAttrs.Dim(input, 3);
        return new[] { new TensorShape(ConvAttrs.Dim(input, 0), oh, ow, c < 0 ? -1 : k[1] * k[2] * c) };
    }

    private static Kernel Kernel<T>(NodeInfo node, bool gradient) where T : unmanaged, INumber<T>
    {
        var (k, s, r) = (node.Attr<int[]>("ksizes"), node.Attr<int[]>("strides"), node.Attr<int[]>("rates"));
        string padding = node.Attr("padding", "VALID");
        return ctx =>
        {
            var inputShape = gradient ? ValueConversion.ToInt32Array(ctx.Input(0)) : ctx.Input(0).Shape;
            if (inputShape.Length != 4) throw new InvalidArgumentError($"input must be 4-dimensional (node '{node.Name}')");
            ConvGeometry g;
            try { g = ConvGeometry.Create(inputShape[0], inputShape[1], inputShape[2], inputShape[3], k[1], k[2], inputShape[3], s[1], s[2], r[1], r[2], padding); }
            catch (InvalidArgumentError e) { throw new InvalidArgumentError($"{e.Message} (node '{node.Name}')"); }
            int[] patchShape = { g.N, g.OH, g.OW, g.K };
            if (!gradient)
            {
                var patches = ctx.Output(0, patchShape);
                fixed (T* x = ctx.Input(0).Span<T>(), p = patches.Span<T>())
                    for (int n = 0; n < g.N; n++)
                        Im2Col.Fill(g, x + (long)n * g.InPerImage, 0, g.OutPerImage, p + (long)n * g.OutPerImage * g.K);
                return;
            }
            var grad = ctx.Input(1);
            if (!grad.Shape.AsSpan().SequenceEqual(patchShape))
                throw new InvalidArgumentError($"gradient shape {TensorValue.ShapeString(grad.Shape)} does not match the patches' {TensorValue.ShapeString(patchShape)} (node '{node.Name}')");
            var dx = ctx.Output(0, inputShape);
            dx.Span<T>().Clear();
            fixed (T* dp = grad.Span<T>(), d = dx.Span<T>())
                for (int n = 0; n < g.N; n++)
                    Im2Col.Accumulate(g, dp + (long)n * g.OutPerImage * g.K, 0, g.OutPerImage, d + (long)n * g.InPerImage);
        };
    }
}
