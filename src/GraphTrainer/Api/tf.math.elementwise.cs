namespace GraphTrainer;

public static partial class tf
{
    /// <summary>x^y element-wise with broadcasting.</summary>
    public static Tensor pow(Tensor x, Tensor y, string name = null) => ExtraMathOps.Pow(x, y, name);
    /// <summary>|x|.</summary>
    public static Tensor abs(Tensor x, string name = null) => UnaryOps.Unary("Abs", x, name);
    /// <summary>−1, 0 or 1 by the sign of x.</summary>
    public static Tensor sign(Tensor x, string name = null) => UnaryOps.Unary("Sign", x, name);
    /// <summary>1 / x.</summary>
    public static Tensor reciprocal(Tensor x, string name = null) => UnaryOps.Unary("Reciprocal", x, name);
    /// <summary>1 / √x.</summary>
    public static Tensor rsqrt(Tensor x, string name = null) => UnaryOps.Unary("Rsqrt", x, name);
    /// <summary>Smallest integer not less than x.</summary>
    public static Tensor ceil(Tensor x, string name = null) => UnaryOps.Unary("Ceil", x, name);
    /// <summary>Nearest integer, halves to even (banker's rounding, as TensorFlow's Round).</summary>
    public static Tensor round(Tensor x, string name = null) => UnaryOps.Unary("Round", x, name);
    /// <summary>log(1 + x), accurate for small x.</summary>
    public static Tensor log1p(Tensor x, string name = null) => UnaryOps.Unary("Log1p", x, name);
    /// <summary>sin x (radians).</summary>
    public static Tensor sin(Tensor x, string name = null) => UnaryOps.Unary("Sin", x, name);
    /// <summary>cos x (radians).</summary>
    public static Tensor cos(Tensor x, string name = null) => UnaryOps.Unary("Cos", x, name);
    /// <summary>tan x (radians).</summary>
    public static Tensor tan(Tensor x, string name = null) => UnaryOps.Unary("Tan", x, name);
    /// <summary>arcsin x, in [−π/2, π/2]; NaN outside [−1, 1].</summary>
    public static Tensor asin(Tensor x, string name = null) => UnaryOps.Unary("Asin", x, name);
    /// <summary>arccos x, in [0, π]; NaN outside [−1, 1].</summary>
    public static Tensor acos(Tensor x, string name = null) => UnaryOps.Unary("Acos", x, name);
    /// <summary>arctan x, in (−π/2, π/2).</summary>
    public static Tensor atan(Tensor x, string name = null) => UnaryOps.Unary("Atan", x, name);

    /// <summary>x ≠ y element-wise (bool).</summary>
    public static Tensor not_equal(Tensor x, Tensor y, string name = null) => ComparisonOps.Compare("NotEqual", x, y, name);
    /// <summary>x &lt; y element-wise (bool).</summary>
    public static Tensor less(Tensor x, Tensor y, string name = null) => ComparisonOps.Compare("Less", x, y, name);
    /// <summary>x ≤ y element-wise (bool).</summary>
    public static Tensor less_equal(Tensor x, Tensor y, string name = null) => ComparisonOps.Compare("LessEqual", x, y, name);
    /// <summary>x &gt; y element-wise (bool).</summary>
    public static Tensor greater(Tensor x, Tensor y, string name = null) => ComparisonOps.Compare("Greater", x, y, name);
    /// <summary>x ≥ y element-wise (bool).</summary>
    public static Tensor greater_equal(Tensor x, Tensor y, string name = null) => ComparisonOps.Compare("GreaterEqual", x, y, name);
    /// <summary>x and y element-wise (bool).</summary>
    public static Tensor logical_and(Tensor x, Tensor y, string name = null) => ComparisonOps.Logical("LogicalAnd", x, y, name);
    /// <summary>x or y element-wise (bool).</summary>
    public static Tensor logical_or(Tensor x, Tensor y, string name = null) => ComparisonOps.Logical("LogicalOr", x, y, name);
    /// <summary>not x element-wise (bool).</summary>
    public static Tensor logical_not(Tensor x, string name = null) => ComparisonOps.LogicalNot(x, name);

    /// <summary>
    /// TF1's <c>tf.where(condition, x, y)</c> (op Select): x where the condition holds, else y. The condition has the
    /// shape of x and y, a scalar, or a vector choosing whole rows.
    /// </summary>
    public static Tensor where(Tensor condition, Tensor x, Tensor y, string name = null) => ComparisonOps.Select(condition, x, y, name);

    /// <summary>TF1's one-argument <c>tf.where(condition)</c> (op Where): the int64 coordinates [num_true, rank] of the true elements.</summary>
    public static Tensor where(Tensor condition, string name = null) => ComparisonOps.Where(condition, name);

    /// <summary>Clips every element to [<paramref name="clip_value_min"/>, <paramref name="clip_value_max"/>] (Minimum then Maximum, as TensorFlow builds it).</summary>
    public static Tensor clip_by_value(Tensor t, Tensor clip_value_min, Tensor clip_value_max, string name = null)
    {
        using var scope = get_default_graph().name_scope(name ?? "clip_by_value");
        var tMin = MathOps.Minimum(t, Like(clip_value_max, t));
        return MathOps.Maximum(tMin, Like(clip_value_min, t), scope.Name + "/");
    }

    /// <summary>Clips every element to [min, max] given as numbers.</summary>
    public static Tensor clip_by_value(Tensor t, double clip_value_min, double clip_value_max, string name = null) =>
        clip_by_value(t, OpBuilder.Scalar(t.graph, clip_value_min, t.dtype, "clip_value_min"), OpBuilder.Scalar(t.graph, clip_value_max, t.dtype, "clip_value_max"), name);

    /// <summary>
    /// Rescales <paramref name="t"/> so its L2 norm over <paramref name="axes"/> (all axes when null) is at most
    /// <paramref name="clip_norm"/>: <c>t · clip_norm / max(‖t‖, clip_norm)</c>; a zero tensor stays zero.
    /// </summary>
    public static Tensor clip_by_norm(Tensor t, double clip_norm, Axis? axes = null, string name = null)
    {
        using var scope = get_default_graph().name_scope(name ?? "clip_by_norm");
        var l2sum = ReductionOps.Sum(MathOps.Mul(t, t), ReductionOps.AxesFor(t, axes?.Axes), keepDims: true);
        var pred = ComparisonOps.Compare("Greater", l2sum, OpBuilder.Scalar(t.graph, 0, t.dtype));
        var safe = ComparisonOps.Select(pred, l2sum, FillOps.OnesLike(l2sum));
        var l2norm = ComparisonOps.Select(pred, UnaryOps.Unary("Sqrt", safe), l2sum);
        var clip = OpBuilder.Scalar(t.graph, clip_norm, t.dtype, "clip_norm");
        var intermediate = MathOps.Mul(t, clip);
        return ConstantOps.Identity(MathOps.RealDiv(intermediate, MathOps.Maximum(l2norm, clip)), scope.Name + "/");
    }

    /// <summary>
    /// Scales every tensor of <paramref name="t_list"/> by <c>clip_norm / max(global_norm, clip_norm)</c>, where
    /// global_norm = √Σ‖t‖² over the list (null entries are skipped and stay null). Returns the clipped list and the global norm.
    /// </summary>
    public static (Tensor[] list_clipped, Tensor global_norm) clip_by_global_norm(IReadOnlyList<Tensor> t_list, double clip_norm,
        Tensor use_norm = null, string name = null)
    {
        if (t_list == null || t_list.Count == 0) throw new TypeError("t_list should be a sequence");
        var present = t_list.Where(t => t != null).ToArray();
        if (present.Length == 0) throw new ValueError("clip_by_global_norm needs at least one tensor in t_list.");
        using var scope = get_default_graph().name_scope(name ?? "clip_by_global_norm");
        var g = present[0].graph;
        var dtype = present[0].dtype;
        Tensor norm = use_norm;
        if (norm == null)
        {
            var halfSquared = MathOps.AddN(present.Select(t => LossOps.L2Loss(t)).ToArray());
            norm = UnaryOps.Unary("Sqrt", MathOps.Mul(halfSquared, OpBuilder.Scalar(g, 2, dtype)), "global_norm");
        }
        // scale = clip_norm · min(1 / norm, 1 / clip_norm): 1 when the norm is within bounds, and finite when it is inf.
        var clip = OpBuilder.Scalar(g, clip_norm, dtype, "clip_norm");
        var one = OpBuilder.Scalar(g, 1, dtype);
        var scale = MathOps.Mul(clip, MathOps.Minimum(MathOps.RealDiv(one, norm), MathOps.RealDiv(one, clip)));
        var clipped = t_list.Select((t, i) => t == null ? null : ConstantOps.Identity(MathOps.Mul(t, scale), $"{scope.Name}/_{i}/")).ToArray();
        return (clipped, norm);
    }

    private static Tensor Like(Tensor value, Tensor reference) => value.dtype == reference.dtype ? value : CastOps.Cast(value, reference.dtype);
}
