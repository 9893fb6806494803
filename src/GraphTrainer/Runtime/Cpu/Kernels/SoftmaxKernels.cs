using System.Numerics;
using System.Numerics.Tensors;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>Row-wise softmax and the fused softmax-cross-entropy forward/backward, numerically stabilized by the row max.</summary>
public static class SoftmaxKernels
{
    /// <summary>Each row of length <paramref name="classes"/>: d = exp(x − max) / Σ exp(x − max).</summary>
    public static void Softmax<T>(ReadOnlySpan<T> x, int classes, Span<T> d) where T : IExponentialFunctions<T>, INumber<T>
    {
        if (classes == 0) return;
        for (int off = 0; off < x.Length; off += classes)
        {
            var row = x.Slice(off, classes);
            var dst = d.Slice(off, classes);
            T max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, dst);
            TensorPrimitives.Exp(dst, dst);
            T sum = TensorPrimitives.Sum<T>(dst);
            TensorPrimitives.Divide(dst, sum, dst);
        }
    }

    /// <summary>
    /// loss[r] = −Σ labels·log softmax(logits) and backprop = softmax(logits) − labels, per row, in one pass
    /// (TensorFlow's SoftmaxCrossEntropyWithLogits).
    /// </summary>
    public static void SoftmaxCrossEntropy<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> labels, int classes, Span<T> loss, Span<T> backprop)
        where T : IExponentialFunctions<T>, ILogarithmicFunctions<T>, INumber<T>
    {
        if (classes == 0) { loss.Clear(); return; }
        for (int r = 0; r < loss.Length; r++)
        {
            int off = r * classes;
            var row = logits.Slice(off, classes);
            var lab = labels.Slice(off, classes);
            var bp = backprop.Slice(off, classes);
            T max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, bp);                 // bp = x − max
            T dot = TensorPrimitives.Dot<T>(lab, bp);                 // Σ labels·(x − max)
            T labelSum = TensorPrimitives.Sum(lab);
            TensorPrimitives.Exp(bp, bp);
            T sumExp = TensorPrimitives.Sum<T>(bp);
            T logSumExp = T.Log(sumExp);
            loss[r] = labelSum * logSumExp - dot;                      // −Σ labels·(x − max − logΣexp)
            TensorPrimitives.Divide(bp, sumExp, bp);
            TensorPrimitives.Subtract(bp, lab, bp);
        }
    }
}
