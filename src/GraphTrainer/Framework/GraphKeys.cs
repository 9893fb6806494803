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
    /// <summary>Losses created by tf.losses.* (tf.losses.get_total_loss sums them).</summary>
    public const string LOSSES = "losses";
    /// <summary>Regularization losses (layer and variable regularizers); tf.losses.get_regularization_loss sums them.</summary>
    public const string REGULARIZATION_LOSSES = "regularization_losses";
    /// <summary>Ops to run with each training step, e.g. batch normalization's moving-average updates.</summary>
    public const string UPDATE_OPS = "update_ops";
    /// <summary>Variables that keep moving averages.</summary>
    public const string MOVING_AVERAGE_VARIABLES = "moving_average_variables";
}
