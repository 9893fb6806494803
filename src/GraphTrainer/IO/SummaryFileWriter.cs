using GraphTrainer.IO.Proto;
using NumSharp;

namespace GraphTrainer.IO;

/// <summary>
/// TensorFlow 1's <c>tf.summary.FileWriter</c>: writes summaries fetched from summary ops, the graph and the meta
/// graph to a TensorBoard event file in <see cref="get_logdir"/>. A thin TF-shaped layer over
/// <see cref="EventFileWriter"/>, which does the file format, buffering and periodic flushing.
/// </summary>
public sealed class SummaryFileWriter : IDisposable
{
    private readonly EventFileWriter _events;

    /// <summary>
    /// Creates the log directory and a new event file in it. With <paramref name="graph"/>, writes the graph
    /// (with output shapes) and its meta graph at once, as TensorFlow's constructor does.
    /// </summary>
    /// <param name="logdir">Directory TensorBoard will be pointed at.</param>
    /// <param name="graph">Graph to show in TensorBoard's Graphs tab, or null.</param>
    /// <param name="flush_secs">Seconds between background flushes (TensorFlow's default 120); 0 disables them.</param>
    /// <param name="filename_suffix">Appended to the event file name.</param>
    /// <param name="max_queue">Events buffered before they are written to the file (TensorFlow's default 10).</param>
    public SummaryFileWriter(string logdir, Graph graph = null, double flush_secs = 120, string filename_suffix = null, int max_queue = 10)
    {
        if (flush_secs < 0) throw new ValueError($"flush_secs must be >= 0, got {flush_secs}.");
        if (max_queue < 1) throw new ValueError($"max_queue must be >= 1, got {max_queue}.");
        _events = new EventFileWriter(logdir, filename_suffix ?? "", TimeSpan.FromSeconds(flush_secs), max_queue);
        if (graph == null) return;
        try
        {
            add_graph(graph);
            add_meta_graph(GraphDefExporter.ToMetaGraphDef(graph));
        }
        catch
        {
            // The constructor failed, so nobody else can close the file it opened.
            _events.Dispose();
            throw;
        }
    }

    /// <summary>Absolute path of the event file being written.</summary>
    public string FilePath => _events.FilePath;

    /// <summary>The log directory (absolute).</summary>
    public string get_logdir() => _events.LogDir;

    /// <summary>
    /// Writes a summary fetched with <c>sess.run(summary_op)</c>: the 1-D uint8 array of a serialized Summary
    /// proto that the session returns for a string scalar.
    /// </summary>
    /// <param name="summary">Serialized summary bytes as an NDArray.</param>
    /// <param name="global_step">Step shown on TensorBoard's x axis; null writes 0, as TensorFlow does.</param>
    public void add_summary(NDArray summary, long? global_step = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.typecode != NPTypeCode.Byte || summary.ndim != 1)
            throw new TypeError(
                $"add_summary expects the value fetched from a summary op (a 1-D uint8 array of serialized Summary bytes), got dtype {summary.dtype.Name} with shape ({string.Join(", ", summary.shape)}).");
        add_summary(summary.ToArray<byte>(), global_step);
    }

    /// <summary>Writes a serialized Summary proto.</summary>
    /// <param name="summary">Bytes of a Summary proto.</param>
    /// <param name="global_step">Step; null writes 0.</param>
    /// <exception cref="InvalidArgumentError">The bytes are not a Summary.</exception>
    public void add_summary(byte[] summary, long? global_step = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        Summary parsed;
        try
        {
            parsed = Summary.Parser.ParseFrom(summary);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            throw new InvalidArgumentError("add_summary was given bytes that are not a serialized Summary proto.", e);
        }
        add_summary(parsed, global_step);
    }

    /// <summary>Writes a Summary proto (e.g. one built with <see cref="SummaryBuilder"/>).</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="global_step">Step; null writes 0.</param>
    public void add_summary(Summary summary, long? global_step = null) => _events.AddSummary(summary, global_step ?? 0);

    /// <summary>Writes <paramref name="graph"/> (with <c>_output_shapes</c>) for TensorBoard's Graphs tab.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="global_step">Step; null writes 0.</param>
    public void add_graph(Graph graph, long? global_step = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        add_graph(graph.as_graph_def(add_shapes: true), global_step);
    }

    /// <summary>Writes a GraphDef for TensorBoard's Graphs tab.</summary>
    /// <param name="graph_def">The graph.</param>
    /// <param name="global_step">Step; null writes 0.</param>
    public void add_graph(GraphDef graph_def, long? global_step = null) => _events.AddGraphDef(graph_def, global_step ?? 0);

    /// <summary>Writes a MetaGraphDef.</summary>
    /// <param name="meta_graph_def">The meta graph.</param>
    /// <param name="global_step">Step; null writes 0.</param>
    public void add_meta_graph(MetaGraphDef meta_graph_def, long? global_step = null) =>
        _events.AddMetaGraphDef(meta_graph_def, global_step ?? 0);

    /// <summary>Writes pending events to disk.</summary>
    /// <summary>
    /// Writes the step stats of a traced run (TensorFlow's add_run_metadata) as a TaggedRunMetadata event, so
    /// TensorBoard's Graphs tab can show compute time and memory per node for <paramref name="tag"/>.
    /// </summary>
    /// <param name="run_metadata">Metadata filled by <c>sess.run(..., options:, run_metadata:)</c>.</param>
    /// <param name="tag">Name of the run shown in TensorBoard, e.g. "step100".</param>
    /// <param name="global_step">Step; null writes 0.</param>
    public void add_run_metadata(tf.RunMetadata run_metadata, string tag, long? global_step = null)
    {
        ArgumentNullException.ThrowIfNull(run_metadata);
        if (string.IsNullOrEmpty(tag)) throw new ValueError("add_run_metadata needs a non-empty tag.");
        _events.AddEvent(new Event
        {
            Step = global_step ?? 0,
            TaggedRunMetadata = new TaggedRunMetadata { Tag = tag, RunMetadata = Google.Protobuf.ByteString.CopyFrom(run_metadata.SerializeToString()) },
        });
    }

    public void flush() => _events.Flush();

    /// <summary>Flushes and closes the event file.</summary>
    public void close() => Dispose();

    /// <summary>Flushes and closes the event file (so <c>using (var writer = tf.summary.FileWriter(...))</c> works).</summary>
    public void Dispose() => _events.Dispose();
}
