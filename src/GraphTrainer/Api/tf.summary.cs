using System.Text.RegularExpressions;
using GraphTrainer.IO;

namespace GraphTrainer;

public static partial class tf
{
    /// <summary>String (<c>tf.string</c>): the dtype of summary tensors.</summary>
    public const DType @string = DType.String;

    /// <summary>TensorBoard summaries (tf.summary): summary ops, merging, and the event-file writer.</summary>
    public static partial class summary
    {
        /// <summary>
        /// A scalar summary of <paramref name="tensor"/> (a real number, or a tensor of them). The tag is
        /// <paramref name="name"/> under the current name scope, made unique like an op name (<c>loss</c>, <c>loss_1</c>,
        /// <c>train/loss</c>); the op is added to <paramref name="collections"/> (default: GraphKeys.SUMMARIES).
        /// </summary>
        public static Tensor scalar(string name, Tensor tensor, IEnumerable<string> collections = null, string family = null) =>
            SummaryOps.Scalar(name, tensor, collections, family);

        /// <summary>A histogram summary of all elements of <paramref name="values"/>, tagged and collected as <see cref="scalar"/>.</summary>
        public static Tensor histogram(string name, Tensor values, IEnumerable<string> collections = null, string family = null) =>
            SummaryOps.Histogram(name, values, collections, family);

        /// <summary>One summary holding the values of all <paramref name="inputs"/> (op <c>Merge/MergeSummary</c> by default).</summary>
        public static Tensor merge(IEnumerable<Tensor> inputs, IEnumerable<string> collections = null, string name = null) =>
            SummaryOps.Merge(inputs?.ToArray(), collections, name);

        /// <summary>
        /// Merges every summary in the default graph's collection <paramref name="key"/> (optionally only those whose
        /// name matches the regular expression <paramref name="scope"/> at its start); null when there are none, as
        /// TensorFlow returns None.
        /// </summary>
        public static Tensor merge_all(string key = GraphKeys.SUMMARIES, string scope = null, string name = null)
        {
            var summaries = get_default_graph().get_collection<Tensor>(key);
            if (scope != null) summaries = summaries.Where(t => Regex.IsMatch(t.name, "^(?:" + scope + ")")).ToList();
            return summaries.Count == 0 ? null : SummaryOps.Merge(summaries, null, name);
        }

        /// <summary>
        /// Opens a TensorBoard event file in <paramref name="logdir"/>; with <paramref name="graph"/> (e.g.
        /// <c>sess.graph</c>) the graph is written at once. Records reach the file every <paramref name="max_queue"/> events
        /// and every <paramref name="flush_secs"/> seconds; <c>close()</c> flushes, and so does the process's exit for a writer never closed.
        /// </summary>
        public static SummaryFileWriter FileWriter(string logdir, Graph graph = null, double flush_secs = 120, string filename_suffix = null, int max_queue = 10) =>
            new(logdir, graph, flush_secs, filename_suffix, max_queue);
    }
}
