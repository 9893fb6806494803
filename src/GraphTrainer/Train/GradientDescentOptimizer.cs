namespace GraphTrainer.Train;

/// <summary>Plain gradient descent: var −= learning_rate · grad (fused ApplyGradientDescent).</summary>
public sealed class GradientDescentOptimizer : Optimizer
{
    private readonly double _learningRate;

    /// <summary>Creates the optimizer.</summary>
    public GradientDescentOptimizer(double learning_rate, string name = "GradientDescent") : base(name) => _learningRate = learning_rate;

    /// <summary>Creates the optimizer with a learning-rate tensor (e.g. <c>tf.train.exponential_decay(...)</c>).</summary>
    public GradientDescentOptimizer(Tensor learning_rate, string name = "GradientDescent") : base(name) => LearningRateTensor = RequireRate(learning_rate);

    /// <inheritdoc/>
    protected override Operation ApplyDense(Tensor grad, RefVariable variable) =>
        TrainingOps.Apply("ApplyGradientDescent", variable, new[] { LearningRate(variable.graph, _learningRate, variable.dtype), grad }, null);
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

    /// <summary>Creates the optimizer with a learning-rate tensor.</summary>
    public MomentumOptimizer(Tensor learning_rate, double momentum, bool use_nesterov = false, string name = "Momentum") : this(0, momentum, use_nesterov, name) =>
        LearningRateTensor = RequireRate(learning_rate);

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
            get_slot(variable, "momentum"), LearningRate(g, _learningRate, variable.dtype), grad, Hyper(g, "momentum", _momentum, variable.dtype),
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

    /// <summary>Creates the optimizer with a learning-rate tensor.</summary>
    public AdagradOptimizer(Tensor learning_rate, double initial_accumulator_value = 0.1, string name = "Adagrad") : this(0, initial_accumulator_value, name) =>
        LearningRateTensor = RequireRate(learning_rate);

    /// <inheritdoc/>
    protected override void CreateSlots(RefVariable[] vars)
    {
        foreach (var v in vars) ConstantSlot(v, "accumulator", _initial);
    }

    /// <inheritdoc/>
    protected override Operation ApplyDense(Tensor grad, RefVariable variable) =>
        TrainingOps.Apply("ApplyAdagrad", variable, new[]
        {
            get_slot(variable, "accumulator"), LearningRate(variable.graph, _learningRate, variable.dtype), grad,
        }, null);
}
