using System.Runtime.InteropServices;
using Google.Protobuf;
using GraphTrainer.IO;
using GraphTrainer.IO.Proto;

namespace GraphTrainer.Tests.IO;

[Collection("DefaultGraph")]
public class GraphDefExportTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public GraphDefExportTests() => tf.reset_default_graph();

    public void Dispose() => _dir.Dispose();

    private static readonly float[] WValues = { 1, 2, 3, 4, 5, 6 };

    // Placeholder, variables initialized from a float Const, MatMul, broadcasting add and sub, and the gradient and
    // update ops of gradient descent (the sub against a [?,?] placeholder needs the multi-output
    // BroadcastGradientArgs at run time; control inputs on the train op).
    private static Operation BuildModel()
    {
        var x = tf.placeholder(tf.float32, new[] { -1, 3 }, name: "x");
        var w = tf.Variable(tf.constant(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }, name: "W_init"), name: "W");
        var b = tf.Variable(tf.zeros(new[] { 2 }), name: "b");
        var shift = tf.placeholder(tf.float32, new[] { -1, -1 }, name: "shift");
        var loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - shift));
        return tf.train.GradientDescentOptimizer(0.5).minimize(loss);
    }

    private static NodeDef Node(GraphDef def, string name) => def.Node.Single(n => n.Name == name);

    [Fact]
    public void Binary_graph_def_parses_back_with_nodes_inputs_and_attrs()
    {
        var train = BuildModel();
        var g = tf.get_default_graph();
        var def = GraphDef.Parser.ParseFrom(g.as_graph_def().ToByteArray());

        Assert.Equal(134, def.Versions.Producer);
        Assert.Equal(g.get_operations().Select(o => o.name), def.Node.Select(n => n.Name));
        Assert.Equal(g.get_operations().Select(o => o.type), def.Node.Select(n => n.Op));

        var x = Node(def, "x");
        Assert.Equal("Placeholder", x.Op);
        Assert.Equal(DataType.DtFloat, x.Attr["dtype"].Type);
        Assert.Equal(new long[] { -1, 3 }, x.Attr["shape"].Shape.Dim.Select(d => d.Size));
        Assert.False(x.Attr["shape"].Shape.UnknownRank);

        var w = Node(def, "W");
        Assert.Equal("VariableV2", w.Op);
        Assert.Equal(new long[] { 3, 2 }, w.Attr["shape"].Shape.Dim.Select(d => d.Size));
        Assert.Equal(new[] { "W", "W_init" }, Node(def, "W/Assign").Input);

        var init = Node(def, "W_init").Attr["value"].Tensor;
        Assert.Equal(DataType.DtFloat, init.Dtype);
        Assert.Equal(new long[] { 3, 2 }, init.TensorShape.Dim.Select(d => d.Size));
        Assert.Equal(WValues.Length * sizeof(float), init.TensorContent.Length);
        // tensor_content is little-endian: 1.0f is 00 00 80 3F.
        Assert.Equal(new byte[] { 0x00, 0x00, 0x80, 0x3F }, init.TensorContent.Span[..4].ToArray());
        Assert.Equal(WValues, MemoryMarshal.Cast<byte, float>(init.TensorContent.Span).ToArray());

        var matmul = Node(def, "MatMul");
        Assert.Equal(new[] { "x", "W" }, matmul.Input);
        Assert.Equal(DataType.DtFloat, matmul.Attr["T"].Type);
        Assert.False(matmul.Attr["transpose_a"].B);
        Assert.Equal(AttrValue.ValueOneofCase.B, matmul.Attr["transpose_b"].ValueCase);

        // dL/dW = xᵀ · dL/dy: the gradient MatMul transposes its first input.
        var gradW = Node(def, "gradients/MatMul_grad/MatMul_1");
        Assert.Equal("MatMul", gradW.Op);
        Assert.True(gradW.Attr["transpose_a"].B);
        Assert.Equal("x", gradW.Input[0]);

        // The second output of BroadcastGradientArgs is referenced as name:1, the first by the bare name.
        Assert.Contains("gradients/sub_grad/BroadcastGradientArgs", Node(def, "gradients/sub_grad/Sum").Input);
        Assert.Contains("gradients/sub_grad/BroadcastGradientArgs:1", Node(def, "gradients/sub_grad/Sum_1").Input);
        // [?,2] + [2] is decided at build time: b's gradient is a sum over axis 0, with no shape ops.
        Assert.DoesNotContain(def.Node, n => n.Name.StartsWith("gradients/add_grad/") && n.Op is "Shape" or "BroadcastGradientArgs");
        Assert.Equal(new long[] { 0 }, Node(def, Node(def, "gradients/add_grad/Sum").Input[1]).Attr["value"].Tensor.IntVal.Select(v => (long)v));

        var trainNode = Node(def, train.name);
        Assert.Equal("NoOp", trainNode.Op);
        Assert.Equal(new[] { "^GradientDescent/update_W/ApplyGradientDescent", "^GradientDescent/update_b/ApplyGradientDescent" },
            trainNode.Input);

        // A scalar Const keeps its value in float_val, as TensorFlow's make_tensor_proto does.
        var lr = Node(def, "GradientDescent/learning_rate").Attr["value"].Tensor;
        Assert.Equal(new[] { 0.5f }, lr.FloatVal);
        Assert.Empty(lr.TensorShape.Dim);
        Assert.True(lr.TensorContent.IsEmpty);
    }

    [Fact]
    public void Unknown_rank_shape_sets_unknown_rank_and_output_shapes_are_added_on_request()
    {
        var p = tf.placeholder(tf.float32, name: "p");
        var x = tf.placeholder(tf.float32, new[] { -1, 3 }, name: "x");
        tf.matmul(x, tf.constant(new float[,] { { 1 }, { 2 }, { 3 } }));
        var plain = tf.get_default_graph().as_graph_def();
        Assert.True(Node(plain, "p").Attr["shape"].Shape.UnknownRank);
        Assert.False(Node(plain, "MatMul").Attr.ContainsKey(GraphDefExporter.OutputShapesAttr));

        var shaped = tf.get_default_graph().as_graph_def(add_shapes: true);
        var shapes = Node(shaped, "MatMul").Attr[GraphDefExporter.OutputShapesAttr].List.Shape;
        Assert.Equal(new long[] { -1, 1 }, shapes.Single().Dim.Select(d => d.Size));
        Assert.True(Node(shaped, "p").Attr[GraphDefExporter.OutputShapesAttr].List.Shape.Single().UnknownRank);
    }

    [Fact]
    public void Write_graph_text_format_matches_tensorflow_pbtxt_style()
    {
        BuildModel();
        string path = tf.train.write_graph(tf.get_default_graph(), _dir.Path, "graph.pbtxt");
        Assert.Equal(_dir.Combine("graph.pbtxt"), path);
        string text = File.ReadAllText(path);
        Assert.StartsWith("node {\n  name: \"x\"\n  op: \"Placeholder\"\n", text);
        Assert.Contains("  attr {\n    key: \"dtype\"\n    value {\n      type: DT_FLOAT\n    }\n  }\n", text);
        Assert.Contains("        dim {\n          size: -1\n        }\n", text);
        Assert.Contains("  input: \"^GradientDescent/update_W/ApplyGradientDescent\"\n", text);
        Assert.Contains("      b: false\n", text);
        // 1.0f = 00 00 80 3F and 2.0f = 00 00 00 40, octal-escaped except printable '?' and '@'.
        Assert.Contains("tensor_content: \"\\000\\000\\200?\\000\\000\\000@", text);
        Assert.Contains("float_val: 0.5\n", text);
        Assert.EndsWith("versions {\n  producer: 134\n}\n", text);
    }

    [Fact]
    public void Write_graph_binary_and_export_meta_graph_parse_back()
    {
        BuildModel();
        tf.summary.scalar("lr", tf.constant(0.5f));
        var g = tf.get_default_graph();
        string pb = tf.train.write_graph(g, _dir.Path, "graph.pb", as_text: false);
        Assert.Equal(g.as_graph_def(), GraphDef.Parser.ParseFrom(File.ReadAllBytes(pb)));

        string metaPath = _dir.Combine("model.meta");
        var meta = tf.train.export_meta_graph(metaPath);
        var parsed = MetaGraphDef.Parser.ParseFrom(File.ReadAllBytes(metaPath));
        Assert.Equal(meta, parsed);
        Assert.Equal("1.15.0", parsed.MetaInfoDef.TensorflowVersion);
        Assert.Equal(g.get_operations().Length, parsed.GraphDef.Node.Count);
        Assert.Equal(new[] { "lr:0" }, parsed.CollectionDef[GraphKeys.SUMMARIES].NodeList.Value);
    }

    [Fact]
    public void File_writer_with_a_graph_writes_graph_and_meta_graph_events()
    {
        BuildModel();
        string path;
        using (var writer = tf.summary.FileWriter(_dir.Path, tf.get_default_graph(), flush_secs: 0)) path = writer.FilePath;

        var events = EventFileReader.ReadEvents(path);
        Assert.Equal(EventFileWriter.FileVersion, events[0].FileVersion);
        var graphEvent = events.Single(e => e.WhatCase == Event.WhatOneofCase.GraphDef);
        var def = GraphDef.Parser.ParseFrom(graphEvent.GraphDef);
        Assert.Equal(tf.get_default_graph().get_operations().Length, def.Node.Count);
        Assert.Equal(new long[] { -1, 2 }, Node(def, "MatMul").Attr[GraphDefExporter.OutputShapesAttr].List.Shape.Single().Dim.Select(d => d.Size));
        var metaEvent = events.Single(e => e.WhatCase == Event.WhatOneofCase.MetaGraphDef);
        Assert.Equal(def.Node.Count, MetaGraphDef.Parser.ParseFrom(metaEvent.MetaGraphDef).GraphDef.Node.Count);
    }

    [Fact]
    public void String_constants_export_as_string_val()
    {
        var s = tf.summary.scalar("loss", tf.constant(1f));
        var tags = Node(tf.get_default_graph().as_graph_def(), "loss/tags").Attr["value"].Tensor;
        Assert.Equal(DataType.DtString, tags.Dtype);
        Assert.Equal("loss", tags.StringVal.Single().ToStringUtf8());
        Assert.Equal(DataType.DtFloat, Node(tf.get_default_graph().as_graph_def(), s.op.name).Attr["T"].Type);
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(123.456, "123.456")]
    [InlineData(0.0, "0.0")]
    [InlineData(double.PositiveInfinity, "inf")]
    public void Doubles_print_as_python_repr(double value, string expected) =>
        Assert.Equal(expected, ProtoTextFormat.FormatDouble(value));

    [Fact]
    public void Float_fields_print_their_exact_double_value_and_bytes_are_c_escaped()
    {
        // 0.1f is 0.100000001490116119384765625; Python's repr of that double has 17 significant digits.
        Assert.Equal("0.10000000149011612", ProtoTextFormat.FormatDouble(0.1f));
        Assert.Equal("\"\\000a\\\"\\'\\\\\\377\\n\"", ProtoTextFormat.Quote(new byte[] { 0, (byte)'a', (byte)'"', (byte)'\'', (byte)'\\', 0xFF, (byte)'\n' }));
    }
}
