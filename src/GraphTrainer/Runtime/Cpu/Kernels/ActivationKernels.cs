using System.Numerics;
using System.Numerics.Tensors;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>Activation functions and their gradient kernels, vectorized with TensorPrimitives.</summary>
public static class ActivationKernels
{
    /// <summary>d = max(x, 0).</summary>
    public static void Relu<T>(ReadOnlySpan<T> x, Span<T> d) where T : INumber<T> => TensorPrimitives.Max(x, T.Zero, d);

    /// <summary>d = features &gt; 0 ? gradients : 0 (TensorFlow's ReluGrad(gradients, features)).</summary>
    public static void ReluGrad<T>(ReadOnlySpan<T> gradients, ReadOnlySpan<T> features, Span<T> d) where T : INumber<T>
    {
        for (int i = 0; i < d.Length; i++) d[i] = features[i] > T.Zero ? gradients[i] : T.Zero;
    }

    /// <summary>d = 1 / (1 + e^-x).</summary>
    public static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> d) where T : IExponentialFunctions<T> => TensorPrimitives.Sigmoid(x, d);

    /// <summary>d = dy · y · (1 − y) (TensorFlow's SigmoidGrad(y, dy)).</summary>
    public static void SigmoidGrad<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> d) where T : INumber<T>
    {
        for (int i = 0; i < d.Length; i++) d[i] = dy[i] * y[i] * (T.One - y[i]);
    }

    /// <summary>d = tanh(x).</summary>
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> d) where T : IHyperbolicFunctions<T> => TensorPrimitives.Tanh(x, d);

    /// <summary>d = dy · (1 − y²) (TensorFlow's TanhGrad(y, dy)).</summary>
    public static void TanhGrad<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> d) where T : INumber<T>
    {
        for (int i = 0; i < d.Length; i++) d[i] = dy[i] * (T.One - y[i] * y[i]);
    }

    /// <summary>d = x².</summary>
    public static void Square<T>(ReadOnlySpan<T> x, Span<T> d) where T : INumber<T> => TensorPrimitives.Multiply(x, x, d);
}
