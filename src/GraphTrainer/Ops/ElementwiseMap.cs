using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer;

/// <summary>
/// Scalar-callback element-wise kernels with NumPy broadcasting, for ops off the training hot path (comparisons,
/// logical ops, Select, Pow): one generic loop instead of a vectorized function struct per op.
/// </summary>
internal static class ElementwiseMap
{
    /// <summary>A kernel computing d = f(x, y) with broadcasting; the output dtype is whatever <typeparamref name="TOut"/> is.</summary>
    public static Func<NodeInfo, Kernel> Binary<TIn, TOut>(Func<TIn, TIn, TOut> f) where TIn : unmanaged where TOut : unmanaged => node => ctx =>
    {
        var x = ctx.Input(0);
        var y = ctx.Input(1);
        var a = x.Span<TIn>();
        var b = y.Span<TIn>();
        if (x.Shape.AsSpan().SequenceEqual(y.Shape))
        {
            var same = ctx.Output(0, x.Shape).Span<TOut>();
            for (int i = 0; i < same.Length; i++) same[i] = f(a[i], b[i]);
            return;
        }
        var shape = Broadcasting.OutputShape(x.Shape, y.Shape, node.Name);
        var o = ctx.Output(0, shape).Span<TOut>();
        int rank = shape.Length;
        Span<int> xs = stackalloc int[rank], ys = stackalloc int[rank], index = stackalloc int[rank];
        Broadcasting.BroadcastStrides(x.Shape, shape, xs);
        Broadcasting.BroadcastStrides(y.Shape, shape, ys);
        index.Clear();
        for (int i = 0; i < o.Length; i++)
        {
            int xo = 0, yo = 0;
            for (int k = 0; k < rank; k++) { xo += index[k] * xs[k]; yo += index[k] * ys[k]; }
            o[i] = f(a[xo], b[yo]);
            Broadcasting.Advance(index, shape);
        }
    };

    /// <summary>A kernel computing d = f(x) element-wise (same shape).</summary>
    public static Func<NodeInfo, Kernel> Unary<TIn, TOut>(Func<TIn, TOut> f) where TIn : unmanaged where TOut : unmanaged => _ => ctx =>
    {
        var x = ctx.Input(0);
        var src = x.Span<TIn>();
        var dst = ctx.Output(0, x.Shape).Span<TOut>();
        for (int i = 0; i < src.Length; i++) dst[i] = f(src[i]);
    };
}
