using System.Numerics.Tensors;
using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer;

/// <summary>Sin, Cos, Tan and their inverses, with TensorFlow's gradients (math_grad.py); CPU kernels (a GPU session places them on the host).</summary>
internal static class TrigOps
{
    private static readonly DType[] Floats = { DType.Float32, DType.Float64 };

    public static void Register()
    {
        Declare("Sin", (op, g) => new[] { MathOps.Mul(g[0], UnaryOps.Unary("Cos", op.Inputs[0])) });
        KernelFactories.RegisterFloatUnary("Sin", TensorPrimitives.Sin, TensorPrimitives.Sin<double>);
        Declare("Cos", (op, g) => new[] { MathOps.Neg(MathOps.Mul(g[0], UnaryOps.Unary("Sin", op.Inputs[0]))) });
        KernelFactories.RegisterFloatUnary("Cos", TensorPrimitives.Cos, TensorPrimitives.Cos<double>);
        // d tan x = g·sec²x, sec x = 1 / cos x.
        Declare("Tan", (op, g) => new[] { MathOps.Mul(g[0], UnaryOps.Unary("Square", UnaryOps.Unary("Reciprocal", UnaryOps.Unary("Cos", op.Inputs[0])))) });
        KernelFactories.RegisterFloatUnary("Tan", TensorPrimitives.Tan, TensorPrimitives.Tan<double>);
        // d asin x = g / √(1 − x²), d acos x = −g / √(1 − x²), d atan x = g / (1 + x²).
        Declare("Asin", (op, g) => new[] { MathOps.Mul(g[0], InverseRootOneMinusSquare(op.Inputs[0])) });
        KernelFactories.RegisterFloatUnary("Asin", TensorPrimitives.Asin, TensorPrimitives.Asin<double>);
        Declare("Acos", (op, g) => new[] { MathOps.Neg(MathOps.Mul(g[0], InverseRootOneMinusSquare(op.Inputs[0]))) });
        KernelFactories.RegisterFloatUnary("Acos", TensorPrimitives.Acos, TensorPrimitives.Acos<double>);
        Declare("Atan", (op, g) =>
        {
            var x = op.Inputs[0];
            var onePlusSquare = MathOps.Add(OpBuilder.Scalar(op.Graph, 1.0, x.dtype), UnaryOps.Unary("Square", x));
            return new[] { MathOps.Mul(g[0], UnaryOps.Unary("Reciprocal", onePlusSquare)) };
        });
        KernelFactories.RegisterFloatUnary("Atan", TensorPrimitives.Atan, TensorPrimitives.Atan<double>);
    }

    private static Tensor InverseRootOneMinusSquare(Tensor x) =>
        UnaryOps.Unary("Reciprocal", UnaryOps.Unary("Sqrt", MathOps.Sub(OpBuilder.Scalar(x.graph, 1.0, x.dtype), UnaryOps.Unary("Square", x))));

    private static void Declare(string type, GradientFunction gradient) =>
        OpRegistry.Register(new OpDef { Type = type, DTypes = Floats, InferShapes = ShapeRules.SameAsInput0, Gradient = gradient });
}
