namespace GraphTrainer.Train;

/// <summary>
/// TensorFlow's tf.train.ExponentialMovingAverage: <see cref="apply"/> creates a shadow variable per variable
/// (named <c>var_name/ExponentialMovingAverage</c>, starting at the variable's initial value) and returns an op
/// that moves each shadow towards its variable: shadow −= (1 − decay)·(shadow − variable). With
/// <c>num_updates</c> the decay used is min(decay, (1 + num_updates) / (10 + num_updates)).
/// </summary>
public sealed class ExponentialMovingAverage
{
    /// <summary>TensorFlow's GraphKeys.MOVING_AVERAGE_VARIABLES: the variables apply() was called on.</summary>
    public const string MOVING_AVERAGE_VARIABLES = "moving_average_variables";

    private readonly double _decay;
    private readonly Tensor _numUpdates;
    private readonly Dictionary<RefVariable, RefVariable> _averages = new();

    /// <summary>Creates the averager (no ops are added until <see cref="apply"/>).</summary>
    public ExponentialMovingAverage(double decay, Tensor num_updates = null, string name = "ExponentialMovingAverage")
    {
        if (num_updates != null && num_updates.dtype is not (DType.Int32 or DType.Int64 or DType.Float32 or DType.Float64))
            throw new TypeError($"num_updates must be a number, not {num_updates.dtype.Name()}.");
        _decay = decay;
        _numUpdates = num_updates;
        this.name = name;
    }

    /// <summary>The averager's name, the suffix of every shadow variable's name.</summary>
    public string name { get; }

    /// <summary>
    /// Creates shadow variables for <paramref name="var_list"/> (default: all trainable variables) and returns the
    /// op (named after the averager) that updates them all. Run it after each training step.
    /// </summary>
    public Operation apply(IEnumerable<RefVariable> var_list = null)
    {
        var vars = (var_list ?? tf.get_default_graph().get_collection<RefVariable>(GraphKeys.TRAINABLE_VARIABLES)).ToArray();
        if (vars.Length == 0) throw new ValueError("No variables to average: var_list is empty.");
        foreach (var v in vars)
        {
            if (!v.dtype.IsFloating()) throw new TypeError($"The variables must be half, float, or double: {v.name}");
            if (_averages.ContainsKey(v)) throw new ValueError($"Moving average already computed for: {v.name}");
        }
        var g = vars[0].graph;
        foreach (var v in vars)
        {
            using (g.name_scope(null))
                _averages[v] = VariableOps.Create(v.initial_value, average_name(v), trainable: false);
            g.add_to_collection(MOVING_AVERAGE_VARIABLES, v);
        }
        using var scope = g.name_scope(name);
        Tensor decay = OpBuilder.Scalar(g, _decay, DType.Float32, "decay");
        if (_numUpdates != null)
        {
            var n = CastOps.Cast(_numUpdates, DType.Float32, "num_updates");
            var ratio = MathOps.RealDiv(MathOps.Add(OpBuilder.Scalar(g, 1.0, DType.Float32), n), MathOps.Add(OpBuilder.Scalar(g, 10.0, DType.Float32), n));
            decay = MathOps.Minimum(decay, ratio);
        }
        var updates = vars.Select(v => (ITensorOrOperation)AssignMovingAverage(g, _averages[v], v, decay)).ToArray();
        return ConstantOps.Group(updates, scope.Name + "/");
    }

    // TensorFlow's moving_averages.assign_moving_average: variable −= (variable − value)·(1 − decay).
    private static Tensor AssignMovingAverage(Graph g, RefVariable shadow, Tensor value, Tensor decay)
    {
        using var scope = g.name_scope("AssignMovingAvg");
        var oneMinus = MathOps.Sub(OpBuilder.Scalar(g, 1.0, shadow.dtype), CastOps.Cast(decay, shadow.dtype), "decay");
        var delta = MathOps.Mul(MathOps.Sub(shadow, value), oneMinus);
        return VariableOps.Assign(shadow, MathOps.Sub(shadow, delta), true, scope.Name + "/");
    }

    /// <summary>The shadow variable of <paramref name="var"/>, or null when apply() was not called on it.</summary>
    public RefVariable average(RefVariable var) => _averages.TryGetValue(var, out var shadow) ? shadow : null;

    /// <summary>The name the shadow of <paramref name="var"/> has (and is saved under): <c>var_name/ExponentialMovingAverage</c>.</summary>
    public string average_name(RefVariable var) => var.op.name + "/" + name;

    /// <summary>
    /// A Saver name map that restores the moving averages into the variables themselves (for evaluation with
    /// averaged weights): average_name(v) → v for averaged (or trainable) variables, v's own name → v for the rest
    /// (a shadow's own name is already taken by its variable).
    /// </summary>
    public Dictionary<string, RefVariable> variables_to_restore(IEnumerable<RefVariable> moving_avg_variables = null)
    {
        var g = tf.get_default_graph();
        var averaged = (moving_avg_variables ?? g.get_collection<RefVariable>(MOVING_AVERAGE_VARIABLES)
            .Concat(g.get_collection<RefVariable>(GraphKeys.TRAINABLE_VARIABLES))).ToHashSet();
        var map = new Dictionary<string, RefVariable>();
        foreach (var v in averaged) map[average_name(v)] = v;
        foreach (var v in g.get_collection<RefVariable>(GraphKeys.GLOBAL_VARIABLES))
            if (!averaged.Contains(v)) map.TryAdd(v.op.name, v);
        return map;
    }
}
