using System.Numerics;
using System.Numerics.Tensors;
using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer;

/// <summary>More element-wise math: Abs, Sign, Reciprocal, Rsqrt, Ceil, Round, Log1p and the broadcasting Pow.</summary>
internal static class ExtraMathOps
{
    private static readonly DType[] Floats = { DType.Float32, DType.Float64 };
    private static readonly DType[] Numeric = { DType.Float32, DType.Float64, DType.Int32, DType.Int64 };

    public static void Register()
    {
        Declare("Abs", Numeric, (op, g) => new[] { MathOps.Mul(g[0], UnaryOps.Unary("Sign", op.Inputs[0])) });
        KernelFactories.RegisterFloatUnary("Abs", TensorPrimitives.Abs, TensorPrimitives.Abs<double>);
        // Two's complement as TensorFlow's: |MinValue| wraps to MinValue (Math.Abs would throw).
        KernelRegistry.Register("Abs", KernelRegistry.Cpu, DType.Int32, ElementwiseMap.Unary<int, int>(v => v < 0 ? unchecked(-v) : v));
        KernelRegistry.Register("Abs", KernelRegistry.Cpu, DType.Int64, ElementwiseMap.Unary<long, long>(v => v < 0 ? unchecked(-v) : v));

        // Sign is piecewise constant: TensorFlow's gradient is zeros.
        Declare("Sign", Numeric, (op, g) => new[] { FillOps.ZerosLike(op.Inputs[0]) });
        KernelRegistry.Register("Sign", KernelRegistry.Cpu, DType.Float32, ElementwiseMap.Unary<float, float>(x => float.IsNaN(x) ? x : MathF.Sign(x)));
        KernelRegistry.Register("Sign", KernelRegistry.Cpu, DType.Float64, ElementwiseMap.Unary<double, double>(x => double.IsNaN(x) ? x : Math.Sign(x)));
        KernelRegistry.Register("Sign", KernelRegistry.Cpu, DType.Int32, ElementwiseMap.Unary<int, int>(x => Math.Sign(x)));
        KernelRegistry.Register("Sign", KernelRegistry.Cpu, DType.Int64, ElementwiseMap.Unary<long, long>(x => Math.Sign(x)));

        // d(1/x) = −g·y², d(x^−½) = −½·g·y³ (TensorFlow's ReciprocalGrad and RsqrtGrad, written as primitive ops).
        Declare("Reciprocal", Floats, (op, g) =>
        {
            var y = op.Outputs[0];
            return new[] { MathOps.Neg(MathOps.Mul(g[0], MathOps.Mul(y, y))) };
        });
        KernelFactories.RegisterFloatUnary("Reciprocal", TensorPrimitives.Reciprocal, TensorPrimitives.Reciprocal<double>);
        Declare("Rsqrt", Floats, (op, g) =>
        {
            var y = op.Outputs[0];
            var cube = MathOps.Mul(y, MathOps.Mul(y, y));
            return new[] { MathOps.Mul(MathOps.Mul(g[0], cube), OpBuilder.Scalar(op.Graph, -0.5, y.dtype)) };
        });
        KernelFactories.RegisterFloatUnary("Rsqrt", TensorPrimitives.ReciprocalSqrt, TensorPrimitives.ReciprocalSqrt<double>);

        // Rounding ops are piecewise constant; TensorFlow registers them without gradient.
        OpRegistry.Register(new OpDef { Type = "Ceil", DTypes = Floats, InferShapes = ShapeRules.SameAsInput0, NotDifferentiable = true });
        KernelFactories.RegisterFloatUnary("Ceil", TensorPrimitives.Ceiling, TensorPrimitives.Ceiling<double>);
        // Round half to even, as TensorFlow's Round (banker's rounding).
        OpRegistry.Register(new OpDef { Type = "Round", DTypes = Floats, InferShapes = ShapeRules.SameAsInput0, NotDifferentiable = true });
        KernelRegistry.Register("Round", KernelRegistry.Cpu, DType.Float32, ElementwiseMap.Unary<float, float>(x => MathF.Round(x, MidpointRounding.ToEven)));
        KernelRegistry.Register("Round", KernelRegistry.Cpu, DType.Float64, ElementwiseMap.Unary<double, double>(x => Math.Round(x, MidpointRounding.ToEven)));

        Declare("Log1p", Floats, (op, g) =>
            new[] { MathOps.RealDiv(g[0], MathOps.Add(OpBuilder.Scalar(op.Graph, 1.0, op.Inputs[0].dtype), op.Inputs[0])) });
        KernelRegistry.Register("Log1p", KernelRegistry.Cpu, DType.Float32, ElementwiseMap.Unary<float, float>(Log1p));
        KernelRegistry.Register("Log1p", KernelRegistry.Cpu, DType.Float64, ElementwiseMap.Unary<double, double>(Log1p));

        // z = x^y: dz/dx = y·x^(y−1); dz/dy = z·log x where x > 0, else 0 (TensorFlow's _PowGrad).
        OpRegistry.Register(new OpDef
        {
            Type = "Pow", DTypes = Floats, InferShapes = ShapeRules.Broadcast,
            Gradient = (op, g) =>
            {
                var x = op.Inputs[0];
                var y = op.Inputs[1];
                var z = op.Outputs[0];
                var one = OpBuilder.Scalar(op.Graph, 1.0, x.dtype);
                var gx = MathOps.Mul(g[0], MathOps.Mul(y, Pow(x, MathOps.Sub(y, one))));
                var positive = ComparisonOps.Compare("Greater", x, FillOps.ZerosLike(x));
                var safeLog = UnaryOps.Unary("Log", ComparisonOps.Select(positive, x, FillOps.OnesLike(x)));
                var logX = ComparisonOps.Select(positive, safeLog, FillOps.ZerosLike(x));
                var gy = MathOps.Mul(g[0], MathOps.Mul(z, logX));
                return BroadcastGradients.Unbroadcast(op, gx, gy);
            },
        });
        KernelRegistry.Register("Pow", KernelRegistry.Cpu, DType.Float32, ElementwiseMap.Binary<float, float>(MathF.Pow));
        KernelRegistry.Register("Pow", KernelRegistry.Cpu, DType.Float64, ElementwiseMap.Binary<double, double>(Math.Pow));
    }

    /// <summary>
    /// log(1 + x) accurate for tiny x (.NET's LogP1 computes log(1 + x) directly, which rounds 1 + 1e-10 to 1):
    /// with u = 1 + x rounded, log(u)·x / (u − 1) cancels the rounding error (Goldberg's method).
    /// </summary>
    internal static T Log1p<T>(T x) where T : ILogarithmicFunctions<T>, INumber<T>
    {
        T u = T.One + x;
        if (u == T.One) return x;
        return T.IsInfinity(u) ? T.Log(u) : T.Log(u) * x / (u - T.One);
    }

    private static void Declare(string type, DType[] dtypes, GradientFunction gradient) =>
        OpRegistry.Register(new OpDef { Type = type, DTypes = dtypes, InferShapes = ShapeRules.SameAsInput0, Gradient = gradient });

    public static Tensor Pow(Tensor x, Tensor y, string name = null) => OpBuilder.SameType("Pow", name, new[] { "x", "y" }, x, y);
}
