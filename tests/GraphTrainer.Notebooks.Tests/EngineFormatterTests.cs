using static GraphTrainer.Notebooks.Tests.TestNotebooks;

namespace GraphTrainer.Notebooks.Tests;

/// <summary>display(x) of the engine's graph objects: one line of text (name, op type, dtype, shape) and an HTML table.</summary>
[Collection(EngineCollection.Name)]
public class EngineFormatterTests
{
    [Fact]
    public void A_tensor_shows_name_op_type_dtype_and_shape()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, (Binding.None, 784), name: "images");
        var output = Formatters.Format(tf.nn.relu(x));

        Assert.Equal("Tensor 'Relu:0' op=Relu dtype=float32 shape=(?, 784)", output.PlainText);
        Assert.Contains("<th colspan=\"2\">tf.Tensor</th>", output.Html);
        Assert.Contains("<code>Relu (Relu)</code>", output.Html);
        Assert.Contains("<code>(?, 784)</code>", output.Html);
        Assert.Contains("Placeholder", Formatters.Format(x).PlainText);
    }

    [Fact]
    public void A_variable_shows_that_it_is_trainable_and_its_initializer()
    {
        tf.reset_default_graph();
        var w = tf.Variable(tf.zeros(new[] { 3, 2 }), name: "W", trainable: false);
        var output = Formatters.Format(w);

        Assert.Equal("Variable 'W:0' op=VariableV2 dtype=float32 shape=(3, 2) trainable=False", output.PlainText);
        Assert.Contains("tf.Variable", output.Html);
        Assert.Contains("<code>W/Assign</code>", output.Html);
    }

    [Fact]
    public void An_operation_lists_inputs_outputs_control_inputs_and_attributes()
    {
        tf.reset_default_graph();
        var a = tf.placeholder(tf.float32, (2, 3), name: "a");
        var b = tf.placeholder(tf.float32, (3, 4), name: "b");
        var product = tf.matmul(a, b, transpose_a: false);
        var output = Formatters.Format(product.op);

        string[] lines = output.PlainText.Split('\n');
        Assert.Equal("Operation 'MatMul' type=MatMul", lines[0]);
        Assert.Contains("  inputs: a:0, b:0", lines);
        Assert.Contains("  outputs: MatMul:0 float32 (2, 4)", lines);
        Assert.Contains("  attr transpose_a: False", lines);
        Assert.Contains("tf.Operation", output.Html);

        var group = Formatters.Format(tf.group(product.op));
        Assert.Contains("  control inputs: ^MatMul", group.PlainText.Split('\n'));
    }

    [Fact]
    public void A_graph_and_a_sequence_of_operations_are_tables_cut_after_60_rows()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, (Binding.None, 2), name: "x");
        Tensor t = x;
        for (int i = 0; i < 70; i++)
            t = tf.nn.relu(t);

        var graph = Formatters.Format(tf.get_default_graph());

        string[] lines = graph.PlainText.Split('\n');
        Assert.Equal("Graph with 71 operations", lines[0]);
        Assert.Matches(@"^name\s+type\s+inputs\s+outputs$", lines[1]);
        Assert.Matches(@"^x\s+Placeholder\s+float32 \(\?, 2\)$", lines[2]);
        Assert.Equal("... 11 more", lines[^1]);
        Assert.Equal(2 + EngineFormatters.MaxRows + 1, lines.Length);
        Assert.Contains("<td>Relu</td>", graph.Html);

        var some = Formatters.Format(tf.get_default_graph().get_operations().Skip(1).Take(2).ToList());
        Assert.StartsWith("2 operations\n", some.PlainText);
    }

    [Fact]
    public void A_sequence_of_tensors_is_a_table_and_none_gradients_show_as_None()
    {
        tf.reset_default_graph();
        var w = tf.Variable(tf.ones(new[] { 2 }), name: "w");
        var unused = tf.Variable(tf.ones(new[] { 2 }), name: "unused");
        var grads = tf.gradients(tf.reduce_sum(w * 3f), new Tensor[] { w, unused });

        string[] lines = Formatters.Format(grads).PlainText.Split('\n');

        Assert.Equal("2 tensors", lines[0]);
        Assert.StartsWith("gradients/", lines[2]);
        Assert.Equal("None", lines[3].Trim());
    }
}

/// <summary>Tests that use the engine's process-wide default graph and session run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EngineCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "Engine default graph";
}
