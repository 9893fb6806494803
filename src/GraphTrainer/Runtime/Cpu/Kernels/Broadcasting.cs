namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// NumPy broadcasting for element-wise binary kernels. Shapes are collapsed to rank ≤ 2 where possible
/// (same shape, scalar, row vector, column vector) so the inner loop is a whole vectorized span; the
/// general case walks the output with an odometer and still vectorizes the innermost dimension.
/// </summary>
public static class Broadcasting
{
    /// <summary>The broadcast output shape of two concrete shapes, or an error naming both.</summary>
    public static int[] OutputShape(ReadOnlySpan<int> a, ReadOnlySpan<int> b, string nodeName)
    {
        int rank = Math.Max(a.Length, b.Length);
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new InvalidArgumentError(
                    $"Incompatible shapes: {TensorValue.ShapeString(a)} vs. {TensorValue.ShapeString(b)} (node '{nodeName}')");
            dims[i] = da == 1 ? db : da;
        }
        return dims;
    }

    /// <summary>d = f(x, y) with broadcasting; <paramref name="d"/> has the output shape <paramref name="outShape"/>.</summary>
    public static void Binary<T, TF>(ReadOnlySpan<T> x, ReadOnlySpan<int> xShape, ReadOnlySpan<T> y, ReadOnlySpan<int> yShape,
        Span<T> d, ReadOnlySpan<int> outShape) where TF : IBinaryFunction<T>
    {
        int n = d.Length;
        if (n == 0) return;
        if (x.Length == n && y.Length == n) { TF.Apply(x, y, d); return; }
        if (y.Length == 1) { TF.Apply(x.Length == n ? x : throw Unexpected(), y[0], d); return; }
        if (x.Length == 1 && y.Length == n) { TF.Apply(x[0], y, d); return; }

        if (x.Length == n && IsSuffix(yShape, outShape))
        {
            // Row broadcast, e.g. [N,M] + [M]: one vector op per row.
            int m = y.Length;
            for (int off = 0; off < n; off += m) TF.Apply(x.Slice(off, m), y, d.Slice(off, m));
            return;
        }
        if (y.Length == n && IsSuffix(xShape, outShape))
        {
            int m = x.Length;
            for (int off = 0; off < n; off += m) TF.Apply(x, y.Slice(off, m), d.Slice(off, m));
            return;
        }
        General<T, TF>(x, xShape, y, yShape, d, outShape);
    }

    // True when `small` broadcasts against `full` by repeating whole trailing blocks: its leading
    // dims are 1 (or absent) and its trailing dims equal full's.
    private static bool IsSuffix(ReadOnlySpan<int> small, ReadOnlySpan<int> full)
    {
        int offset = full.Length - small.Length;
        int i = 0;
        while (i < small.Length && small[i] == 1 && full[offset + i] != 1) i++;
        for (int j = i; j < small.Length; j++) if (small[j] != full[offset + j]) return false;
        return true;
    }

    private static Exception Unexpected() => new InvalidOperationException("Broadcast shapes are inconsistent with buffer lengths.");

    private static void General<T, TF>(ReadOnlySpan<T> x, ReadOnlySpan<int> xShape, ReadOnlySpan<T> y, ReadOnlySpan<int> yShape,
        Span<T> d, ReadOnlySpan<int> outShape) where TF : IBinaryFunction<T>
    {
        int rank = outShape.Length;
        Span<int> xStride = stackalloc int[rank], yStride = stackalloc int[rank], index = stackalloc int[rank];
        BroadcastStrides(xShape, outShape, xStride);
        BroadcastStrides(yShape, outShape, yStride);
        int inner = outShape[rank - 1];
        int outer = d.Length / inner;
        index.Clear();
        for (int row = 0; row < outer; row++)
        {
            int xo = 0, yo = 0;
            for (int k = 0; k < rank - 1; k++) { xo += index[k] * xStride[k]; yo += index[k] * yStride[k]; }
            var dst = d.Slice(row * inner, inner);
            bool xFull = xStride[rank - 1] != 0 || inner == 1, yFull = yStride[rank - 1] != 0 || inner == 1;
            if (xFull && yFull) TF.Apply(x.Slice(xo, inner), y.Slice(yo, inner), dst);
            else if (xFull) TF.Apply(x.Slice(xo, inner), y[yo], dst);
            else if (yFull) TF.Apply(x[xo], y.Slice(yo, inner), dst);
            else { dst.Fill(x[xo]); TF.Apply(dst, y[yo], dst); }
            Broadcasting.Advance(index[..(rank - 1)], outShape[..(rank - 1)]);
        }
    }

    /// <summary>Steps a row-major multi-index (an odometer) to the next element of <paramref name="shape"/>.</summary>
    public static void Advance(Span<int> index, ReadOnlySpan<int> shape)
    {
        for (int k = index.Length - 1; k >= 0; k--)
        {
            if (++index[k] < shape[k]) return;
            index[k] = 0;
        }
    }

    /// <summary>Row-major strides of <paramref name="shape"/> aligned to <paramref name="outShape"/>, 0 where broadcast.</summary>
    public static void BroadcastStrides(ReadOnlySpan<int> shape, ReadOnlySpan<int> outShape, Span<int> strides)
    {
        int offset = outShape.Length - shape.Length;
        int stride = 1;
        for (int k = outShape.Length - 1; k >= 0; k--)
        {
            int dim = k < offset ? 1 : shape[k - offset];
            strides[k] = dim == 1 ? 0 : stride;
            stride *= dim;
        }
    }
}

/// <summary>Data movement kernels: broadcast copy and transpose.</summary>
public static class LayoutKernels
{
    /// <summary>Copies <paramref name="x"/> broadcast to <paramref name="outShape"/> into <paramref name="d"/>.</summary>
    public static void BroadcastTo<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> xShape, Span<T> d, ReadOnlySpan<int> outShape)
    {
        if (d.Length == 0) return;
        if (x.Length == d.Length) { x.CopyTo(d); return; }
        if (x.Length == 1) { d.Fill(x[0]); return; }
        int rank = outShape.Length;
        Span<int> strides = stackalloc int[rank], index = stackalloc int[rank];
        Broadcasting.BroadcastStrides(xShape, outShape, strides);
        index.Clear();
        for (int i = 0; i < d.Length; i++)
        {
            int xo = 0;
            for (int k = 0; k < rank; k++) xo += index[k] * strides[k];
            d[i] = x[xo];
            Broadcasting.Advance(index, outShape);
        }
    }

    /// <summary>d = transpose(x, perm): output dimension i is input dimension perm[i].</summary>
    public static void Transpose<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> xShape, ReadOnlySpan<int> perm, Span<T> d) where T : unmanaged
    {
        int rank = xShape.Length;
        if (FastTranspose.TryTranspose(x, xShape, perm, d)) return;
        Span<int> inStrides = stackalloc int[rank], outShape = stackalloc int[rank], strides = stackalloc int[rank], index = stackalloc int[rank];
        int s = 1;
        for (int k = rank - 1; k >= 0; k--) { inStrides[k] = s; s *= xShape[k]; }
        for (int k = 0; k < rank; k++) { outShape[k] = xShape[perm[k]]; strides[k] = inStrides[perm[k]]; }
        index.Clear();
        for (int i = 0; i < d.Length; i++)
        {
            int xo = 0;
            for (int k = 0; k < rank; k++) xo += index[k] * strides[k];
            d[i] = x[xo];
            Broadcasting.Advance(index, outShape);
        }
    }
}
