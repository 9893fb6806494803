using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Numerics.Tensors;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>Reductions over a contiguous block of axes, viewed as [outer, reduced, inner].</summary>
public static class ReductionKernels
{
    /// <summary>d[o, i] = Σ_r x[o, r, i].</summary>
    public static unsafe void Sum<T>(ReadOnlySpan<T> x, int outer, int reduced, int inner, Span<T> d) where T : unmanaged, INumber<T>
    {
        if (reduced == 0) { d.Clear(); return; }
        if (outer == 1 && inner > 1 && inner <= MaxParallelColumns && (long)reduced * inner >= MinParallelElements && Gemm.MaxThreads > 1)
        {
            // Leading axes of a large tensor into a few columns (a bias gradient): each core sums a share of the rows into
            // its own row of partial sums, added at the end; one core cannot draw the bandwidth of two.
            int pieces = Math.Min(Gemm.MaxThreads, reduced);
            Span<T> partials = stackalloc T[pieces * inner];
            fixed (T* px = x, pp = partials)
            {
                var job = new ColumnJob<T> { X = px, Partials = pp, Reduced = reduced, Inner = inner, Pieces = pieces };
                ParallelRange.ForEach(pieces, &SumColumnPiece<T>, &job);
            }
            partials[..inner].CopyTo(d);
            for (int piece = 1; piece < pieces; piece++) AddRow<T>(partials.Slice(piece * inner, inner), d);
            return;
        }
        if (inner == 1)
        {
            for (int o = 0; o < outer; o++) d[o] = TensorPrimitives.Sum(x.Slice(o * reduced, reduced));
            return;
        }
        for (int o = 0; o < outer; o++)
        {
            var dst = d.Slice(o * inner, inner);
            var block = x.Slice(o * reduced * inner, reduced * inner);
            block[..inner].CopyTo(dst);
            for (int r = 1; r < reduced; r++) AddRow(block.Slice(r * inner, inner), dst);
        }
    }

    // Columns up to which partial sums live on the stack.
    private const int MaxParallelColumns = 1024;

    // From this size the rows are shared out. A constant, not ParallelRange.MinPerThread: the split changes the order of
    // the additions, so it must not move when a test shrinks the parallel ranges.
    private const long MinParallelElements = 1L << 16;

    private unsafe struct ColumnJob<T> where T : unmanaged
    {
        public T* X, Partials;
        public int Reduced, Inner, Pieces;
    }

    private static unsafe void SumColumnPiece<T>(void* p, int piece, int end) where T : unmanaged, INumber<T>
    {
        var job = (ColumnJob<T>*)p;
        for (; piece < end; piece++)
        {
            int r0 = (int)((long)job->Reduced * piece / job->Pieces), r1 = (int)((long)job->Reduced * (piece + 1) / job->Pieces);
            int inner = job->Inner;
            var dst = new Span<T>(job->Partials + (long)piece * inner, inner);
            new ReadOnlySpan<T>(job->X + (long)r0 * inner, inner).CopyTo(dst);
            for (int r = r0 + 1; r < r1; r++) AddRow(new ReadOnlySpan<T>(job->X + (long)r * inner, inner), dst);
        }
    }

    // dst += row, inline: a bias gradient adds tens of thousands of rows of a few dozen channels, where a call into
    // TensorPrimitives per row cost ten times the additions (Deep MNIST's first conv bias: 39,200 rows of 32).
    private static void AddRow<T>(ReadOnlySpan<T> row, Span<T> dst) where T : INumber<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            ref T rs = ref MemoryMarshal.GetReference(row), rd = ref MemoryMarshal.GetReference(dst);
            for (; i <= dst.Length - Vector<T>.Count; i += Vector<T>.Count)
                (Vector.LoadUnsafe(ref rd, (nuint)i) + Vector.LoadUnsafe(ref rs, (nuint)i)).StoreUnsafe(ref rd, (nuint)i);
        }
        for (; i < dst.Length; i++) dst[i] += row[i];
    }

    /// <summary>d[o, i] = argmax_r x[o, r, i] (first index on ties; see <see cref="RowArgMax"/> for NaN and ±0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ArgMax<T, TIndex>(ReadOnlySpan<T> x, int outer, int reduced, int inner, Span<TIndex> d)
        where T : INumber<T> where TIndex : IBinaryInteger<TIndex>
    {
        if (inner == 1)
        {
            for (int o = 0; o < outer; o++) d[o] = TIndex.CreateTruncating(RowArgMax.FirstIndex(x.Slice(o * reduced, reduced)));
            return;
        }
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                int best = 0;
                T bestValue = x[o * reduced * inner + i];
                for (int r = 1; r < reduced; r++)
                {
                    T v = x[(o * reduced + r) * inner + i];
                    if (v > bestValue) { bestValue = v; best = r; }
                }
                d[o * inner + i] = TIndex.CreateTruncating(best);
            }
        }
    }

    /// <summary>
    /// Splits <paramref name="shape"/> around the sorted, contiguous axes <paramref name="axes"/>;
    /// returns false if the axes are not contiguous.
    /// </summary>
    public static bool TrySplit(ReadOnlySpan<int> shape, ReadOnlySpan<int> axes, out int outer, out int reduced, out int inner)
    {
        outer = reduced = inner = 1;
        if (axes.Length == 0) { for (int k = 0; k < shape.Length; k++) outer *= shape[k]; reduced = 1; return true; }
        for (int i = 1; i < axes.Length; i++) if (axes[i] != axes[i - 1] + 1) return false;
        for (int k = 0; k < shape.Length; k++)
        {
            if (k < axes[0]) outer *= shape[k];
            else if (k <= axes[^1]) reduced *= shape[k];
            else inner *= shape[k];
        }
        return true;
    }
}
