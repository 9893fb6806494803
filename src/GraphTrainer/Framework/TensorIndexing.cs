namespace GraphTrainer;

/// <summary>
/// One subscript of a tensor slice: an index (<c>0</c>, <c>^1</c>), which drops the dimension, or a range
/// (<c>1..3</c>, <c>..</c>, <c>2..^1</c>), which keeps it — Python's <c>t[1:3, 0]</c> written <c>t[1..3, 0]</c>.
/// </summary>
public readonly struct SliceSpec
{
    private SliceSpec(Index? index, Range? range)
    {
        this.index = index;
        this.range = range;
    }

    internal readonly Index? index;
    internal readonly Range? range;

    /// <summary>A single position; negative ints count from the end as in Python.</summary>
    public static implicit operator SliceSpec(int index) => new(index < 0 ? Index.FromEnd(-index) : Index.FromStart(index), null);
    /// <summary>A single position (<c>^1</c> is the last).</summary>
    public static implicit operator SliceSpec(Index index) => new(index, null);
    /// <summary>A range of positions (<c>..</c> is all of them).</summary>
    public static implicit operator SliceSpec(Range range) => new(null, range);
}

public partial class Tensor
{
    /// <summary>
    /// Python-style slicing through StridedSlice, as TensorFlow's <c>t[...]</c>: <c>t[.., 0]</c> is column 0,
    /// <c>t[1..3]</c> rows 1 and 2, <c>t[^1]</c> the last row. Dimensions past the last subscript are kept whole.
    /// </summary>
    /// <exception cref="ValueError">More subscripts than dimensions.</exception>
    public Tensor this[params SliceSpec[] slices]
    {
        get
        {
            if (shape.HasRank && slices.Length > shape.ndim)
                throw new ValueError($"Index out of range: {slices.Length} subscripts for a tensor of rank {shape.ndim} ({name}).");
            int n = slices.Length;
            var begin = new int[n];
            var end = new int[n];
            var strides = Enumerable.Repeat(1, n).ToArray();
            int beginMask = 0, endMask = 0, shrinkMask = 0;
            for (int k = 0; k < n; k++)
            {
                var s = slices[k];
                if (s.index is Index i)
                {
                    begin[k] = Position(i);
                    end[k] = begin[k] + 1;
                    shrinkMask |= 1 << k;
                    continue;
                }
                var r = s.range.Value;
                if (r.Start.Equals(Index.Start)) beginMask |= 1 << k; else begin[k] = Position(r.Start);
                if (r.End.Equals(Index.End)) endMask |= 1 << k; else end[k] = Position(r.End);
            }
            return SliceOps.StridedSlice(this, begin, end, strides, beginMask, endMask, shrinkMask);
        }
    }

    // ^k is −k, which StridedSlice counts from the end of the dimension (^0 as an end is handled by the end mask).
    private static int Position(Index i) => i.IsFromEnd ? -i.Value : i.Value;
}
