namespace GraphTrainer;

public static partial class tf
{
    /// <summary>TensorFlow's <c>tf.GraphKeys</c>: the standard collection names (the same strings as <see cref="GraphTrainer.GraphKeys"/>).</summary>
    public static class GraphKeys
    {
        /// <inheritdoc cref="GraphTrainer.GraphKeys.GLOBAL_VARIABLES"/>
        public const string GLOBAL_VARIABLES = GraphTrainer.GraphKeys.GLOBAL_VARIABLES;
        /// <inheritdoc cref="GraphTrainer.GraphKeys.TRAINABLE_VARIABLES"/>
        public const string TRAINABLE_VARIABLES = GraphTrainer.GraphKeys.TRAINABLE_VARIABLES;
        /// <inheritdoc cref="GraphTrainer.GraphKeys.SUMMARIES"/>
        public const string SUMMARIES = GraphTrainer.GraphKeys.SUMMARIES;
        /// <inheritdoc cref="GraphTrainer.GraphKeys.GLOBAL_STEP"/>
        public const string GLOBAL_STEP = GraphTrainer.GraphKeys.GLOBAL_STEP;
        /// <inheritdoc cref="GraphTrainer.GraphKeys.TRAIN_OP"/>
        public const string TRAIN_OP = GraphTrainer.GraphKeys.TRAIN_OP;
        /// <inheritdoc cref="GraphTrainer.GraphKeys.LOSSES"/>
        public const string LOSSES = GraphTrainer.GraphKeys.LOSSES;
        /// <inheritdoc cref="GraphTrainer.GraphKeys.REGULARIZATION_LOSSES"/>
        public const string REGULARIZATION_LOSSES = GraphTrainer.GraphKeys.REGULARIZATION_LOSSES;
        /// <inheritdoc cref="GraphTrainer.GraphKeys.UPDATE_OPS"/>
        public const string UPDATE_OPS = GraphTrainer.GraphKeys.UPDATE_OPS;
        /// <inheritdoc cref="GraphTrainer.GraphKeys.MOVING_AVERAGE_VARIABLES"/>
        public const string MOVING_AVERAGE_VARIABLES = GraphTrainer.GraphKeys.MOVING_AVERAGE_VARIABLES;
    }

    /// <summary>Items of the default graph's collection <paramref name="key"/> (TensorFlow's <c>tf.get_collection</c>).</summary>
    public static List<object> get_collection(string key) => get_default_graph().get_collection<object>(key);

    /// <summary>
    /// Ops created inside the scope run after every tensor or op in <paramref name="control_inputs"/>; takes what
    /// <see cref="get_collection"/> returns, as in <c>tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS))</c>.
    /// </summary>
    /// <exception cref="TypeError">An item is neither a tensor nor an operation.</exception>
    public static IDisposable control_dependencies(IEnumerable<object> control_inputs) =>
        control_dependencies(control_inputs.Select(c => c as ITensorOrOperation
            ?? throw new TypeError($"Can not convert a {c?.GetType().Name ?? "None"} into a Tensor or Operation.")).ToArray());

    /// <summary>Adds <paramref name="value"/> to the default graph's collection <paramref name="name"/>.</summary>
    public static void add_to_collection(string name, object value) => get_default_graph().add_to_collection(name, value);
}
