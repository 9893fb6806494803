using GraphTrainer.IO;
using GraphTrainer.IO.Proto;
using GraphTrainer.Train;

namespace GraphTrainer;

public static partial class tf
{
    public static partial class train
    {
        /// <summary>
        /// A saver for <paramref name="var_list"/> (all global variables when null) that keeps the newest
        /// <paramref name="max_to_keep"/> checkpoints (0 keeps all): <c>saver.save(sess, "runs/x/model.ckpt", global_step: step)</c>,
        /// <c>saver.restore(sess, tf.train.latest_checkpoint("runs/x"))</c>.
        /// </summary>
        public static Saver Saver(IEnumerable<RefVariable> var_list = null, int max_to_keep = 5) => new(var_list, max_to_keep);

        /// <summary>A saver storing each variable under the given checkpoint key (TensorFlow's dict form of var_list).</summary>
        public static Saver Saver(IDictionary<string, RefVariable> var_list, int max_to_keep = 5) => new(var_list, max_to_keep);

        /// <summary>The newest checkpoint prefix recorded in <paramref name="checkpoint_dir"/>, or null when there is none.</summary>
        public static string latest_checkpoint(string checkpoint_dir, string latest_filename = null) =>
            CheckpointManagement.LatestCheckpoint(checkpoint_dir, latest_filename ?? CheckpointManagement.DefaultStateFileName);

        /// <summary>The directory's checkpoint state (latest and retained prefixes, absolute), or null when it has none.</summary>
        public static CheckpointState get_checkpoint_state(string checkpoint_dir, string latest_filename = null) =>
            CheckpointManagement.GetCheckpointState(checkpoint_dir, latest_filename ?? CheckpointManagement.DefaultStateFileName);

        /// <summary>True when a checkpoint exists at <paramref name="checkpoint_prefix"/>.</summary>
        public static bool checkpoint_exists(string checkpoint_prefix) => CheckpointManagement.CheckpointExists(checkpoint_prefix);

        /// <summary>
        /// Writes <paramref name="graph"/> as a GraphDef to <c>logdir/name</c>: protobuf text format (<c>.pbtxt</c>) or,
        /// with <paramref name="as_text"/> false, binary (<c>.pb</c>). Returns the path written.
        /// </summary>
        public static string write_graph(Graph graph, string logdir, string name, bool as_text = true)
        {
            ArgumentNullException.ThrowIfNull(graph);
            return GraphDefExporter.Write(graph.as_graph_def(), logdir, name, as_text);
        }

        /// <summary>Writes an existing GraphDef to <c>logdir/name</c> (text or binary). Returns the path written.</summary>
        public static string write_graph(GraphDef graph_def, string logdir, string name, bool as_text = true) =>
            GraphDefExporter.Write(graph_def, logdir, name, as_text);

        /// <summary>
        /// The MetaGraphDef of <paramref name="graph"/> (default graph when null): graph with output shapes,
        /// TensorFlow version info and node-list collections; written to <paramref name="filename"/> when given.
        /// </summary>
        public static MetaGraphDef export_meta_graph(string filename = null, bool as_text = false, Graph graph = null,
            IEnumerable<string> collection_list = null)
        {
            var meta = GraphDefExporter.ToMetaGraphDef(graph ?? get_default_graph(), collection_list);
            if (filename != null)
                GraphDefExporter.Write(meta, Path.GetDirectoryName(filename), Path.GetFileName(filename), as_text);
            return meta;
        }
    }
}
