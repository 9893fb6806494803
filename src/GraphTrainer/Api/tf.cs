using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>
/// The TensorFlow 1.x facade: <c>tf.placeholder</c>, <c>tf.matmul</c>, <c>tf.train.AdamOptimizer</c>… with
/// Python's names and keyword arguments, so TF1 code ports with C# syntax changes only.
/// </summary>
public static partial class tf
{
    /// <summary>32-bit float.</summary>
    public const DType float32 = DType.Float32;
    /// <summary>64-bit float.</summary>
    public const DType float64 = DType.Float64;
    /// <summary>64-bit float (TensorFlow's alias).</summary>
    public const DType double_ = DType.Float64;
    /// <summary>32-bit int.</summary>
    public const DType int32 = DType.Int32;
    /// <summary>64-bit int.</summary>
    public const DType int64 = DType.Int64;
    /// <summary>8-bit unsigned int.</summary>
    public const DType uint8 = DType.UInt8;
    /// <summary>Boolean.</summary>
    public const DType @bool = DType.Bool;

    /// <summary>A new empty graph; make it the default with <c>using (graph.as_default())</c>.</summary>
    public static Graph Graph() => new();

    /// <summary>The current default graph.</summary>
    public static Graph get_default_graph() => GraphTrainer.Graph.Default;

    /// <summary>Replaces the global default graph with an empty one. Run this at the top of a notebook cell that builds a graph, so re-running it does not duplicate ops.</summary>
    public static void reset_default_graph() => GraphTrainer.Graph.ResetDefault();

    /// <summary>Sets the graph-level random seed of the default graph.</summary>
    public static void set_random_seed(int seed) => get_default_graph().seed = seed;

    /// <summary>Opens a session (it becomes the default session until disposed), configured by <paramref name="config"/> when given.</summary>
    public static Session Session(Graph graph = null, ConfigProto config = null) => new(graph, config: config);

    /// <summary>Opens an interactive session that stays the default until closed, configured by <paramref name="config"/> when given.</summary>
    public static InteractiveSession InteractiveSession(Graph graph = null, ConfigProto config = null) => new(graph, config);

    /// <summary>The default session, or null.</summary>
    public static Session get_default_session() => GraphTrainer.Session.Default;

    /// <summary>Opens a name scope in the default graph: <c>using (tf.name_scope("layer1")) { ... }</c>.</summary>
    public static NameScope name_scope(string name) => get_default_graph().name_scope(name);

    /// <summary>Ops created inside the scope run after <paramref name="control_inputs"/>; null clears the enclosing scopes' dependencies (TF's <c>control_dependencies(None)</c>).</summary>
    public static IDisposable control_dependencies(params ITensorOrOperation[] control_inputs) =>
        (control_inputs?.FirstOrDefault()?.op.Graph ?? get_default_graph()).control_dependencies(control_inputs);

    /// <summary>A tensor that must be fed at run time. Use <c>None</c> (-1) for unknown dimensions: <c>(None, 784)</c>.</summary>
    public static Tensor placeholder(DType dtype, TensorShape shape = null, string name = null) =>
        ConstantOps.Placeholder(dtype, shape, name);

    /// <summary>A tensor that is <paramref name="input"/> unless fed (dropout's keep probability, a training flag); <paramref name="shape"/> may be less specific than the input's.</summary>
    public static Tensor placeholder_with_default(Tensor input, TensorShape shape, string name = null) =>
        ConstantOps.PlaceholderWithDefault(input, shape, name);

    /// <summary>A constant from a scalar, C# array or NDArray; with <paramref name="shape"/>, a scalar is broadcast to it.</summary>
    public static Tensor constant(object value, DType? dtype = null, TensorShape shape = null, string name = "Const")
    {
        if (dtype is DType requested) PythonScalars.RequireConvertible(value, requested);
        var v = ValueConversion.FromObject(value, dtype ?? DefaultDType(value));
        if (shape != null && !shape.Equals(new TensorShape(v.Shape)))
        {
            if (!shape.IsFullyDefined) throw new ValueError($"tf.constant shape must be fully defined, got {shape}.");
            if (v.Length != 1 && v.Length != shape.NumElements())
                throw new ValueError($"Too many elements provided. Needed at most {shape.NumElements()}, but received {v.Length}");
            var filled = TensorValue.Allocate(v.DType, shape.dims);
            for (int i = 0; i < filled.Length; i++) filled.Data.SetValue(v.Data.GetValue(v.Length == 1 ? 0 : i), i);
            v = filled;
        }
        return ConstantOps.Constant(get_default_graph(), v, name);
    }

    // Python floats become float32 tensors in TensorFlow unless a dtype is given.
    private static DType? DefaultDType(object value) =>
        value is double || (value is Array a && a.GetType().GetElementType() == typeof(double)) ? DType.Float32 : null;

    /// <summary>Wraps a value in an Identity op.</summary>
    public static Tensor identity(Tensor input, string name = null) => ConstantOps.Identity(input, name);

    /// <summary>A NoOp that runs all <paramref name="inputs"/> (TensorFlow's tf.group).</summary>
    public static Operation group(params ITensorOrOperation[] inputs) => ConstantOps.Group(inputs);

    /// <summary>tf.group with a name.</summary>
    public static Operation group(IEnumerable<ITensorOrOperation> inputs, string name) => ConstantOps.Group(inputs, name);

    /// <summary>Symbolic partial derivatives of sum(ys) with respect to each x; null where x does not affect ys.</summary>
    public static Tensor[] gradients(Tensor[] ys, Tensor[] xs, Tensor[] grad_ys = null, string name = "gradients") =>
        GradientsBuilder.Build(ys, xs, grad_ys, name);

    /// <summary>Gradients of one y.</summary>
    public static Tensor[] gradients(Tensor ys, Tensor[] xs, Tensor[] grad_ys = null, string name = "gradients") =>
        GradientsBuilder.Build(new[] { ys }, xs, grad_ys, name);

    /// <summary>Gradient of one y with respect to one x.</summary>
    public static Tensor[] gradients(Tensor ys, Tensor xs, string name = "gradients") =>
        GradientsBuilder.Build(new[] { ys }, new[] { xs }, null, name);
}
