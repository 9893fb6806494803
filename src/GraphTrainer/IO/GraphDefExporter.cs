using System.Runtime.InteropServices;
using System.Text;
using Google.Protobuf;
using GraphTrainer.IO.Proto;
using GraphTrainer.Runtime;

namespace GraphTrainer.IO;

/// <summary>
/// Serializes a <see cref="Graph"/> as a TensorFlow <see cref="GraphDef"/>: one NodeDef per operation in creation
/// order with the same name, op type, inputs (<c>name</c> for output 0, <c>name:1</c> otherwise, <c>^name</c> for
/// control inputs) and attrs, so TensorBoard and TensorFlow tools read our graphs as TensorFlow's own.
/// </summary>
public static class GraphDefExporter
{
    /// <summary>
    /// The GraphDef producer version TensorFlow 1.15 writes (TF_GRAPH_DEF_VERSION 134), the release whose API
    /// GraphTrainer mirrors.
    /// </summary>
    public const int ProducerVersion = 134;

    /// <summary>The TensorFlow version recorded in exported meta graphs (the API level GraphTrainer mirrors).</summary>
    public const string TensorFlowVersion = "1.15.0";

    /// <summary>Attr TensorFlow adds with <c>as_graph_def(add_shapes=True)</c>: the static shape of every output.</summary>
    public const string OutputShapesAttr = "_output_shapes";

    /// <summary>Converts <paramref name="graph"/> to a GraphDef.</summary>
    /// <param name="graph">The graph; a snapshot of its operations at the time of the call is exported.</param>
    /// <param name="addShapes">Add <c>_output_shapes</c> to each node with outputs, as TensorFlow does for TensorBoard.</param>
    /// <returns>The GraphDef.</returns>
    /// <exception cref="NotSupportedException">An attr holds a value with no AttrValue mapping (names op and attr).</exception>
    public static GraphDef Export(Graph graph, bool addShapes = false)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var def = new GraphDef { Versions = new VersionDef { Producer = ProducerVersion } };
        foreach (var op in graph.get_operations()) def.Node.Add(ToNodeDef(op, addShapes));
        return def;
    }

    /// <summary>The NodeDef of one operation.</summary>
    /// <param name="op">The operation.</param>
    /// <param name="addShapes">Add the <c>_output_shapes</c> attr.</param>
    /// <returns>The NodeDef.</returns>
    public static NodeDef ToNodeDef(Operation op, bool addShapes = false)
    {
        ArgumentNullException.ThrowIfNull(op);
        var node = new NodeDef { Name = op.Name, Op = op.Type, Device = op.device };
        foreach (var input in op.Inputs)
            node.Input.Add(input.value_index == 0 ? input.op.Name : $"{input.op.Name}:{input.value_index}");
        foreach (var control in op.ControlInputs) node.Input.Add("^" + control.Name);
        // Sorted keys make the binary serialization deterministic, as TensorFlow's write_graph requests.
        foreach (var (key, value) in op.Attrs.OrderBy(a => a.Key, StringComparer.Ordinal))
            node.Attr.Add(key, ToAttrValue(value, op, key));
        if (addShapes && op.Outputs.Length > 0)
        {
            var list = new AttrValue.Types.ListValue();
            foreach (var output in op.Outputs) list.Shape.Add(ToShapeProto(output.shape));
            node.Attr.Add(OutputShapesAttr, new AttrValue { List = list });
        }
        return node;
    }

    /// <summary>The AttrValue for an attr value of our graph representation.</summary>
    /// <param name="value">DType, TensorShape, bool, int, long, float, double, string, TensorValue or an array of those.</param>
    /// <param name="op">The op, named in errors.</param>
    /// <param name="attrName">The attr, named in errors.</param>
    /// <returns>The AttrValue.</returns>
    public static AttrValue ToAttrValue(object value, Operation op, string attrName) => value switch
    {
        DType d => new AttrValue { Type = ToDataType(d) },
        TensorShape s => new AttrValue { Shape = ToShapeProto(s) },
        bool b => new AttrValue { B = b },
        int i => new AttrValue { I = i },
        long l => new AttrValue { I = l },
        float f => new AttrValue { F = f },
        double d => new AttrValue { F = (float)d },
        string s => new AttrValue { S = ByteString.CopyFromUtf8(s) },
        byte[] bytes => new AttrValue { S = ByteString.CopyFrom(bytes) },
        TensorValue t => new AttrValue { Tensor = ToTensorProto(t) },
        int[] ints => List(l => l.I.AddRange(ints.Select(i => (long)i))),
        long[] longs => List(l => l.I.AddRange(longs)),
        float[] floats => List(l => l.F.AddRange(floats)),
        double[] doubles => List(l => l.F.AddRange(doubles.Select(d => (float)d))),
        bool[] bools => List(l => l.B.AddRange(bools)),
        string[] strings => List(l => l.S.AddRange(strings.Select(ByteString.CopyFromUtf8))),
        DType[] types => List(l => l.Type.AddRange(types.Select(ToDataType))),
        TensorShape[] shapes => List(l => l.Shape.AddRange(shapes.Select(ToShapeProto))),
        _ => throw new NotSupportedException(
            $"Attr '{attrName}' of '{op.Name}' ({op.Type}) holds a {value?.GetType().Name ?? "null"}, which has no GraphDef AttrValue mapping."),
    };

    private static AttrValue List(Action<AttrValue.Types.ListValue> fill)
    {
        var list = new AttrValue.Types.ListValue();
        fill(list);
        return new AttrValue { List = list };
    }

    /// <summary>TensorFlow's DataType enum value of a dtype (our enum uses TensorFlow's numbers).</summary>
    /// <param name="dtype">The dtype.</param>
    /// <returns>The DataType.</returns>
    public static DataType ToDataType(DType dtype) => (DataType)(int)dtype;

    /// <summary>A shape proto: unknown dimensions are -1, an unknown rank sets <c>unknown_rank</c>.</summary>
    /// <param name="shape">The (possibly partial) shape.</param>
    /// <returns>The proto.</returns>
    public static TensorShapeProto ToShapeProto(TensorShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (!shape.HasRank) return new TensorShapeProto { UnknownRank = true };
        var proto = new TensorShapeProto();
        foreach (int d in shape.dims) proto.Dim.Add(new TensorShapeProto.Types.Dim { Size = d });
        return proto;
    }

    /// <summary>
    /// A TensorProto as TensorFlow's make_tensor_proto builds it: a numeric tensor of more than one element is
    /// stored as little-endian <c>tensor_content</c>; a single element in the typed field (<c>float_val</c>,
    /// <c>int_val</c>, ...); bools in <c>bool_val</c> and strings in <c>string_val</c>.
    /// </summary>
    /// <param name="value">The tensor value.</param>
    /// <returns>The proto.</returns>
    public static TensorProto ToTensorProto(TensorValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var proto = new TensorProto { Dtype = ToDataType(value.DType), TensorShape = ToShapeProto(new TensorShape(value.Shape)) };
        switch (value.DType)
        {
            case DType.String:
                for (int i = 0; i < value.Length; i++) proto.StringVal.Add(ByteString.CopyFrom(((byte[][])value.Data)[i]));
                return proto;
            case DType.Bool:
                proto.BoolVal.AddRange(value.Span<bool>().ToArray());
                return proto;
        }
        if (value.Length > 1)
        {
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("tensor_content is little-endian; this host is not.");
            proto.TensorContent = ByteString.CopyFrom(ContentBytes(value));
            return proto;
        }
        switch (value.DType)
        {
            case DType.Float32: proto.FloatVal.AddRange(value.Span<float>().ToArray()); break;
            case DType.Float64: proto.DoubleVal.AddRange(value.Span<double>().ToArray()); break;
            case DType.Int32: proto.IntVal.AddRange(value.Span<int>().ToArray()); break;
            case DType.UInt8: foreach (byte b in value.Span<byte>()) proto.IntVal.Add(b); break;
            case DType.Int64: proto.Int64Val.AddRange(value.Span<long>().ToArray()); break;
            default: throw new NotSupportedException($"No TensorProto mapping for dtype {value.DType.Name()}.");
        }
        return proto;
    }

    private static byte[] ContentBytes(TensorValue value) => value.DType switch
    {
        DType.Float32 => MemoryMarshal.AsBytes(value.Span<float>()).ToArray(),
        DType.Float64 => MemoryMarshal.AsBytes(value.Span<double>()).ToArray(),
        DType.Int32 => MemoryMarshal.AsBytes(value.Span<int>()).ToArray(),
        DType.Int64 => MemoryMarshal.AsBytes(value.Span<long>()).ToArray(),
        DType.UInt8 => value.Span<byte>().ToArray(),
        _ => throw new NotSupportedException($"No tensor_content mapping for dtype {value.DType.Name()}."),
    };

    /// <summary>
    /// A MetaGraphDef as TensorFlow's export_meta_graph builds it: meta_info_def (TensorFlow version), the graph
    /// with output shapes, and node-list collections (summaries, train_op) of tensors and operations.
    /// Variable collections are left out: TensorFlow stores them as VariableDef protos tied to its Saver ops.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="collectionList">Collections to export; null for summaries and train_op.</param>
    /// <returns>The meta graph.</returns>
    public static MetaGraphDef ToMetaGraphDef(Graph graph, IEnumerable<string> collectionList = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var meta = NewMetaGraphDef(Export(graph, addShapes: true));
        foreach (string key in collectionList ?? new[] { GraphKeys.SUMMARIES, GraphKeys.TRAIN_OP })
        {
            var names = graph.get_collection<object>(key)
                .Select(item => item switch { RefVariable => null, Tensor t => t.name, Operation o => o.Name, _ => null })
                .Where(n => n != null).ToList();
            if (names.Count == 0) continue;
            var nodeList = new CollectionDef.Types.NodeList();
            nodeList.Value.AddRange(names);
            meta.CollectionDef.Add(key, new CollectionDef { NodeList = nodeList });
        }
        return meta;
    }

    /// <summary>A MetaGraphDef around an existing GraphDef (TensorFlow's create_meta_graph_def(graph_def=...)).</summary>
    /// <param name="graphDef">The graph.</param>
    /// <returns>The meta graph.</returns>
    public static MetaGraphDef NewMetaGraphDef(GraphDef graphDef)
    {
        ArgumentNullException.ThrowIfNull(graphDef);
        return new MetaGraphDef
        {
            MetaInfoDef = new MetaGraphDef.Types.MetaInfoDef { TensorflowVersion = TensorFlowVersion, TensorflowGitVersion = "GraphTrainer" },
            GraphDef = graphDef,
        };
    }

    /// <summary>
    /// Writes <paramref name="message"/> to <c>logdir/name</c> atomically, as binary protobuf or text format
    /// (TensorFlow's tf.train.write_graph); creates <paramref name="logdir"/> if needed.
    /// </summary>
    /// <param name="message">A GraphDef or MetaGraphDef.</param>
    /// <param name="logdir">Directory.</param>
    /// <param name="name">File name.</param>
    /// <param name="asText">Text format (<c>.pbtxt</c>) rather than binary.</param>
    /// <returns>The path written, <c>logdir/name</c>.</returns>
    public static string Write(IMessage message, string logdir, string name, bool asText)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(name);
        string path = string.IsNullOrEmpty(logdir) ? name : Path.Combine(logdir, name);
        byte[] bytes = asText ? Encoding.UTF8.GetBytes(ProtoTextFormat.Print(message)) : message.ToByteArray();
        AtomicFile.Write(path, fs => fs.Write(bytes));
        return path;
    }
}
