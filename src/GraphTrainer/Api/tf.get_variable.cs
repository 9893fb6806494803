namespace GraphTrainer;

public static partial class tf
{
    /// <summary>
    /// TensorFlow's <c>tf.get_variable</c>: the variable named <c>scope/name</c> in the current
    /// <see cref="variable_scope(string, VariableReuse?, Initializer)"/>, created on first request and shared
    /// afterwards when the scope reuses. Names depend on variable scopes only, not on name scopes.
    /// <para>Creating: <paramref name="initializer"/> (else the scope's, else Glorot uniform for floats and
    /// zeros for integers) is called under <c>name/Initializer/</c> with the fully defined
    /// <paramref name="shape"/> and <paramref name="dtype"/> (float32 by default). A <see cref="Tensor"/> or
    /// NDArray initializer is the initial value itself: <paramref name="shape"/> may then be omitted (it is
    /// taken from the value) or must equal the value's shape, and the dtype is the value's.</para>
    /// </summary>
    /// <exception cref="ValueError">
    /// The variable exists and the scope does not reuse ("Variable W already exists, disallowed. ..."); the scope
    /// reuses but the variable does not exist; a shared variable's shape or dtype differs; or the new variable's
    /// shape is not fully defined.
    /// </exception>
    public static RefVariable get_variable(string name, TensorShape shape = null, DType? dtype = null,
        Initializer initializer = null, bool trainable = true)
    {
        if (string.IsNullOrEmpty(name)) throw new ValueError("get_variable needs a variable name.");
        var g = get_default_graph();
        lock (g.Lock)
        {
            var store = g.VariableStore;
            var scope = store.Current;
            string fullName = scope.name.Length == 0 ? name : scope.name + "/" + name;
            var existing = store.Find(fullName);
            if (existing != null) return Share(existing, fullName, scope.reuse, shape, dtype);
            if (scope.reuse == VariableReuse.True)
                throw new ValueError($"Variable {fullName} does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?");

            // Variable names depend on the variable scope only, so build at the top-level name scope.
            using (g.name_scope(null))
            {
                string opName = g.unique_name(fullName, mark_as_used: false);
                Tensor initial;
                using (g.name_scope(opName + "/Initializer/"))
                    initial = InitialValue(fullName, shape, dtype, initializer ?? scope.initializer);
                var variable = VariableOps.Create(initial, opName, trainable);
                store.Add(fullName, variable);
                return variable;
            }
        }
    }

    private static RefVariable Share(RefVariable existing, string fullName, VariableReuse reuse, TensorShape shape, DType? dtype)
    {
        if (!reuse.IsSet)
            throw new ValueError($"Variable {fullName} already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?");
        if (shape != null && !shape.IsCompatibleWith(existing.shape))
            throw new ValueError($"Trying to share variable {fullName}, but specified shape {shape.ToTupleString()} and found shape {existing.shape.ToTupleString()}.");
        if (dtype is DType d && d != existing.dtype)
            throw new ValueError($"Trying to share variable {fullName}, but specified dtype {d.Name()} and found dtype {existing.dtype.Name()}.");
        return existing;
    }

    private static Tensor InitialValue(string fullName, TensorShape shape, DType? dtype, Initializer initializer)
    {
        if (initializer is ValueInitializer value)
        {
            // TensorFlow takes shape and dtype from a value initializer; a stated shape must agree with it.
            if (shape != null && !shape.Equals(value.Shape))
                throw new ValueError($"The initializer of variable {fullName} has shape {value.Shape.ToTupleString()}, but shape {shape.ToTupleString()} was specified; give no shape with a value initializer.");
            if (dtype is DType d && d != value.dtype)
                throw new ValueError($"The initializer of variable {fullName} has dtype {value.dtype.Name()}, but dtype {d.Name()} was specified.");
            if (!value.Shape.IsFullyDefined)
                throw new ValueError($"Shape of a new variable ({fullName}) must be fully defined, but instead was {value.Shape.ToTupleString()}.");
            var v = value.Value();
            if (v.graph != get_default_graph())
                throw new ValueError($"The initializer of variable {fullName} ({v.name}) must be from the same graph as the variable.");
            return v;
        }
        if (shape == null || !shape.IsFullyDefined)
            throw new ValueError($"Shape of a new variable ({fullName}) must be fully defined, but instead was {(shape == null ? "<unknown>" : shape.ToTupleString())}.");
        var type = dtype ?? DType.Float32;
        initializer ??= type.IsFloating() ? new GlorotInitializer(dtype: type)
            : type is DType.Int32 or DType.Int64 ? new ZerosInitializer(type)
            : throw new ValueError($"An initializer for variable {fullName} of {type.Name()} is required");
        return initializer.Call(shape, type);
    }
}
