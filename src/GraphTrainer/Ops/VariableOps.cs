using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>VariableV2 and Assign: variables whose values live in the session.</summary>
internal static class VariableOps
{
    private static readonly DType[] Types = { DType.Float32, DType.Float64, DType.Int32, DType.Int64 };

    public static void Register()
    {
        OpRegistry.Register(new OpDef
        {
            Type = "VariableV2", DTypes = Types, IsStateful = true, NotDifferentiable = true, AliasesOutputs = true,
            InferShapes = op => new[] { op.GetAttr<TensorShape>("shape") },
        });
        // Outputs the session's buffer itself (a ref): Apply* ops update it in place. Null = uninitialized;
        // the executor reports that when a consumer reads it.
        // Moves only references, so the same kernel serves every device (the value lives on the variable's device).
        KernelRegistry.Register("VariableV2", Types, node => ctx => ctx.SetOutput(0, ctx.State.GetVariable(node.Name, ctx.Device)), KernelRegistry.AnyDevice);

        OpRegistry.Register(new OpDef
        {
            Type = "Assign", DTypes = Types, IsStateful = true, NotDifferentiable = true, WritesInput0 = true, UpdatedInputs = 1,
            InferShapes = op =>
            {
                if (op.GetAttr<bool>("validate_shape")) CheckAssignable(op.Inputs[0], op.Inputs[1].shape);
                return new[] { op.Inputs[1].shape };
            },
        });
        KernelRegistry.Register("Assign", Types, node =>
        {
            string variable = node.InputNodeNames[0];
            bool validate = node.Attr("validate_shape", true);
            return ctx =>
            {
                var value = ctx.Input(1);
                var current = ctx.Input(0);
                if (validate && current != null && !current.Shape.AsSpan().SequenceEqual(value.Shape))
                    throw new InvalidArgumentError(
                        $"Assign requires shapes of both tensors to match. lhs shape= {TensorValue.ShapeString(current.Shape)} rhs shape= {TensorValue.ShapeString(value.Shape)} (node '{node.Name}')");
                ctx.State.AssignVariable(variable, value);
                ctx.SetOutput(0, ctx.State.GetVariable(variable, ctx.Device));
            };
        }, KernelRegistry.AnyDevice);
    }

    // TensorFlow's Assign shape function merges the two shapes; its errors, plus the variable's name.
    private static void CheckAssignable(Tensor variable, TensorShape value)
    {
        var shape = variable.shape;
        if (!shape.HasRank || !value.HasRank) return;
        string which = $" The variable is '{variable.op.Name}'.";
        if (shape.ndim != value.ndim)
            throw new ShapeError($"Shapes must be equal rank, but are {shape.ndim} and {value.ndim}") { Detail = which };
        for (int i = 0; i < shape.ndim; i++)
            if (shape[i] >= 0 && value[i] >= 0 && shape[i] != value[i])
                throw new ShapeError($"Dimension {i} in both shapes must be equal, but are {shape[i]} and {value[i]}. Shapes are {shape} and {value}.") { Detail = which };
    }

    /// <summary>Creates a variable (VariableV2 + Assign initializer) and adds it to the variable collections.</summary>
    public static RefVariable Create(Tensor initialValue, string name, bool trainable, TensorShape shape = null)
    {
        var g = initialValue.graph;
        lock (g.Lock)
        {
            string fullName = g.unique_name(name ?? "Variable");
            var varShape = shape ?? initialValue.shape;
            var op = g.CreateOp("VariableV2", Array.Empty<Tensor>(), new[] { initialValue.dtype }, fullName + "/",
                new Dictionary<string, object> { ["dtype"] = initialValue.dtype, ["shape"] = varShape, ["container"] = "", ["shared_name"] = "" });
            var variable = new RefVariable(op, trainable);
            variable.SetShape(varShape);
            op.Outputs[0] = variable;
            using (g.name_scope(fullName + "/"))
                variable.initializer = Assign(variable, initialValue, validate_shape: shape == null || shape.IsFullyDefined, "Assign").op;
            variable.initial_value = initialValue;
            g.add_to_collection(GraphKeys.GLOBAL_VARIABLES, variable);
            if (trainable) g.add_to_collection(GraphKeys.TRAINABLE_VARIABLES, variable);
            return variable;
        }
    }

    /// <summary>An Assign op writing <paramref name="value"/> into <paramref name="variable"/>.</summary>
    public static Tensor Assign(RefVariable variable, Tensor value, bool validate_shape, string name)
    {
        if (value.dtype != variable.dtype)
            throw new TypeError($"Input 'value' of 'Assign' Op has type {value.dtype.Name()} that does not match type {variable.dtype.Name()} of argument 'ref'.");
        return OpBuilder.Op1("Assign", new Tensor[] { variable, value }, variable.dtype, name ?? "Assign",
            ("T", variable.dtype), ("validate_shape", validate_shape), ("use_locking", true));
    }
}
