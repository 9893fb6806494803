using System.Numerics;
using System.Numerics.Tensors;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>Activation functions and their gradient kernels, vectorized with TensorPrimitives or <see cref="VectorizedLoop"/>.</summary>
public static class ActivationKernels
{
    /// <summary>d = max(x, 0).</summary>
    public static void Relu<T>(ReadOnlySpan<T> x, Span<T> d) where T : INumber<T> => TensorPrimitives.Max(x, T.Zero, d);

    /// <summary>d = features &gt; 0 ? gradients : 0 (TensorFlow's ReluGrad(gradients, features)).</summary>
    /// <remarks>Strictly greater: a zero, negative zero or NaN feature gives +0.</remarks>
    public static void ReluGrad<T>(ReadOnlySpan<T> gradients, ReadOnlySpan<T> features, Span<T> d) where T : INumber<T> =>
        VectorizedLoop.Apply<T, ReluGradOperator<T>>(gradients, features, d);

    /// <summary>d = 1 / (1 + e^-x).</summary>
    public static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> d) where T : IExponentialFunctions<T>
    {
        if (!x.IsEmpty) TensorPrimitives.Sigmoid(x, d); // which refuses an empty span; sigmoid of nothing is nothing
    }

    /// <summary>d = dy · y · (1 − y) (TensorFlow's SigmoidGrad(y, dy)).</summary>
    public static void SigmoidGrad<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> d) where T : INumber<T> =>
        VectorizedLoop.Apply<T, SigmoidGradOperator<T>>(y, dy, d);

    /// <summary>d = tanh(x).</summary>
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> d) where T : IHyperbolicFunctions<T> => TensorPrimitives.Tanh(x, d);

    /// <summary>d = dy · (1 − y²) (TensorFlow's TanhGrad(y, dy)).</summary>
    public static void TanhGrad<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> d) where T : INumber<T> =>
        VectorizedLoop.Apply<T, TanhGradOperator<T>>(y, dy, d);

    /// <summary>d = x².</summary>
    public static void Square<T>(ReadOnlySpan<T> x, Span<T> d) where T : INumber<T> => TensorPrimitives.Multiply(x, x, d);

    private readonly struct ReluGradOperator<T> : IVectorizableBinaryOperator<T> where T : INumber<T>
    {
        public static T Invoke(T gradient, T feature) => feature > T.Zero ? gradient : T.Zero;
        public static Vector<T> Invoke(Vector<T> gradient, Vector<T> feature) =>
            Vector.ConditionalSelect(Vector.GreaterThan(feature, Vector<T>.Zero), gradient, Vector<T>.Zero);
    }

    // TensorFlow's order, (dy·y)·(1 − y), in both forms so the vector body matches the scalar tail exactly.
    private readonly struct SigmoidGradOperator<T> : IVectorizableBinaryOperator<T> where T : INumber<T>
    {
        public static T Invoke(T y, T dy) => dy * y * (T.One - y);
        public static Vector<T> Invoke(Vector<T> y, Vector<T> dy) => dy * y * (Vector<T>.One - y);
    }

    private readonly struct TanhGradOperator<T> : IVectorizableBinaryOperator<T> where T : INumber<T>
    {
        public static T Invoke(T y, T dy) => dy * (T.One - y * y);
        public static Vector<T> Invoke(Vector<T> y, Vector<T> dy) => dy * (Vector<T>.One - y * y);
    }
}
