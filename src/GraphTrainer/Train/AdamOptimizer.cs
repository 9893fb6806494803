namespace GraphTrainer.Train;

/// <summary>
/// Adam with TensorFlow 1.x's exact rule: slots m and v per variable, non-slot accumulators beta1_power and
/// beta2_power (initialized to β1, β2 and multiplied by them after each step), and
/// lr_t = lr·√(1 − β2^t)/(1 − β1^t); var −= lr_t·m/(√v + ε) — ε is added to √v, not to v̂.
/// </summary>
public sealed class AdamOptimizer : Optimizer
{
    private readonly double _learningRate, _beta1, _beta2, _epsilon;
    private RefVariable _beta1Power, _beta2Power;

    /// <summary>Creates the optimizer with TensorFlow's defaults.</summary>
    public AdamOptimizer(double learning_rate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, string name = "Adam") : base(name)
    {
        _learningRate = learning_rate;
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
    }

    /// <summary>Creates the optimizer with a learning-rate tensor (e.g. a decay schedule).</summary>
    public AdamOptimizer(Tensor learning_rate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, string name = "Adam") : this(0, beta1, beta2, epsilon, name) =>
        LearningRateTensor = RequireRate(learning_rate);

    /// <inheritdoc/>
    protected override void CreateSlots(RefVariable[] vars)
    {
        var first = vars.OrderBy(v => v.op.Name, StringComparer.Ordinal).First();
        var g = first.graph;
        if (_beta1Power == null || _beta1Power.graph != g)
        {
            _beta1Power = VariableOps.Create(OpBuilder.Scalar(g, _beta1, first.dtype, "beta1_power/initial_value"), "beta1_power", trainable: false);
            _beta2Power = VariableOps.Create(OpBuilder.Scalar(g, _beta2, first.dtype, "beta2_power/initial_value"), "beta2_power", trainable: false);
        }
        foreach (var v in vars)
        {
            ZerosSlot(v, "m");
            ZerosSlot(v, "v");
        }
    }

    /// <summary>The β1^t and β2^t accumulators (TensorFlow's _get_beta_accumulators).</summary>
    public (RefVariable, RefVariable) _get_beta_accumulators() => (_beta1Power, _beta2Power);

    /// <inheritdoc/>
    protected override Operation ApplyDense(Tensor grad, RefVariable variable)
    {
        var g = variable.graph;
        var t = variable.dtype;
        return TrainingOps.Apply("ApplyAdam", variable, new Tensor[]
        {
            get_slot(variable, "m"), get_slot(variable, "v"),
            CastOps.Cast(_beta1Power, t), CastOps.Cast(_beta2Power, t),
            LearningRate(g, _learningRate, t), Hyper(g, "beta1", _beta1, t), Hyper(g, "beta2", _beta2, t), Hyper(g, "epsilon", _epsilon, t),
            grad,
        }, null);
    }

    /// <inheritdoc/>
    protected override Operation Finish(Graph g, List<Operation> updates, string scopeName)
    {
        Operation updateBeta1, updateBeta2;
        using (g.control_dependencies(updates.ToArray()))
        {
            var dtype = _beta1Power.dtype;
            updateBeta1 = VariableOps.Assign(_beta1Power, MathOps.Mul(_beta1Power, Hyper(g, "beta1", _beta1, dtype)), true, "Assign").op;
            updateBeta2 = VariableOps.Assign(_beta2Power, MathOps.Mul(_beta2Power, Hyper(g, "beta2", _beta2, dtype)), true, "Assign_1").op;
        }
        return ConstantOps.Group(updates.Append(updateBeta1).Append(updateBeta2).Cast<ITensorOrOperation>(), scopeName + "/");
    }
}

/// <summary>RMSProp: ms = ρ·ms + (1 − ρ)g²; mom = momentum·mom + lr·g/√(ms + ε); var −= mom (ms starts at 1, as in TensorFlow).</summary>
public sealed class RMSPropOptimizer : Optimizer
{
    private readonly double _learningRate, _decay, _momentum, _epsilon;

    /// <summary>Creates the optimizer with TensorFlow's defaults.</summary>
    public RMSPropOptimizer(double learning_rate, double decay = 0.9, double momentum = 0.0, double epsilon = 1e-10, string name = "RMSProp") : base(name)
    {
        _learningRate = learning_rate;
        _decay = decay;
        _momentum = momentum;
        _epsilon = epsilon;
    }

    /// <summary>Creates the optimizer with a learning-rate tensor.</summary>
    public RMSPropOptimizer(Tensor learning_rate, double decay = 0.9, double momentum = 0.0, double epsilon = 1e-10, string name = "RMSProp") : this(0, decay, momentum, epsilon, name) =>
        LearningRateTensor = RequireRate(learning_rate);

    /// <inheritdoc/>
    protected override void CreateSlots(RefVariable[] vars)
    {
        foreach (var v in vars)
        {
            ConstantSlot(v, "rms", 1.0);
            ZerosSlot(v, "momentum");
        }
    }

    /// <inheritdoc/>
    protected override Operation ApplyDense(Tensor grad, RefVariable variable)
    {
        var g = variable.graph;
        var t = variable.dtype;
        return TrainingOps.Apply("ApplyRMSProp", variable, new[]
        {
            get_slot(variable, "rms"), get_slot(variable, "momentum"), LearningRate(g, _learningRate, t),
            Hyper(g, "decay", _decay, t), Hyper(g, "momentum", _momentum, t), Hyper(g, "epsilon", _epsilon, t), grad,
        }, null);
    }
}
