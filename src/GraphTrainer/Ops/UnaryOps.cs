using System.Numerics.Tensors;
using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer;

/// <summary>Element-wise unary math and activations: Neg, Log, Exp, Square, Sqrt, Floor, Relu, Sigmoid, Tanh and their gradient ops.</summary>
internal static class UnaryOps
{
    private static readonly DType[] Floats = { DType.Float32, DType.Float64 };

    public static void Register()
    {
        Declare("Neg", new[] { DType.Float32, DType.Float64, DType.Int32, DType.Int64 }, (op, g) => new[] { MathOps.Neg(g[0]) });
        KernelFactories.RegisterFloatUnary("Neg", TensorPrimitives.Negate, TensorPrimitives.Negate<double>);
        KernelRegistry.Register("Neg", KernelRegistry.Cpu, DType.Int32, KernelFactories.Unary<int>(TensorPrimitives.Negate<int>));
        KernelRegistry.Register("Neg", KernelRegistry.Cpu, DType.Int64, KernelFactories.Unary<long>(TensorPrimitives.Negate<long>));

        // d/dx log x = 1/x.
        Declare("Log", Floats, (op, g) => new[] { MathOps.RealDiv(g[0], op.Inputs[0]) });
        KernelFactories.RegisterFloatUnary("Log", TensorPrimitives.Log, TensorPrimitives.Log<double>);

        Declare("Exp", Floats, (op, g) => new[] { MathOps.Mul(g[0], op.Outputs[0]) });
        KernelFactories.RegisterFloatUnary("Exp", TensorPrimitives.Exp, TensorPrimitives.Exp<double>);

        Declare("Square", Floats, (op, g) => new[] { MathOps.Mul(g[0], MathOps.Mul(OpBuilder.Scalar(op.Graph, 2.0, op.Inputs[0].dtype), op.Inputs[0])) });
        KernelFactories.RegisterFloatUnary("Square", ActivationKernels.Square<float>, ActivationKernels.Square<double>);

        // d/dx sqrt x = 0.5 / sqrt x, reusing the forward output.
        Declare("Sqrt", Floats, (op, g) => new[] { MathOps.RealDiv(MathOps.Mul(g[0], OpBuilder.Scalar(op.Graph, 0.5, op.Inputs[0].dtype)), op.Outputs[0]) });
        KernelFactories.RegisterFloatUnary("Sqrt", TensorPrimitives.Sqrt, TensorPrimitives.Sqrt<double>);

        Declare("Relu", Floats, (op, g) => new[] { Binary("ReluGrad", g[0], op.Outputs[0]) });
        KernelFactories.RegisterFloatUnary("Relu", ActivationKernels.Relu<float>, ActivationKernels.Relu<double>);
        DeclareGradOp("ReluGrad");
        KernelFactories.RegisterFloatSameShape("ReluGrad", ActivationKernels.ReluGrad<float>, ActivationKernels.ReluGrad<double>);

        Declare("Sigmoid", Floats, (op, g) => new[] { Binary("SigmoidGrad", op.Outputs[0], g[0]) });
        KernelFactories.RegisterFloatUnary("Sigmoid", ActivationKernels.Sigmoid<float>, ActivationKernels.Sigmoid<double>);
        DeclareGradOp("SigmoidGrad");
        KernelFactories.RegisterFloatSameShape("SigmoidGrad", ActivationKernels.SigmoidGrad<float>, ActivationKernels.SigmoidGrad<double>);

        Declare("Tanh", Floats, (op, g) => new[] { Binary("TanhGrad", op.Outputs[0], g[0]) });
        KernelFactories.RegisterFloatUnary("Tanh", ActivationKernels.Tanh<float>, ActivationKernels.Tanh<double>);
        DeclareGradOp("TanhGrad");
        KernelFactories.RegisterFloatSameShape("TanhGrad", ActivationKernels.TanhGrad<float>, ActivationKernels.TanhGrad<double>);

        // Floor is piecewise constant: TensorFlow's gradient is None (dropout's mask is built with it).
        Declare("Floor", Floats, (op, g) => new Tensor[] { null });
        KernelFactories.RegisterFloatUnary("Floor", TensorPrimitives.Floor, TensorPrimitives.Floor<double>);
    }

    private static void Declare(string type, DType[] dtypes, GradientFunction gradient) =>
        OpRegistry.Register(new OpDef { Type = type, DTypes = dtypes, InferShapes = ShapeRules.SameAsInput0, Gradient = gradient });

    // Gradient-of-activation ops appear only in gradient graphs; second derivatives are not supported.
    private static void DeclareGradOp(string type) =>
        OpRegistry.Register(new OpDef { Type = type, DTypes = Floats, InferShapes = ShapeRules.SameAsInput0, NotDifferentiable = true });

    /// <summary>A unary op of type <paramref name="type"/> preserving dtype and shape.</summary>
    public static Tensor Unary(string type, Tensor x, string name = null) =>
        OpBuilder.Op1(type, new[] { x }, x.dtype, name ?? type, ("T", x.dtype));

    private static Tensor Binary(string type, Tensor a, Tensor b) =>
        OpBuilder.Op1(type, new[] { a, b }, a.dtype, type, ("T", a.dtype));
}
