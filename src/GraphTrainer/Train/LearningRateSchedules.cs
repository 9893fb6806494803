namespace GraphTrainer.Train;

/// <summary>
/// TensorFlow 1.x's learning-rate decay functions (tf.train.exponential_decay, inverse_time_decay,
/// piecewise_constant): graph composites of the global step, so the rate changes as training advances.
/// </summary>
/// <remarks>
/// TensorFlow builds these from Pow, Floor, Less/Greater and Case. This engine does not declare those ops yet,
/// so the same values are built from the ops it has: decay_rate^p as exp(p·log decay_rate), floor(p) of the
/// non-negative step ratio as a cast through int64, and the piecewise selection as a sum of 0/1 interval masks
/// (exact: exactly one mask is 1). Replace them by the TensorFlow ops once those are declared.
/// </remarks>
internal static class LearningRateSchedules
{
    /// <summary>learning_rate · decay_rate^(global_step / decay_steps), the exponent floored when <paramref name="staircase"/>.</summary>
    public static Tensor ExponentialDecay(Tensor learningRate, Tensor globalStep, double decaySteps, double decayRate, bool staircase, string name)
    {
        if (globalStep == null) throw new ValueError("global_step is required for exponential_decay.");
        var g = globalStep.graph;
        using var scope = g.name_scope(name ?? "ExponentialDecay");
        var (lr, p) = StepRatio(g, learningRate, globalStep, decaySteps, staircase);
        var rate = OpBuilder.Scalar(g, decayRate, lr.dtype, "decay_rate");
        var power = UnaryOps.Unary("Exp", MathOps.Mul(p, UnaryOps.Unary("Log", rate)));
        return MathOps.Mul(lr, power, scope.Name + "/");
    }

    /// <summary>learning_rate / (1 + decay_rate · global_step / decay_steps), the ratio floored when <paramref name="staircase"/>.</summary>
    public static Tensor InverseTimeDecay(Tensor learningRate, Tensor globalStep, double decaySteps, double decayRate, bool staircase, string name)
    {
        if (globalStep == null) throw new ValueError("global_step is required for inverse_time_decay.");
        var g = globalStep.graph;
        using var scope = g.name_scope(name ?? "InverseTimeDecay");
        var (lr, p) = StepRatio(g, learningRate, globalStep, decaySteps, staircase);
        var rate = OpBuilder.Scalar(g, decayRate, lr.dtype, "decay_rate");
        var denom = MathOps.Add(OpBuilder.Scalar(g, 1.0, lr.dtype), MathOps.Mul(rate, p));
        return MathOps.RealDiv(lr, denom, scope.Name + "/");
    }

    /// <summary>values[i] where boundaries[i−1] &lt; x ≤ boundaries[i] (values[0] for x ≤ boundaries[0], the last for x above all).</summary>
    public static Tensor PiecewiseConstant(Tensor x, double[] boundaries, double[] values, DType valueDType, string name)
    {
        if (x == null) throw new ValueError("x is required for piecewise_constant.");
        if (boundaries == null || values == null) throw new ValueError("boundaries and values are required for piecewise_constant.");
        if (values.Length != boundaries.Length + 1)
            throw new ValueError("The length of boundaries should be 1 less than the length of values");
        for (int i = 1; i < boundaries.Length; i++)
            if (!(boundaries[i - 1] < boundaries[i]))
                throw new ValueError($"boundaries must be strictly increasing, but boundaries[{i - 1}] = {boundaries[i - 1]} and boundaries[{i}] = {boundaries[i]}.");
        if (x.shape.ndim > 0) throw new ValueError($"x must be a scalar, but has shape {x.shape}.");
        var g = x.graph;
        using var scope = g.name_scope(name ?? "PiecewiseConstant");
        // float64 holds every int32 step and int64 steps up to 2^53 exactly, so the comparisons are exact.
        var xf = CastOps.Cast(x, DType.Float64);
        // atMost[i] = 1 when x ≤ boundaries[i] (min(x, b) == x), else 0.
        var atMost = boundaries.Select(b =>
            CastOps.Cast(MathOps.Equal(MathOps.Minimum(xf, OpBuilder.Scalar(g, b, DType.Float64)), xf), valueDType)).ToArray();
        var one = OpBuilder.Scalar(g, 1.0, valueDType);
        var terms = new Tensor[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            var mask = i == 0 ? atMost[0] : i == boundaries.Length ? MathOps.Sub(one, atMost[i - 1]) : MathOps.Sub(atMost[i], atMost[i - 1]);
            terms[i] = MathOps.Mul(OpBuilder.Scalar(g, values[i], valueDType), mask);
        }
        return terms.Length == 1 ? ConstantOps.Identity(terms[0], scope.Name + "/") : MathOps.AddN(terms, scope.Name + "/");
    }

    // TensorFlow: p = cast(global_step, lr.dtype) / cast(decay_steps, lr.dtype), floored for a staircase.
    private static (Tensor lr, Tensor p) StepRatio(Graph g, Tensor learningRate, Tensor globalStep, double decaySteps, bool staircase)
    {
        if (!learningRate.dtype.IsFloating())
            throw new TypeError($"learning_rate must be float32 or float64, not {learningRate.dtype.Name()}.");
        if (!(decaySteps > 0)) throw new ValueError($"decay_steps must be positive, got {decaySteps}.");
        var dtype = learningRate.dtype;
        var p = MathOps.RealDiv(CastOps.Cast(globalStep, dtype), OpBuilder.Scalar(g, decaySteps, dtype, "decay_steps"));
        if (staircase) p = CastOps.Cast(CastOps.Cast(p, DType.Int64), dtype, "Floor");
        return (learningRate, p);
    }
}
