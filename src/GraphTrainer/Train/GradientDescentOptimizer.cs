namespace GraphTrainer.Train;

/// <summary>Plain gradient descent: var −= learning_rate · grad (fused ApplyGradientDescent).</summary>
public sealed class GradientDescentOptimizer : Optimizer
{
    private readonly double _learningRate;

    /// <summary>Creates the optimizer.</summary>
    public GradientDescentOptimizer(double learning_rate, string name = "GradientDescent") : base(name) => _learningRate = learning_rate;

    /// <inheritdoc/>
    protected override Operation ApplyDense(Tensor grad, RefVariable variable) =>
        TrainingOps.Apply("ApplyGradientDescent", variable, new[] { Hyper(variable.graph, "learning_rate", _learningRate, variable.dtype), grad }, null);
}

/// <summary>Momentum: accum = momentum·accum + grad; var −= lr·accum (optionally Nesterov).</summary>
public sealed class MomentumOptimizer : Optimizer
{
    private readonly double _learningRate, _momentum;
    private readonly bool _nesterov;

    /// <summary>Creates the optimizer.</summary>
    public MomentumOptimizer(double learning_rate, double momentum, bool use_nesterov = false, string name = "Momentum") : base(name)
    {
        _learningRate = learning_rate;
        _momentum = momentum;
        _nesterov = use_nesterov;
    }

    /// <inheritdoc/>
    protected override void CreateSlots(RefVariable[] vars)
    {
        foreach (var v in vars) ZerosSlot(v, "momentum");
    }

    /// <inheritdoc/>
    protected override Operation ApplyDense(Tensor grad, RefVariable variable)
    {
        var g = variable.graph;
        return TrainingOps.Apply("ApplyMomentum", variable, new[]
        {
            get_slot(variable, "momentum"), Hyper(g, "learning_rate", _learningRate, variable.dtype), grad, Hyper(g, "momentum", _momentum, variable.dtype),
        }, null, _nesterov);
    }
}

/// <summary>Adagrad: accum += grad²; var −= lr·grad/√accum (accumulators start at initial_accumulator_value).</summary>
public sealed class AdagradOptimizer : Optimizer
{
    private readonly double _learningRate, _initial;

    /// <summary>Creates the optimizer.</summary>
    public AdagradOptimizer(double learning_rate, double initial_accumulator_value = 0.1, string name = "Adagrad") : base(name)
    {
        _learningRate = learning_rate;
        _initial = initial_accumulator_value;
    }

    /// <inheritdoc/>
    protected override void CreateSlots(RefVariable[] vars)
    {
        foreach (var v in vars) ConstantSlot(v, "accumulator", _initial);
    }

    /// <inheritdoc/>
    protected override Operation ApplyDense(Tensor grad, RefVariable variable) =>
        TrainingOps.Apply("ApplyAdagrad", variable, new[]
        {
            get_slot(variable, "accumulator"), Hyper(variable.graph, "learning_rate", _learningRate, variable.dtype), grad,
        }, null);
}
