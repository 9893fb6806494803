using System.Numerics;
using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>
/// LRN (local response normalization across channels, AlexNet's and TensorFlow's CIFAR-10 tutorial's) and its gradient
/// op LRNGrad: y = x / (bias + alpha · Σ x²)^beta, the sum over channels d − depth_radius … d + depth_radius of the same
/// pixel, on the last axis of a 4-D input.
/// </summary>
internal static class LrnOps
{
    private static readonly DType[] Floats = { DType.Float32, DType.Float64 };

    public static void Register()
    {
        OpRegistry.Register(new OpDef
        {
            Type = "LRN", DTypes = Floats,
            InferShapes = op =>
            {
                ShapeRules.RequireRank(op.Inputs[0].shape, 4);
                return new[] { op.Inputs[0].shape };
            },
            Gradient = (op, g) => new[]
            {
                OpBuilder.Op1("LRNGrad", new[] { g[0], op.Inputs[0], op.Outputs[0] }, g[0].dtype, "LRNGrad",
                    ("T", g[0].dtype), ("depth_radius", op.GetAttr<int>("depth_radius")), ("bias", op.GetAttr<float>("bias")),
                    ("alpha", op.GetAttr<float>("alpha")), ("beta", op.GetAttr<float>("beta"))),
            },
        });
        KernelRegistry.Register("LRN", KernelRegistry.Cpu, DType.Float32, n => Forward<float>(n));
        KernelRegistry.Register("LRN", KernelRegistry.Cpu, DType.Float64, n => Forward<double>(n));
        // As TensorFlow, LRNGrad has no gradient of its own.
        OpRegistry.Register(new OpDef { Type = "LRNGrad", DTypes = Floats, InferShapes = ShapeRules.SameAsInput0, NotDifferentiable = true });
        KernelRegistry.Register("LRNGrad", KernelRegistry.Cpu, DType.Float32, n => Gradient<float>(n));
        KernelRegistry.Register("LRNGrad", KernelRegistry.Cpu, DType.Float64, n => Gradient<double>(n));
    }

    /// <summary>The LRN op with TensorFlow's attrs (depth_radius 5, bias 1, alpha 1, beta 0.5 by default).</summary>
    public static Tensor Lrn(Tensor input, int depthRadius, double bias, double alpha, double beta, string name) =>
        OpBuilder.Op1("LRN", new[] { input }, input.dtype, name ?? "LRN", ("T", input.dtype), ("depth_radius", depthRadius),
            ("bias", (float)bias), ("alpha", (float)alpha), ("beta", (float)beta));

    private readonly record struct Attrs(int Radius, double Bias, double Alpha, double Beta)
    {
        public static Attrs Of(NodeInfo node) => new(node.Attr("depth_radius", 5), node.Attr("bias", 1f), node.Attr("alpha", 1f), node.Attr("beta", 0.5f));
    }

    // bias + alpha · Σ x² over the window of channel d, for each channel of one pixel (the attrs are float32 in TensorFlow;
    // the arithmetic is in T).
    private static void Norms<T>(ReadOnlySpan<T> x, Span<T> norm, Attrs a) where T : INumber<T>
    {
        int c = x.Length;
        for (int d = 0; d < c; d++)
        {
            T sum = T.Zero;
            for (int j = Math.Max(0, d - a.Radius); j <= Math.Min(c - 1, d + a.Radius); j++) sum += x[j] * x[j];
            norm[d] = T.CreateChecked(a.Bias) + T.CreateChecked(a.Alpha) * sum;
        }
    }

    private static int Channels(TensorValue x, NodeInfo node)
    {
        if (x.Shape.Length != 4) throw new InvalidArgumentError($"input must be 4-dimensional (node '{node.Name}')");
        return x.Shape[3];
    }

    private static Kernel Forward<T>(NodeInfo node) where T : unmanaged, INumber<T>, IPowerFunctions<T>
    {
        var a = Attrs.Of(node);
        return ctx =>
        {
            var input = ctx.Input(0);
            int c = Channels(input, node);
            var x = input.Span<T>();
            var y = ctx.Output(0, input.Shape).Span<T>();
            Span<T> norm = c <= 1024 ? stackalloc T[c] : new T[c];
            T minusBeta = T.CreateChecked(-a.Beta);
            for (int p = 0; p + c <= x.Length && c > 0; p += c)
            {
                Norms(x.Slice(p, c), norm, a);
                for (int d = 0; d < c; d++) y[p + d] = x[p + d] * T.Pow(norm[d], minusBeta);
            }
        };
    }

    // dx_d = g_d · N_d^−β − 2αβ · x_d · Σ_{|j − d| ≤ r} g_j · y_j / N_j.
    private static Kernel Gradient<T>(NodeInfo node) where T : unmanaged, INumber<T>, IPowerFunctions<T>
    {
        var a = Attrs.Of(node);
        return ctx =>
        {
            var (grads, image, output) = (ctx.Input(0), ctx.Input(1), ctx.Input(2));
            int c = Channels(grads, node);
            if (!grads.Shape.AsSpan().SequenceEqual(image.Shape) || !grads.Shape.AsSpan().SequenceEqual(output.Shape))
                throw new InvalidArgumentError($"input_grads, input_image, and out_image should have the same shape (node '{node.Name}')");
            Span<T> g = grads.Span<T>(), x = image.Span<T>(), y = output.Span<T>();
            var dx = ctx.Output(0, grads.Shape).Span<T>();
            Span<T> norm = c <= 1024 ? stackalloc T[c] : new T[c];
            Span<T> scaled = c <= 1024 ? stackalloc T[c] : new T[c];
            T minusBeta = T.CreateChecked(-a.Beta), twoAlphaBeta = T.CreateChecked(2 * a.Alpha * a.Beta);
            for (int p = 0; p + c <= g.Length && c > 0; p += c)
            {
                Norms(x.Slice(p, c), norm, a);
                for (int j = 0; j < c; j++) scaled[j] = g[p + j] * y[p + j] / norm[j];
                for (int d = 0; d < c; d++)
                {
                    T sum = T.Zero;
                    for (int j = Math.Max(0, d - a.Radius); j <= Math.Min(c - 1, d + a.Radius); j++) sum += scaled[j];
                    dx[p + d] = g[p + d] * T.Pow(norm[d], minusBeta) - twoAlphaBeta * x[p + d] * sum;
                }
            }
        };
    }
}
