using System.Numerics;
using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer;

/// <summary>Elu, LeakyRelu (attr alpha) and Softplus with their gradient ops EluGrad, LeakyReluGrad and SoftplusGrad.</summary>
internal static class ActivationOps
{
    private static readonly DType[] Floats = { DType.Float32, DType.Float64 };

    public static void Register()
    {
        // elu(x) = x for x > 0, e^x − 1 otherwise; EluGrad(g, y) = g for y > 0, g · (y + 1) otherwise.
        Declare("Elu", (op, g) => new[] { Binary("EluGrad", g[0], op.Outputs[0]) });
        RegisterUnary("Elu", Elu<float>, Elu<double>);
        DeclareGradOp("EluGrad");
        KernelFactories.RegisterFloatSameShape("EluGrad", EluGrad<float>, EluGrad<double>);

        // leaky_relu(x) = x for x > 0, alpha · x otherwise.
        Declare("LeakyRelu", (op, g) => new[] { Binary("LeakyReluGrad", g[0], op.Inputs[0], ("alpha", op.GetAttr<float>("alpha"))) });
        KernelRegistry.Register("LeakyRelu", KernelRegistry.Cpu, DType.Float32, n => LeakyReluKernel<float>(n));
        KernelRegistry.Register("LeakyRelu", KernelRegistry.Cpu, DType.Float64, n => LeakyReluKernel<double>(n));
        DeclareGradOp("LeakyReluGrad");
        KernelRegistry.Register("LeakyReluGrad", KernelRegistry.Cpu, DType.Float32, n => LeakyReluGradKernel<float>(n));
        KernelRegistry.Register("LeakyReluGrad", KernelRegistry.Cpu, DType.Float64, n => LeakyReluGradKernel<double>(n));

        // softplus(x) = log(1 + e^x); SoftplusGrad(g, x) = g · sigmoid(x).
        Declare("Softplus", (op, g) => new[] { Binary("SoftplusGrad", g[0], op.Inputs[0]) });
        RegisterUnary("Softplus", Softplus<float>, Softplus<double>);
        DeclareGradOp("SoftplusGrad");
        KernelFactories.RegisterFloatSameShape("SoftplusGrad", SoftplusGrad<float>, SoftplusGrad<double>);
    }

    private static void Declare(string type, GradientFunction gradient) =>
        OpRegistry.Register(new OpDef { Type = type, DTypes = Floats, InferShapes = ShapeRules.SameAsInput0, Gradient = gradient });

    // Like ReluGrad, these appear only in gradient graphs; second derivatives are not supported.
    private static void DeclareGradOp(string type) =>
        OpRegistry.Register(new OpDef { Type = type, DTypes = Floats, InferShapes = ShapeRules.SameAsInput0, NotDifferentiable = true });

    private static void RegisterUnary(string type, SpanUnary<float> f32, SpanUnary<double> f64) => KernelFactories.RegisterFloatUnary(type, f32, f64);

    private static Tensor Binary(string type, Tensor a, Tensor b, params (string, object)[] attrs) =>
        OpBuilder.Op1(type, new[] { a, b }, a.dtype, type, attrs.Prepend(("T", (object)a.dtype)).ToArray());

    private static void Elu<T>(ReadOnlySpan<T> x, Span<T> d) where T : IExponentialFunctions<T>, INumber<T>
    {
        for (int i = 0; i < x.Length; i++) d[i] = x[i] > T.Zero ? x[i] : T.ExpM1(x[i]);
    }

    private static void EluGrad<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> y, Span<T> d) where T : INumber<T>
    {
        for (int i = 0; i < g.Length; i++) d[i] = y[i] > T.Zero ? g[i] : g[i] * (y[i] + T.One);
    }

    private static Kernel LeakyReluKernel<T>(NodeInfo node) where T : unmanaged, INumber<T>
    {
        T alpha = T.CreateChecked(node.Attr("alpha", 0.2f));
        return ctx =>
        {
            var x = ctx.Input(0);
            var src = x.Span<T>();
            var dst = ctx.Output(0, x.Shape).Span<T>();
            for (int i = 0; i < src.Length; i++) dst[i] = src[i] > T.Zero ? src[i] : alpha * src[i];
        };
    }

    private static Kernel LeakyReluGradKernel<T>(NodeInfo node) where T : unmanaged, INumber<T>
    {
        T alpha = T.CreateChecked(node.Attr("alpha", 0.2f));
        return ctx =>
        {
            var g = ctx.Input(0).Span<T>();
            var x = ctx.Input(1).Span<T>();
            if (g.Length != x.Length)
                throw new InvalidArgumentError($"gradients and features must have the same shape (node '{node.Name}')");
            var dst = ctx.Output(0, ctx.Input(0).Shape).Span<T>();
            for (int i = 0; i < g.Length; i++) dst[i] = x[i] > T.Zero ? g[i] : alpha * g[i];
        };
    }

    // Stable for large |x|: x + log1p(e^−x) for x > 0, log1p(e^x) otherwise.
    private static void Softplus<T>(ReadOnlySpan<T> x, Span<T> d) where T : IExponentialFunctions<T>, ILogarithmicFunctions<T>, INumber<T>
    {
        for (int i = 0; i < x.Length; i++)
            d[i] = x[i] > T.Zero ? x[i] + ExtraMathOps.Log1p(T.Exp(-x[i])) : ExtraMathOps.Log1p(T.Exp(x[i]));
    }

    private static void SoftplusGrad<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> d) where T : IExponentialFunctions<T>, INumber<T>
    {
        for (int i = 0; i < g.Length; i++) d[i] = g[i] / (T.One + T.Exp(-x[i]));
    }

    public static Tensor LeakyRelu(Tensor features, double alpha, string name = null) =>
        OpBuilder.Op1("LeakyRelu", new[] { features }, features.dtype, name ?? "LeakyRelu", ("T", features.dtype), ("alpha", (float)alpha));
}
