namespace GraphTrainer;

public static partial class tf
{
    /// <summary>Maximum over <paramref name="axis"/> (all axes when null); the gradient is split equally among ties.</summary>
    public static Tensor reduce_max(Tensor input_tensor, Axis? axis = null, bool keepdims = false, string name = null,
        Axis? reduction_indices = null, bool keep_dims = false) =>
        Reduce("Max", input_tensor, axis ?? reduction_indices, keepdims || keep_dims, name);

    /// <summary>Minimum over <paramref name="axis"/> (all axes when null); the gradient is split equally among ties.</summary>
    public static Tensor reduce_min(Tensor input_tensor, Axis? axis = null, bool keepdims = false, string name = null,
        Axis? reduction_indices = null, bool keep_dims = false) =>
        Reduce("Min", input_tensor, axis ?? reduction_indices, keepdims || keep_dims, name);

    /// <summary>Product over <paramref name="axis"/> (all axes when null).</summary>
    public static Tensor reduce_prod(Tensor input_tensor, Axis? axis = null, bool keepdims = false, string name = null,
        Axis? reduction_indices = null, bool keep_dims = false) =>
        Reduce("Prod", input_tensor, axis ?? reduction_indices, keepdims || keep_dims, name);

    /// <summary>Logical or over <paramref name="axis"/> of a bool tensor (all axes when null).</summary>
    public static Tensor reduce_any(Tensor input_tensor, Axis? axis = null, bool keepdims = false, string name = null,
        Axis? reduction_indices = null, bool keep_dims = false) =>
        Reduce("Any", RequireBool(input_tensor, "reduce_any"), axis ?? reduction_indices, keepdims || keep_dims, name);

    /// <summary>Logical and over <paramref name="axis"/> of a bool tensor (all axes when null).</summary>
    public static Tensor reduce_all(Tensor input_tensor, Axis? axis = null, bool keepdims = false, string name = null,
        Axis? reduction_indices = null, bool keep_dims = false) =>
        Reduce("All", RequireBool(input_tensor, "reduce_all"), axis ?? reduction_indices, keepdims || keep_dims, name);

    /// <summary>How many elements are nonzero over <paramref name="axis"/> (all axes when null), as <paramref name="dtype"/> (int64 by default).</summary>
    public static Tensor count_nonzero(Tensor input_tensor, Axis? axis = null, bool keepdims = false, DType dtype = DType.Int64, string name = null,
        Axis? reduction_indices = null, bool keep_dims = false)
    {
        using (get_default_graph().name_scope(name ?? "count_nonzero"))
        {
            var zero = OpBuilder.Scalar(input_tensor.graph, 0, input_tensor.dtype, "zeros");
            var nonzero = CastOps.Cast(ComparisonOps.Compare("NotEqual", input_tensor, zero), DType.Int64);
            var count = ReductionOps.Sum(nonzero, ReductionOps.AxesFor(nonzero, (axis ?? reduction_indices)?.Axes), keepdims || keep_dims);
            return CastOps.Cast(count, dtype);
        }
    }

    /// <summary>Index of the smallest value along <paramref name="axis"/> (int64 by default).</summary>
    public static Tensor argmin(Tensor input, int axis, string name = null, DType output_type = DType.Int64) =>
        MoreReductionOps.ArgMin(input, axis, output_type, name);

    /// <summary>Cumulative sum along <paramref name="axis"/>; <paramref name="exclusive"/> starts at 0, <paramref name="reverse"/> runs from the end.</summary>
    public static Tensor cumsum(Tensor x, int axis = 0, bool exclusive = false, bool reverse = false, string name = null) =>
        MoreReductionOps.Scan("Cumsum", x, OpBuilder.IntScalar(x.graph, axis, "Cumsum/axis"), exclusive, reverse, name);

    /// <summary>Cumulative product along <paramref name="axis"/>.</summary>
    public static Tensor cumprod(Tensor x, int axis = 0, bool exclusive = false, bool reverse = false, string name = null) =>
        MoreReductionOps.Scan("Cumprod", x, OpBuilder.IntScalar(x.graph, axis, "Cumprod/axis"), exclusive, reverse, name);

    private static Tensor Reduce(string type, Tensor x, Axis? axis, bool keepDims, string name) =>
        MoreReductionOps.Reduce(type, x, ReductionOps.AxesFor(x, axis?.Axes), keepDims, name);

    private static Tensor RequireBool(Tensor x, string function) => x.dtype == DType.Bool ? x
        : throw new TypeError($"Input 'input' of '{(function == "reduce_any" ? "Any" : "All")}' Op has type {x.dtype.Name()} that does not match expected type of bool.");
}
