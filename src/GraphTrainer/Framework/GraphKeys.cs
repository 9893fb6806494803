namespace GraphTrainer;

/// <summary>Standard collection names (TensorFlow's tf.GraphKeys).</summary>
public static class GraphKeys
{
    /// <summary>All variables.</summary>
    public const string GLOBAL_VARIABLES = "variables";
    /// <summary>Variables optimizers train by default.</summary>
    public const string TRAINABLE_VARIABLES = "trainable_variables";
    /// <summary>Summary ops merged by tf.summary.merge_all.</summary>
    public const string SUMMARIES = "summaries";
    /// <summary>The global step variable.</summary>
    public const string GLOBAL_STEP = "global_step";
    /// <summary>Train ops.</summary>
    public const string TRAIN_OP = "train_op";
}
