using System.Numerics;
using System.Numerics.Tensors;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>Fused in-place parameter updates with TensorFlow 1.x's exact update rules (training_ops.cc).</summary>
public static class OptimizerKernels
{
    /// <summary>var −= alpha · delta.</summary>
    public static void GradientDescent<T>(Span<T> var, T alpha, ReadOnlySpan<T> delta) where T : INumber<T> =>
        TensorPrimitives.MultiplyAdd(delta, -alpha, var, var);

    /// <summary>accum = accum·momentum + grad; var −= lr·accum (Nesterov: var −= lr·grad + lr·momentum·accum).</summary>
    public static void Momentum<T>(Span<T> var, Span<T> accum, T lr, ReadOnlySpan<T> grad, T momentum, bool nesterov) where T : INumber<T>
    {
        TensorPrimitives.MultiplyAdd(accum, momentum, grad, accum);
        if (!nesterov) { TensorPrimitives.MultiplyAdd(accum, -lr, var, var); return; }
        for (int i = 0; i < var.Length; i++) var[i] -= grad[i] * lr + accum[i] * momentum * lr;
    }

    /// <summary>
    /// m += (g − m)(1 − β1); v += (g² − v)(1 − β2); var −= lr·√(1 − β2^t)/(1 − β1^t) · m / (√v + ε).
    /// </summary>
    public static void Adam<T>(Span<T> var, Span<T> m, Span<T> v, T beta1Power, T beta2Power, T lr, T beta1, T beta2, T epsilon, ReadOnlySpan<T> grad)
        where T : unmanaged, IRootFunctions<T>, INumber<T>
    {
        T lrT = lr * T.Sqrt(T.One - beta2Power) / (T.One - beta1Power);
        T oneMinusB1 = T.One - beta1, oneMinusB2 = T.One - beta2;
        // Vectorized in chunks through a stack buffer: the scalar loop's per-element sqrt and divide made
        // Adam steps several times slower than plain SGD.
        Span<T> tmp = stackalloc T[Chunk];
        for (int off = 0; off < var.Length; off += Chunk)
        {
            int n = Math.Min(Chunk, var.Length - off);
            var g = grad.Slice(off, n);
            var mc = m.Slice(off, n);
            var vc = v.Slice(off, n);
            var t = tmp[..n];
            TensorPrimitives.Subtract(g, mc, t);                       // m += (g − m)(1 − β1)
            TensorPrimitives.MultiplyAdd(t, oneMinusB1, mc, mc);
            TensorPrimitives.Multiply(g, g, t);                        // v += (g² − v)(1 − β2)
            TensorPrimitives.Subtract(t, vc, t);
            TensorPrimitives.MultiplyAdd(t, oneMinusB2, vc, vc);
            TensorPrimitives.Sqrt(vc, t);                              // var −= lr_t · m / (√v + ε)
            TensorPrimitives.Add(t, epsilon, t);
            TensorPrimitives.Divide(mc, t, t);
            TensorPrimitives.MultiplyAdd(t, -lrT, var.Slice(off, n), var.Slice(off, n));
        }
    }

    private const int Chunk = 1024;

    /// <summary>ms = ρ·ms + (1 − ρ)g²; mom = momentum·mom + lr·g/√(ms + ε); var −= mom.</summary>
    public static void RmsProp<T>(Span<T> var, Span<T> ms, Span<T> mom, T lr, T rho, T momentum, T epsilon, ReadOnlySpan<T> grad)
        where T : IRootFunctions<T>, INumber<T>
    {
        for (int i = 0; i < var.Length; i++)
        {
            T g = grad[i];
            ms[i] = rho * ms[i] + (T.One - rho) * g * g;
            mom[i] = momentum * mom[i] + lr * g / T.Sqrt(ms[i] + epsilon);
            var[i] -= mom[i];
        }
    }

    /// <summary>accum += g²; var −= lr·g/√accum.</summary>
    public static void Adagrad<T>(Span<T> var, Span<T> accum, T lr, ReadOnlySpan<T> grad) where T : IRootFunctions<T>, INumber<T>
    {
        for (int i = 0; i < var.Length; i++)
        {
            T g = grad[i];
            accum[i] += g * g;
            var[i] -= lr * g / T.Sqrt(accum[i]);
        }
    }
}
