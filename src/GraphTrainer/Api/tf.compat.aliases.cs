using GraphTrainer.IO;

namespace GraphTrainer;

// TensorFlow ≤ 0.12 names that 2016-era tutorials still use. Each is a thin alias of its modern spelling and is
// marked [Obsolete] so the compiler tells the porter what to write instead; behaviour is the modern function's.
public static partial class tf
{
    /// <summary>TF ≤ 0.12 name of <see cref="global_variables_initializer"/>.</summary>
    [Obsolete("use tf.global_variables_initializer()")]
    public static Operation initialize_all_variables() => global_variables_initializer();

    /// <summary>TF ≤ 0.12 name of <see cref="variables_initializer"/>.</summary>
    [Obsolete("use tf.variables_initializer(var_list)")]
    public static Operation initialize_variables(IEnumerable<RefVariable> var_list, string name = "init") => variables_initializer(var_list, name);

    /// <summary>TF ≤ 0.12 name of <see cref="multiply"/>.</summary>
    [Obsolete("use tf.multiply(x, y)")]
    public static Tensor mul(Tensor x, Tensor y, string name = null) => multiply(x, y, name);

    /// <summary>TF ≤ 0.12 name of <see cref="subtract"/>.</summary>
    [Obsolete("use tf.subtract(x, y)")]
    public static Tensor sub(Tensor x, Tensor y, string name = null) => subtract(x, y, name);

    /// <summary>TF ≤ 0.12 name of <see cref="negative"/>.</summary>
    [Obsolete("use tf.negative(x)")]
    public static Tensor neg(Tensor x, string name = null) => negative(x, name);

    /// <summary>TF ≤ 0.12 name of <see cref="summary.scalar"/> (the tag is made unique under the name scope, as tf.summary.scalar does).</summary>
    [Obsolete("use tf.summary.scalar(name, tensor)")]
    public static Tensor scalar_summary(string tags, Tensor values, IEnumerable<string> collections = null) =>
        summary.scalar(tags, values, collections);

    /// <summary>TF ≤ 0.12 name of <see cref="summary.histogram"/>.</summary>
    [Obsolete("use tf.summary.histogram(name, values)")]
    public static Tensor histogram_summary(string tag, Tensor values, IEnumerable<string> collections = null) =>
        summary.histogram(tag, values, collections);

    /// <summary>TF ≤ 0.12 name of <see cref="summary.merge"/>.</summary>
    [Obsolete("use tf.summary.merge(inputs)")]
    public static Tensor merge_summary(IEnumerable<Tensor> inputs, IEnumerable<string> collections = null, string name = null) =>
        summary.merge(inputs, collections, name);

    /// <summary>TF ≤ 0.12 name of <see cref="summary.merge_all"/>.</summary>
    [Obsolete("use tf.summary.merge_all()")]
    public static Tensor merge_all_summaries(string key = GraphKeys.SUMMARIES) => summary.merge_all(key);

    public static partial class train
    {
        /// <summary>TF ≤ 0.12 name of <see cref="summary.FileWriter"/>.</summary>
        [Obsolete("use tf.summary.FileWriter(logdir, graph)")]
        public static SummaryFileWriter SummaryWriter(string logdir, Graph graph = null, double flush_secs = 120) =>
            summary.FileWriter(logdir, graph, flush_secs);
    }
}
