using System.Runtime.InteropServices;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// Runs an element-wise span function over large spans in pieces on both cores (<see cref="ParallelRange.For"/>): one
/// core cannot draw the memory bandwidth of two, and a ReluGrad over a 5 MB activation is bandwidth-bound. Small spans
/// stay on the calling thread. The function must be element-wise: each output depends only on the inputs at its index.
/// </summary>
internal static unsafe class ParallelSpans
{
    private struct Job<T> where T : unmanaged
    {
        public T* X, Y, D;
        public nint Function; // GCHandle of the SpanUnary / SpanBinary
    }

    /// <summary>d = f(x) piecewise.</summary>
    public static void Unary<T>(SpanUnary<T> f, ReadOnlySpan<T> x, Span<T> d) where T : unmanaged
    {
        if (d.Length < 2 * ParallelRange.MinPerThread || x.Length != d.Length) { f(x, d); return; }
        var handle = GCHandle.Alloc(f);
        try
        {
            fixed (T* px = x, pd = d)
            {
                var job = new Job<T> { X = px, D = pd, Function = GCHandle.ToIntPtr(handle) };
                ParallelRange.For(d.Length, &UnaryPiece<T>, &job);
            }
        }
        finally { handle.Free(); }
    }

    /// <summary>d = f(x, y) piecewise, for spans of one length.</summary>
    public static void Binary<T>(SpanBinary<T> f, ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged
    {
        if (d.Length < 2 * ParallelRange.MinPerThread || x.Length != d.Length || y.Length != d.Length) { f(x, y, d); return; }
        var handle = GCHandle.Alloc(f);
        try
        {
            fixed (T* px = x, py = y, pd = d)
            {
                var job = new Job<T> { X = px, Y = py, D = pd, Function = GCHandle.ToIntPtr(handle) };
                ParallelRange.For(d.Length, &BinaryPiece<T>, &job);
            }
        }
        finally { handle.Free(); }
    }

    private static void UnaryPiece<T>(void* p, int start, int end) where T : unmanaged
    {
        var job = (Job<T>*)p;
        var f = (SpanUnary<T>)GCHandle.FromIntPtr(job->Function).Target!;
        f(new ReadOnlySpan<T>(job->X + start, end - start), new Span<T>(job->D + start, end - start));
    }

    private static void BinaryPiece<T>(void* p, int start, int end) where T : unmanaged
    {
        var job = (Job<T>*)p;
        var f = (SpanBinary<T>)GCHandle.FromIntPtr(job->Function).Target!;
        f(new ReadOnlySpan<T>(job->X + start, end - start), new ReadOnlySpan<T>(job->Y + start, end - start), new Span<T>(job->D + start, end - start));
    }
}
