namespace GraphTrainer.Train;

/// <summary>
/// TensorFlow 1.x's Optimizer: <see cref="compute_gradients"/> adds gradient ops, <see cref="apply_gradients"/>
/// adds one fused update op per variable under the optimizer's name scope (plus any slot variables), and
/// <see cref="minimize"/> does both, returning the grouped train op.
/// </summary>
public abstract class Optimizer
{
    private readonly Dictionary<string, Dictionary<RefVariable, RefVariable>> _slots = new();

    /// <summary>Sets the optimizer's name (used for its name scope and slot names).</summary>
    protected Optimizer(string name) => Name = name;

    /// <summary>The optimizer's name, e.g. "Adam".</summary>
    public string Name { get; }

    /// <summary>Adds ops to minimize <paramref name="loss"/> over <paramref name="var_list"/> (default: trainable variables).</summary>
    public Operation minimize(Tensor loss, RefVariable global_step = null, IEnumerable<RefVariable> var_list = null, string name = null)
    {
        var grads = compute_gradients(loss, var_list);
        if (grads.All(g => g.Item1 == null))
            throw new ValueError($"No gradients provided for any variable, check your graph for ops that do not support gradients, between variables [{string.Join(", ", grads.Select(g => g.Item2.name))}] and loss {loss.name}.");
        return apply_gradients(grads, global_step, name);
    }

    /// <summary>(gradient, variable) pairs; a null gradient means the variable does not affect the loss.</summary>
    public (Tensor, RefVariable)[] compute_gradients(Tensor loss, IEnumerable<RefVariable> var_list = null)
    {
        var vars = (var_list ?? loss.graph.get_collection<RefVariable>(GraphKeys.TRAINABLE_VARIABLES)).ToArray();
        if (vars.Length == 0) throw new ValueError("No variables to optimize.");
        if (!loss.dtype.IsFloating()) throw new TypeError($"The loss {loss.name} must be float32 or float64, not {loss.dtype.Name()}.");
        var grads = GradientsBuilder.Build(new[] { loss }, vars.Cast<Tensor>().ToArray());
        return vars.Select((v, i) => (grads[i], v)).ToArray();
    }

    /// <summary>Adds the update ops; increments <paramref name="global_step"/> after them when given.</summary>
    public Operation apply_gradients(IEnumerable<(Tensor, RefVariable)> grads_and_vars, RefVariable global_step = null, string name = null)
    {
        var pairs = grads_and_vars.Where(p => p.Item1 != null).ToArray();
        if (pairs.Length == 0) throw new ValueError("No gradients provided for any variable.");
        var g = pairs[0].Item2.graph;
        var vars = pairs.Select(p => p.Item2).ToArray();
        // As TensorFlow's init_scope: slots and accumulators are created outside any control_dependencies the caller
        // opened (batch norm's UPDATE_OPS), so their initializers do not depend on fed tensors.
        using (g.control_dependencies(null))
        using (g.name_scope(null))
            CreateSlots(vars);
        using var scope = g.name_scope(name ?? Name);
        _hyper.Clear();
        var updates = new List<Operation>();
        foreach (var (grad, variable) in pairs)
        {
            if (grad.dtype != variable.dtype)
                throw new TypeError($"Gradient {grad.name} has dtype {grad.dtype.Name()} but variable {variable.name} has {variable.dtype.Name()}.");
            using (g.name_scope("update_" + variable.op.Name.Replace('/', '_')))
                updates.Add(ApplyDense(grad, variable));
        }
        if (global_step == null) return Finish(g, updates, scope.Name);
        // As TensorFlow: the grouped updates are "<name>/update" and the step increment takes the name itself.
        var finish = Finish(g, updates, scope.Name + "/update");
        using (g.control_dependencies(finish))
        {
            var one = OpBuilder.Scalar(g, 1, global_step.dtype);
            return VariableOps.Assign(global_step, MathOps.Add(global_step, one), true, scope.Name + "/").op;
        }
    }

    /// <summary>Creates slot variables (e.g. Adam's m and v) for <paramref name="vars"/>.</summary>
    protected virtual void CreateSlots(RefVariable[] vars) { }

    /// <summary>Adds the update op for one variable.</summary>
    protected abstract Operation ApplyDense(Tensor grad, RefVariable variable);

    /// <summary>Groups the update ops into the train op (subclasses add e.g. Adam's power updates).</summary>
    protected virtual Operation Finish(Graph g, List<Operation> updates, string scopeName) =>
        ConstantOps.Group(updates.Cast<ITensorOrOperation>(), scopeName + "/");

    /// <summary>A zero-initialized slot variable named <c>var_name/optimizer_name[_n]</c>, as TensorFlow names them.</summary>
    protected RefVariable ZerosSlot(RefVariable variable, string slotName) => ConstantSlot(variable, slotName, 0.0);

    /// <summary>A slot variable filled with <paramref name="value"/> (RMSProp's rms starts at 1, Adagrad's accumulator at 0.1).</summary>
    protected RefVariable ConstantSlot(RefVariable variable, string slotName, double value)
    {
        if (!_slots.TryGetValue(slotName, out var bySlot)) _slots[slotName] = bySlot = new Dictionary<RefVariable, RefVariable>();
        if (bySlot.TryGetValue(variable, out var existing)) return existing;
        var g = variable.graph;
        if (!variable.shape.IsFullyDefined) throw new ValueError($"Slot '{slotName}' for {variable.name} needs a fully defined variable shape.");
        RefVariable slot;
        using (g.name_scope(variable.op.Name + "/"))
        {
            var initial = FillOps.Fill(g, variable.shape, value, variable.dtype, "Initializer/Const");
            slot = VariableOps.Create(initial, Name, trainable: false);
        }
        bySlot[variable] = slot;
        return slot;
    }

    /// <summary>The slot variable <paramref name="name"/> of <paramref name="var"/>, or null.</summary>
    public RefVariable get_slot(RefVariable var, string name) =>
        _slots.TryGetValue(name, out var bySlot) && bySlot.TryGetValue(var, out var slot) ? slot : null;

    /// <summary>Names of the slots this optimizer created.</summary>
    public string[] get_slot_names() => _slots.Keys.OrderBy(k => k).ToArray();

    private readonly Dictionary<(string, DType), Tensor> _hyper = new();

    /// <summary>
    /// The learning rate when given as a tensor (a decay schedule, a placeholder); null when it is a number. As
    /// TensorFlow, it is cast to each variable's dtype where the update ops use it.
    /// </summary>
    protected Tensor LearningRateTensor { get; init; }

    /// <summary>Checks a learning-rate tensor when the optimizer is created, so a wrong one fails there.</summary>
    protected static Tensor RequireRate(Tensor learningRate)
    {
        if (learningRate == null) throw new ValueError("learning_rate must not be None.");
        if (!learningRate.dtype.IsFloating())
            throw new TypeError($"The learning rate {learningRate.name} must be float32 or float64, not {learningRate.dtype.Name()}.");
        if (learningRate.shape.ndim > 0)
            throw new ValueError($"The learning rate {learningRate.name} must be a scalar, but has shape {learningRate.shape}.");
        return learningRate;
    }

    /// <summary>The learning rate for an update of <paramref name="dtype"/> variables: the tensor cast, or a constant.</summary>
    protected Tensor LearningRate(Graph g, double value, DType dtype)
    {
        if (LearningRateTensor == null) return Hyper(g, "learning_rate", value, dtype);
        if (LearningRateTensor.graph != g)
            throw new ValueError($"The learning rate {LearningRateTensor.name} must be from the same graph as the variables.");
        if (!_hyper.TryGetValue(("learning_rate", dtype), out var t))
            _hyper[("learning_rate", dtype)] = t = CastOps.Cast(LearningRateTensor, dtype);
        return t;
    }

    /// <summary>A hyper-parameter constant of <paramref name="dtype"/>, created once per apply_gradients call.</summary>
    protected Tensor Hyper(Graph g, string name, double value, DType dtype)
    {
        if (!_hyper.TryGetValue((name, dtype), out var t))
            using (g.name_scope(g.NameScope.Split('/')[0] + "/"))
                _hyper[(name, dtype)] = t = OpBuilder.Scalar(g, value, dtype, name);
        return t;
    }
}
