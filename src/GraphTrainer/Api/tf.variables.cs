namespace GraphTrainer;

public static partial class tf
{
    /// <summary>A variable initialized from <paramref name="initial_value"/> (run tf.global_variables_initializer() before use).</summary>
    public static RefVariable Variable(Tensor initial_value, string name = null, bool trainable = true, DType? dtype = null)
    {
        if (dtype is DType d && d != initial_value.dtype) initial_value = CastOps.Cast(initial_value, d);
        return VariableOps.Create(initial_value, name ?? "Variable", trainable);
    }

    /// <summary>All variables of the default graph.</summary>
    public static RefVariable[] global_variables() => get_default_graph().get_collection<RefVariable>(GraphKeys.GLOBAL_VARIABLES).ToArray();

    /// <summary>Trainable variables of the default graph.</summary>
    public static RefVariable[] trainable_variables() => get_default_graph().get_collection<RefVariable>(GraphKeys.TRAINABLE_VARIABLES).ToArray();

    /// <summary>An op that runs the initializers of <paramref name="var_list"/>.</summary>
    public static Operation variables_initializer(IEnumerable<RefVariable> var_list, string name = "init") =>
        ConstantOps.Group(var_list.Select(v => (ITensorOrOperation)v.initializer), name);

    /// <summary>An op that initializes every global variable created so far.</summary>
    public static Operation global_variables_initializer() => variables_initializer(global_variables());
}
