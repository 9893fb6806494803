using GraphTrainer.IO;
using GraphTrainer.IO.Proto;

namespace GraphTrainer;

public sealed partial class Graph
{
    /// <summary>
    /// This graph as a TensorFlow <see cref="GraphDef"/> (TensorFlow's <c>as_graph_def</c>); with
    /// <paramref name="add_shapes"/>, every node with outputs gets an <c>_output_shapes</c> attr, as TensorBoard expects.
    /// </summary>
    public GraphDef as_graph_def(bool add_shapes = false) => GraphDefExporter.Export(this, add_shapes);

    /// <summary>The GraphDef versions this graph is exported with (TensorFlow's <c>graph_def_versions</c>).</summary>
    public VersionDef graph_def_versions => new() { Producer = GraphDefExporter.ProducerVersion };
}
