namespace GraphTrainer.Train;

/// <summary>
/// TensorFlow's training_util: the graph's one global step, a non-trainable int64 scalar variable named
/// <c>global_step</c> in the GLOBAL_STEP collection, that <c>minimize(loss, global_step:)</c> increments.
/// </summary>
internal static class GlobalStep
{
    /// <summary>The global step of <paramref name="graph"/>: the GLOBAL_STEP collection, else a tensor named <c>global_step:0</c>; null if neither.</summary>
    public static RefVariable Get(Graph graph)
    {
        var collected = graph.get_collection<Tensor>(GraphKeys.GLOBAL_STEP);
        Tensor step;
        if (collected.Count == 1) step = collected[0];
        else if (collected.Count > 1) throw new ValueError("Multiple tensors in global_step collection.");
        else
        {
            var op = graph.Operations.FirstOrDefault(o => o.Name == "global_step");
            if (op == null || op.Outputs.Length == 0) return null;
            step = op.Outputs[0];
        }
        if (step.dtype is not (DType.Int32 or DType.Int64))
            throw new TypeError($"Existing \"global_step\" does not have integer type: {step.dtype.Name()}");
        if (step.shape.ndim > 0)
            throw new TypeError($"Existing \"global_step\" is not scalar: {step.shape}");
        return step as RefVariable
            ?? throw new TypeError($"Existing \"global_step\" ({step.name}) is not a variable, so minimize(global_step:) cannot increment it.");
    }

    /// <summary>Creates the global step; fails when the graph already has one, as TensorFlow does.</summary>
    public static RefVariable Create(Graph graph)
    {
        if (Get(graph) != null) throw new ValueError("\"global_step\" already exists.");
        using (graph.name_scope(null))
        {
            Tensor zeros;
            using (graph.name_scope("global_step/Initializer/"))
                zeros = OpBuilder.Scalar(graph, 0, DType.Int64, "zeros");
            var step = VariableOps.Create(zeros, "global_step", trainable: false);
            graph.add_to_collection(GraphKeys.GLOBAL_STEP, step);
            return step;
        }
    }

    /// <summary>The existing global step, or a new one.</summary>
    public static RefVariable GetOrCreate(Graph graph) => Get(graph) ?? Create(graph);
}
