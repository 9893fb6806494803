using NumSharp;

namespace GraphTrainer.Data
{
    /// <summary>
    /// Row-level copies between contiguous NDArrays (a "row" is everything under one index of the first
    /// axis), done as raw memory copies: per-element NumSharp indexing would dominate a training step.
    /// Works for any dtype because it moves bytes.
    /// </summary>
    internal static unsafe class RowOps
    {
        /// <summary>The array itself when C-contiguous, else a contiguous copy.</summary>
        public static NDArray Contiguous(NDArray a) => a.Shape.IsContiguous ? a : a.copy();

        /// <summary>Bytes in one row of <paramref name="a"/>.</summary>
        public static long RowBytes(NDArray a)
        {
            long rows = a.shape[0];
            return rows == 0 ? RowElements(a) * a.dtypesize : a.size / rows * a.dtypesize;
        }

        private static long RowElements(NDArray a)
        {
            long n = 1;
            for (int d = 1; d < a.shape.Length; d++)
                n *= a.shape[d];
            return n;
        }

        /// <summary>A new uninitialised array shaped like <paramref name="like"/> but with <paramref name="rows"/> rows.</summary>
        public static NDArray Allocate(NDArray like, long rows)
        {
            var dims = (long[])like.shape.Clone();
            dims[0] = rows;
            // NumSharp's own unmanaged block: measured faster in steady state than wrapping pinned or
            // plain managed arrays, which trigger frequent gen-2 collections at ~300 KB per batch.
            return new NDArray(like.typecode, new Shape(dims), false);
        }

        /// <summary>Copies <paramref name="count"/> rows from src[srcRow..] to dst[dstRow..]; both contiguous, same dtype and row size.</summary>
        public static void CopyRows(NDArray src, long srcRow, NDArray dst, long dstRow, long count)
        {
            if (count == 0)
                return;
            long rowBytes = RowBytes(src);
            byte* s = (byte*)src.Unsafe.Address + srcRow * rowBytes;
            byte* d = (byte*)dst.Unsafe.Address + dstRow * rowBytes;
            long bytes = count * rowBytes;
            Buffer.MemoryCopy(s, d, bytes, bytes);
        }

        /// <summary><c>src[rows]</c> (numpy fancy indexing on axis 0) into a new contiguous array.</summary>
        public static NDArray Gather(NDArray src, ReadOnlySpan<long> rows)
        {
            var dst = Allocate(src, rows.Length);
            GatherInto(src, rows, dst, 0);
            return dst;
        }

        /// <summary>Copies rows <c>src[rows[i]]</c> to <c>dst[at + i]</c>; both contiguous, same dtype and row size.</summary>
        public static void GatherInto(NDArray src, ReadOnlySpan<long> rows, NDArray dst, long at)
        {
            if (rows.Length == 0)
                return;
            long rowBytes = RowBytes(src), n = src.shape[0];
            byte* s = (byte*)src.Unsafe.Address;
            byte* d = (byte*)dst.Unsafe.Address + at * rowBytes;
            for (int i = 0; i < rows.Length; i++)
            {
                long r = rows[i];
                if ((ulong)r >= (ulong)n)
                    throw new IndexOutOfRangeException($"index {r} is out of bounds for axis 0 with size {n}");
                Buffer.MemoryCopy(s + r * rowBytes, d + i * rowBytes, rowBytes, rowBytes);
            }
        }
    }
}
