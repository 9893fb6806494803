namespace GraphTrainer;

/// <summary>
/// TF1's state ops on variables: <c>tf.assign(v, value)</c>, <c>tf.assign_add(global_step, 1)</c>, <c>tf.assign_sub</c>.
/// Each returns the variable's new value; running it writes the variable in the session.
/// </summary>
public static partial class tf
{
    /// <summary>Writes <paramref name="value"/> into the variable <paramref name="ref"/> (op Assign).</summary>
    public static Tensor assign(Tensor @ref, Tensor value, bool validate_shape = true, bool use_locking = true, string name = null) =>
        VariableOps.Assign(LValue(@ref, "Assign"), value, validate_shape, name);

    /// <summary><see cref="assign(Tensor, Tensor, bool, bool, string)"/> with a number converted to the variable's dtype.</summary>
    public static Tensor assign(Tensor @ref, double value, bool validate_shape = true, bool use_locking = true, string name = null) =>
        assign(@ref, ScalarLike(@ref, value, "value"), validate_shape, use_locking, name);

    /// <summary>ref ← ref + value (TensorFlow's AssignAdd: the sum of the variable's value at this run and value).</summary>
    public static Tensor assign_add(Tensor @ref, Tensor value, bool use_locking = false, string name = null) =>
        Update("AssignAdd", @ref, value, MathOps.Add, name);

    /// <summary><see cref="assign_add(Tensor, Tensor, bool, string)"/> with an int converted to the variable's dtype: <c>tf.assign_add(global_step, 1)</c>.</summary>
    public static Tensor assign_add(Tensor @ref, int value, bool use_locking = false, string name = null) =>
        assign_add(@ref, ScalarLike(@ref, value, "value"), use_locking, name);

    /// <summary><see cref="assign_add(Tensor, Tensor, bool, string)"/> with a float converted to the variable's dtype.</summary>
    public static Tensor assign_add(Tensor @ref, double value, bool use_locking = false, string name = null) =>
        assign_add(@ref, ScalarLike(@ref, value, "value"), use_locking, name);

    /// <summary>ref ← ref − value (TensorFlow's AssignSub).</summary>
    public static Tensor assign_sub(Tensor @ref, Tensor value, bool use_locking = false, string name = null) =>
        Update("AssignSub", @ref, value, MathOps.Sub, name);

    /// <summary><see cref="assign_sub(Tensor, Tensor, bool, string)"/> with an int converted to the variable's dtype.</summary>
    public static Tensor assign_sub(Tensor @ref, int value, bool use_locking = false, string name = null) =>
        assign_sub(@ref, ScalarLike(@ref, value, "value"), use_locking, name);

    /// <summary><see cref="assign_sub(Tensor, Tensor, bool, string)"/> with a float converted to the variable's dtype.</summary>
    public static Tensor assign_sub(Tensor @ref, double value, bool use_locking = false, string name = null) =>
        assign_sub(@ref, ScalarLike(@ref, value, "value"), use_locking, name);

    // The update as the value it computes assigned back (one Assign named after TensorFlow's op): the sum reads the
    // variable before the Assign writes it, as AssignAdd does within one run.
    private static Tensor Update(string opType, Tensor @ref, Tensor value, Func<Tensor, Tensor, string, Tensor> combine, string name)
    {
        var variable = LValue(@ref, opType);
        if (value.dtype != variable.dtype)
            throw new TypeError($"Input 'value' of '{opType}' Op has type {value.dtype.Name()} that does not match type {variable.dtype.Name()} of argument 'ref'.");
        return VariableOps.Assign(variable, combine(variable, value, null), validate_shape: true, name ?? opType);
    }

    private static RefVariable LValue(Tensor @ref, string opType) =>
        @ref as RefVariable ?? throw new TypeError($"Input 'ref' of '{opType}' Op requires l-value input");
}
