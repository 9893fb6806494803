namespace GraphTrainer;

public static partial class tf
{
    /// <summary>Joins <paramref name="values"/> along <paramref name="axis"/> (op ConcatV2), TF ≥ 1.0's argument order.</summary>
    public static Tensor concat(Tensor[] values, int axis, string name = "concat") => ShapeArrayOps.Concat(values, axis, name);

    /// <summary>TF ≤ 0.12's <c>tf.concat(concat_dim, values)</c>.</summary>
    [Obsolete("use tf.concat(values, axis)")]
    public static Tensor concat(int concat_dim, Tensor[] values, string name = "concat") => concat(values, concat_dim, name);

    /// <summary>
    /// Each output pixel of <paramref name="images"/> [batch, h, w, c] gets the window under it ([1, rows, cols, 1]
    /// <paramref name="ksizes"/>, sampled every <paramref name="rates"/> pixels) flattened to rows·cols·c values in
    /// (row, column, channel) order, zeros where SAME padding falls (op ExtractImagePatches).
    /// </summary>
    public static Tensor extract_image_patches(Tensor images, int[] ksizes, int[] strides, int[] rates, string padding, string name = null) =>
        PatchOps.Build(images, ksizes, strides, rates, padding, name);

    /// <summary>Moves block_size × block_size blocks of pixels into the channels: [n, h, w, c] → [n, h/b, w/b, c·b²] (op SpaceToDepth).</summary>
    public static Tensor space_to_depth(Tensor input, int block_size, string name = null, string data_format = "NHWC") =>
        SpaceDepthOps.Build("SpaceToDepth", input, block_size, name, data_format);
    /// <summary>The inverse of <see cref="space_to_depth"/>: [n, h, w, c] → [n, h·b, w·b, c/b²] (op DepthToSpace).</summary>
    public static Tensor depth_to_space(Tensor input, int block_size, string name = null, string data_format = "NHWC") =>
        SpaceDepthOps.Build("DepthToSpace", input, block_size, name, data_format);

    /// <summary>Stacks same-shape tensors along a new axis <paramref name="axis"/> (op Pack).</summary>
    public static Tensor stack(Tensor[] values, int axis = 0, string name = "stack") => ShapeArrayOps.Pack(values, axis, name);

    /// <summary>Splits <paramref name="value"/> along <paramref name="axis"/> into tensors of one rank less (op Unpack); <paramref name="num"/> defaults to the dimension's size.</summary>
    /// <exception cref="ValueError">The size along the axis is unknown and <paramref name="num"/> is not given.</exception>
    public static Tensor[] unstack(Tensor value, int? num = null, int axis = 0, string name = "unstack")
    {
        if (num == null)
        {
            if (!value.shape.HasRank) throw new ValueError($"Cannot infer num from shape {value.shape}");
            num = value.shape[OpBuilder.NormalizeAxis(axis, value.shape.ndim)];
            if (num < 0) throw new ValueError($"Cannot infer num from shape {value.shape}");
        }
        return ShapeArrayOps.Unpack(value, num.Value, axis, name);
    }

    /// <summary>Removes dimensions of size 1 (all of them, or those in <paramref name="axis"/>).</summary>
    public static Tensor squeeze(Tensor input, int[] axis = null, string name = null, int[] squeeze_dims = null) =>
        ShapeArrayOps.Squeeze(input, axis ?? squeeze_dims, name);

    /// <summary>Removes dimension <paramref name="axis"/>, which must have size 1.</summary>
    public static Tensor squeeze(Tensor input, int axis, string name = null) => ShapeArrayOps.Squeeze(input, new[] { axis }, name);

    /// <summary>The block of <paramref name="size"/> (−1 = to the end) starting at <paramref name="begin"/> (op Slice).</summary>
    public static Tensor slice(Tensor input_, int[] begin, int[] size, string name = null) =>
        SliceOps.Slice(input_, OpBuilder.IntVector(input_.graph, begin, "Slice/begin"), OpBuilder.IntVector(input_.graph, size, "Slice/size"), name);

    /// <summary>
    /// <c>input_[begin:end:strides]</c> per dimension (op StridedSlice) with TensorFlow's begin/end/shrink-axis masks;
    /// <c>t[1..3, 0]</c> on a tensor builds the same op.
    /// </summary>
    public static Tensor strided_slice(Tensor input_, int[] begin, int[] end, int[] strides = null, int begin_mask = 0, int end_mask = 0,
        int ellipsis_mask = 0, int new_axis_mask = 0, int shrink_axis_mask = 0, string name = null)
    {
        if (ellipsis_mask != 0 || new_axis_mask != 0) throw new ValueError("strided_slice: ellipsis_mask and new_axis_mask are not supported.");
        return SliceOps.StridedSlice(input_, begin, end, strides ?? Enumerable.Repeat(1, begin.Length).ToArray(), begin_mask, end_mask, shrink_axis_mask, name);
    }

    /// <summary>Slices of <paramref name="params"/> at <paramref name="indices"/> along <paramref name="axis"/> (op GatherV2).</summary>
    public static Tensor gather(Tensor @params, Tensor indices, int axis = 0, string name = null) => GatherOps.Gather(@params, indices, axis, name);

    /// <summary>Splits <paramref name="value"/> into <paramref name="num_or_size_splits"/> equal parts along <paramref name="axis"/> (op Split).</summary>
    public static Tensor[] split(Tensor value, int num_or_size_splits, int axis = 0, string name = "split") =>
        SplitTileOps.Split(value, num_or_size_splits, axis, name);

    /// <summary>Splits <paramref name="value"/> into parts of the given sizes along <paramref name="axis"/> (op SplitV); one size may be −1 for the rest.</summary>
    public static Tensor[] split(Tensor value, int[] num_or_size_splits, int axis = 0, string name = "split") =>
        SplitTileOps.SplitV(value, num_or_size_splits, axis, name);

    /// <summary>Repeats <paramref name="input"/> <c>multiples[k]</c> times along each dimension k (op Tile).</summary>
    public static Tensor tile(Tensor input, int[] multiples, string name = null) =>
        SplitTileOps.Tile(input, OpBuilder.IntVector(input.graph, multiples, "Tile/multiples"), name);

    /// <summary>
    /// Pads with zeros: <c>paddings[k, 0]</c> before and <c>paddings[k, 1]</c> after dimension k (op Pad). Only
    /// mode "CONSTANT" with value 0 is supported.
    /// </summary>
    public static Tensor pad(Tensor tensor, int[,] paddings, string mode = "CONSTANT", string name = null, double constant_values = 0)
    {
        if (!string.Equals(mode, "CONSTANT", StringComparison.OrdinalIgnoreCase))
            throw new ValueError($"pad mode {mode} is not supported; only CONSTANT is.");
        if (constant_values != 0) throw new ValueError("pad with a nonzero constant_values is not supported.");
        var flat = new int[paddings.Length];
        Buffer.BlockCopy(paddings, 0, flat, 0, flat.Length * sizeof(int));
        var p = ConstantOps.Constant(tensor.graph, Runtime.TensorValue.Wrap(flat, paddings.GetLength(0), paddings.GetLength(1)), "Pad/paddings");
        return SliceOps.Pad(tensor, p, name);
    }

    /// <summary>
    /// One-hot vectors of length <paramref name="depth"/> (op OneHot): <paramref name="on_value"/> (1) at each index,
    /// <paramref name="off_value"/> (0) elsewhere, as <paramref name="dtype"/> (float32 by default); indices outside
    /// [0, depth) give all-off rows.
    /// </summary>
    public static Tensor one_hot(Tensor indices, int depth, double on_value = 1, double off_value = 0, int axis = -1, DType dtype = DType.Float32, string name = null)
    {
        if (indices.dtype is not (DType.Int32 or DType.Int64 or DType.UInt8))
            throw new TypeError($"Value passed to parameter 'indices' has DataType {indices.dtype.Name()} not in list of allowed values: uint8, int32, int64");
        if (indices.dtype == DType.UInt8) indices = CastOps.Cast(indices, DType.Int32);
        var g = indices.graph;
        return GatherOps.OneHot(indices, depth, OpBuilder.Scalar(g, on_value, dtype, "one_hot/on_value"), OpBuilder.Scalar(g, off_value, dtype, "one_hot/off_value"), axis, name);
    }

    /// <summary>
    /// <c>[start, start + delta, …)</c> below <paramref name="limit"/> (op Range); with one argument it is <c>[0, start)</c>,
    /// as Python's <c>range(n)</c>. Ints give int32, floats float32, unless <paramref name="dtype"/> says otherwise.
    /// </summary>
    public static Tensor range(Tensor start, Tensor limit = null, Tensor delta = null, DType? dtype = null, string name = "range")
    {
        if (limit == null) (start, limit) = (null, start);
        var g = limit.graph;
        var type = dtype ?? new[] { start, limit, delta }.Where(t => t != null).Select(t => t.dtype)
            .OrderBy(d => d switch { DType.Int32 => 0, DType.Int64 => 1, DType.Float32 => 2, _ => 3 }).Last();
        Tensor As(Tensor t, double fallback) => t == null ? OpBuilder.Scalar(g, fallback, type) : CastOps.Cast(t, type);
        using var scope = g.name_scope(name ?? "range");
        return GatherOps.Range(As(start, 0), As(limit, 0), As(delta, 1), scope.Name + "/");
    }

    /// <summary><paramref name="num"/> evenly spaced values from <paramref name="start"/> to <paramref name="stop"/> inclusive (op LinSpace).</summary>
    public static Tensor linspace(Tensor start, Tensor stop, int num, string name = null) => GatherOps.LinSpace(start, stop, num, name);

    /// <summary>TensorFlow's older spelling of <see cref="linspace"/>.</summary>
    public static Tensor lin_space(Tensor start, Tensor stop, int num, string name = null) => linspace(start, stop, num, name);

    /// <summary>The number of elements, as an int32 scalar (op Size).</summary>
    public static Tensor size(Tensor input, string name = null) => ArrayOps.Size(input, name);

    /// <summary>The number of dimensions, as an int32 scalar (op Rank).</summary>
    public static Tensor rank(Tensor input, string name = null) => ShapeArrayOps.Rank(input, name);

    /// <summary>The value of <paramref name="input"/>, but no gradient flows through it (op StopGradient).</summary>
    public static Tensor stop_gradient(Tensor input, string name = null) => ShapeArrayOps.StopGradient(input, name);

    /// <summary>Shuffles <paramref name="value"/> along its first dimension (op RandomShuffle), reproducibly under a seed.</summary>
    public static Tensor random_shuffle(Tensor value, int? seed = null, string name = null) => GatherOps.RandomShuffle(value, seed, name);
}
