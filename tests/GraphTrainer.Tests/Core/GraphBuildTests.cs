namespace GraphTrainer.Tests.Core;

[Collection("DefaultGraph")]
public class GraphBuildTests
{
    public GraphBuildTests() => tf.reset_default_graph();

    [Fact]
    public void Ops_get_unique_tensorflow_names()
    {
        var a = tf.constant(1f);
        var b = tf.constant(2f);
        Assert.Equal("Const:0", a.name);
        Assert.Equal("Const_1:0", b.name);
        using (tf.name_scope("layer1"))
        {
            var m = tf.matmul(tf.constant(new float[,] { { 1 } }), tf.constant(new float[,] { { 2 } }));
            Assert.Equal("layer1/MatMul:0", m.name);
        }
        using (tf.name_scope("layer1"))
            Assert.Equal("layer1_1/Const", tf.constant(3f).op.name);
        var W1 = tf.Variable(tf.zeros(3), name: "W1");
        Assert.Equal("W1:0", W1.name);
        Assert.Equal("VariableV2", W1.op.type);
        Assert.Equal("W1/Assign", W1.initializer.name);
    }

    [Fact]
    public void Name_scope_is_restored_when_an_exception_escapes()
    {
        try
        {
            using (tf.name_scope("outer")) throw new InvalidOperationException("boom");
        }
        catch (InvalidOperationException) { }
        Assert.Equal("Const", tf.constant(1f).op.name);
    }

    [Fact]
    public void Shapes_are_inferred_with_unknown_and_broadcast_dimensions()
    {
        var x = tf.placeholder(tf.float32, (Binding.None, 784));
        var W = tf.Variable(tf.zeros(new[] { 784, 300 }));
        var b = tf.Variable(tf.zeros(300));
        var h = tf.matmul(x, W) + b;
        Assert.Equal(new TensorShape(-1, 300), h.shape);
        Assert.Equal("[?,300]", h.get_shape().ToString());
        Assert.Equal(new TensorShape(-1), tf.reduce_sum(h, 1).shape);
        Assert.Equal(TensorShape.Scalar, tf.reduce_mean(h).shape);
        Assert.Equal(new TensorShape(-1, 1), tf.reduce_sum(h, new[] { 1 }, keepdims: true).shape);
        Assert.Equal(new TensorShape(-1), tf.argmax(h, 1).shape);
        Assert.Equal(new TensorShape(300, -1), tf.transpose(h).shape);
        Assert.Equal(new TensorShape(5, 3, 1), (tf.zeros(new[] { 5, 1, 1 }) + tf.zeros(new[] { 3, 1 })).shape);
        Assert.Equal(new TensorShape(4, 10), tf.reshape(tf.zeros(new[] { 4, 5, 2 }), new[] { -1, 10 }).shape);
    }

    [Fact]
    public void Matmul_shape_mismatch_fails_at_build_time_naming_op_and_shapes()
    {
        var x = tf.placeholder(tf.float32, (Binding.None, 784));
        var W = tf.zeros(new[] { 785, 10 });
        var e = Assert.Throws<ValueError>(() => tf.matmul(x, W));
        Assert.Equal("Dimensions must be equal, but are 784 and 785 for 'MatMul' (op: 'MatMul') with input shapes: [?,784], [785,10].", e.Message);
    }

    [Fact]
    public void Elementwise_shape_mismatch_fails_at_build_time_naming_op_and_shapes()
    {
        var a = tf.placeholder(tf.float32, (Binding.None, 60));
        var b = tf.placeholder(tf.float32, (Binding.None, 10));
        var e = Assert.Throws<ValueError>(() => tf.squared_difference(a, b));
        Assert.Equal("Dimensions must be equal, but are 60 and 10 for 'SquaredDifference' (op: 'SquaredDifference') with input shapes: [?,60], [?,10].", e.Message);
    }

    [Fact]
    public void Mixed_dtypes_fail_at_build_time()
    {
        var a = tf.constant(1f);
        var b = tf.constant(1);
        var e = Assert.Throws<TypeError>(() => tf.add(a, b));
        Assert.Contains("Input 'y' of 'AddV2' Op has type int32 that does not match type float32 of argument 'x'", e.Message);
    }

    [Fact]
    public void Scalars_take_the_tensor_dtype()
    {
        var x = tf.constant(new double[,] { { 1 } }, tf.float64);
        Assert.Equal(DType.Float64, (x * 2).dtype);
        Assert.Equal(DType.Float64, (1.0 - x).dtype);
    }

    [Fact]
    public void Reset_default_graph_inside_as_default_is_refused()
    {
        var g = tf.Graph();
        using (g.as_default())
            Assert.Throws<InvalidOperationException>(() => tf.reset_default_graph());
    }

    [Fact]
    public void As_default_scopes_nest_and_restore()
    {
        var outer = tf.get_default_graph();
        var g = tf.Graph();
        using (g.as_default())
        {
            Assert.Same(g, tf.get_default_graph());
            Assert.Same(g, tf.constant(1f).graph);
        }
        Assert.Same(outer, tf.get_default_graph());
    }

    [Fact]
    public void Collections_track_global_and_trainable_variables()
    {
        var a = tf.Variable(tf.zeros(2), name: "a");
        var b = tf.Variable(tf.zeros(2), name: "b", trainable: false);
        Assert.Equal(new[] { a, b }, tf.global_variables());
        Assert.Equal(new[] { a }, tf.trainable_variables());
    }

    [Fact]
    public void Gradients_are_graph_ops_under_the_gradients_scope_and_fan_in_sums_with_AddN()
    {
        var x = tf.placeholder(tf.float32, new[] { 3 }, name: "x");
        var y = tf.reduce_sum(x * x + x);
        var grad = tf.gradients(y, x)[0];
        Assert.StartsWith("gradients/", grad.op.name);
        Assert.Contains(tf.get_default_graph().get_operations(), op => op.type == "AddN");
        using var sess = tf.Session();
        // d/dx Σ(x² + x) = 2x + 1
        Assert.Equal(new float[] { 3, 5, -1 }, sess.run(grad, new FeedDict { [x] = new float[] { 1, 2, -1 } }).ToArray<float>());
    }

    [Fact]
    public void Gradient_is_null_for_unconnected_inputs()
    {
        var x = tf.placeholder(tf.float32, new[] { 3 });
        var z = tf.placeholder(tf.float32, new[] { 3 });
        var grads = tf.gradients(tf.reduce_sum(x * 2f), new[] { x, z });
        Assert.NotNull(grads[0]);
        Assert.Null(grads[1]);
    }
}
