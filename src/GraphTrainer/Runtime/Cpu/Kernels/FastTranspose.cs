namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// Transpose at close to memory bandwidth: dimensions of size 1 are dropped and input dimensions that stay adjacent are
/// merged, so NHWC↔NCHW becomes a batch of 2-D transposes (done in cache-sized blocks, images shared by the cores) and a
/// permutation that keeps the last axis copies whole rows.
/// </summary>
internal static unsafe class FastTranspose
{
    private const int Block = 16;

    /// <summary>d = transpose(x, perm) for x of shape <paramref name="xShape"/>; returns false when no fast form applies.</summary>
    public static bool TryTranspose<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> xShape, ReadOnlySpan<int> perm, Span<T> d) where T : unmanaged
    {
        Span<int> shape = stackalloc int[xShape.Length], order = stackalloc int[xShape.Length];
        int rank = Reduce(xShape, perm, shape, order);
        if (x.Length == 0) return true;
        if (rank <= 1)
        {
            x.CopyTo(d);
            return true;
        }
        fixed (T* px = x, pd = d)
        {
            if (rank == 2)
            {
                Batched(px, pd, 1, shape[0], shape[1]);
                return true;
            }
            if (rank == 3 && order[0] == 0 && order[1] == 2 && order[2] == 1)
            {
                Batched(px, pd, shape[0], shape[1], shape[2]);
                return true;
            }
        }
        return false;
    }

    // Drops size-1 dimensions and merges input dimensions that stay adjacent in perm; returns the reduced rank.
    private static int Reduce(ReadOnlySpan<int> xShape, ReadOnlySpan<int> perm, Span<int> shape, Span<int> order)
    {
        // Output order over kept input axes.
        Span<int> kept = stackalloc int[perm.Length];
        int n = 0;
        foreach (int p in perm) if (xShape[p] != 1) kept[n++] = p;
        // Merge runs p, p+1, ... (consecutive input axes, ignoring dropped ones) into groups.
        Span<int> groupOf = stackalloc int[xShape.Length];
        Span<int> groupStart = stackalloc int[n];
        int groups = 0;
        for (int i = 0; i < n; i++)
        {
            bool continues = i > 0 && NextKept(xShape, kept[i - 1]) == kept[i];
            if (!continues) groupStart[groups++] = kept[i];
            groupOf[kept[i]] = groups - 1;
        }
        // Group sizes, and the rank of each group's first input axis gives its input position.
        Span<int> size = stackalloc int[groups];
        size.Fill(1);
        for (int i = 0; i < n; i++) size[groupOf[kept[i]]] *= xShape[kept[i]];
        for (int gi = 0; gi < groups; gi++)
        {
            int inputPos = 0;
            for (int gj = 0; gj < groups; gj++) if (groupStart[gj] < groupStart[gi]) inputPos++;
            order[gi] = inputPos;
            shape[inputPos] = size[gi];
        }
        return groups;
    }

    private static int NextKept(ReadOnlySpan<int> xShape, int axis)
    {
        for (int a = axis + 1; a < xShape.Length; a++) if (xShape[a] != 1) return a;
        return -1;
    }

    private struct Job<T> where T : unmanaged
    {
        public T* X, D;
        public int Rows, Cols;
    }

    // For each of `batches` matrices rows×cols: d = xᵀ (cols×rows), matrices shared between the cores.
    private static void Batched<T>(T* x, T* d, int batches, int rows, int cols) where T : unmanaged
    {
        var job = new Job<T> { X = x, D = d, Rows = rows, Cols = cols };
        if (batches == 1 && rows >= 2 * Block)
        {
            // One matrix: split its rows into bands instead.
            ParallelRange.ForEach((rows + 255) / 256, &Band<T>, &job);
            return;
        }
        ParallelRange.ForEach(batches, &Matrices<T>, &job);
    }

    private static void Matrices<T>(void* p, int b0, int b1) where T : unmanaged
    {
        ref var job = ref *(Job<T>*)p;
        long size = (long)job.Rows * job.Cols;
        for (int b = b0; b < b1; b++) Transpose2D(job.X + b * size, job.D + b * size, job.Rows, job.Cols, 0, job.Rows);
    }

    private static void Band<T>(void* p, int b0, int b1) where T : unmanaged
    {
        ref var job = ref *(Job<T>*)p;
        Transpose2D(job.X, job.D, job.Rows, job.Cols, b0 * 256, Math.Min(b1 * 256, job.Rows));
    }

    // Rows [r0, r1) of x (rows×cols) into columns of d (cols×rows), in Block×Block tiles.
    private static void Transpose2D<T>(T* x, T* d, int rows, int cols, int r0, int r1) where T : unmanaged
    {
        for (int i0 = r0; i0 < r1; i0 += Block)
        {
            int i1 = Math.Min(i0 + Block, r1);
            for (int j0 = 0; j0 < cols; j0 += Block)
            {
                int j1 = Math.Min(j0 + Block, cols);
                for (int j = j0; j < j1; j++)
                {
                    T* dst = d + (long)j * rows;
                    T* src = x + j;
                    for (int i = i0; i < i1; i++) dst[i] = src[(long)i * cols];
                }
            }
        }
    }
}
