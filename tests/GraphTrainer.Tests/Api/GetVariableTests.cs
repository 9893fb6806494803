using NumSharp;

namespace GraphTrainer.Tests.Api;

/// <summary>tf.get_variable and tf.variable_scope: names, sharing, TensorFlow's error texts, value initializers.</summary>
[Collection("DefaultGraph")]
public class GetVariableTests
{
    public GetVariableTests() => tf.reset_default_graph();

    [Fact]
    public void Creates_a_variable_with_the_given_name_shape_and_default_float32()
    {
        var w = tf.get_variable("W1", new[] { 3, 4 }, initializer: tf.zeros_initializer());
        Assert.Equal("W1:0", w.name);
        Assert.Equal(new TensorShape(3, 4), w.shape);
        Assert.Equal(DType.Float32, w.dtype);
        Assert.Contains(w, tf.trainable_variables());
        // Initializer ops live under "name/Initializer/", as TensorFlow names them.
        Assert.StartsWith("W1/Initializer/", w.initial_value.op.name);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        Assert.All(sess.run(w).ToArray<float>(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Recreating_without_reuse_raises_tensorflows_value_error()
    {
        tf.get_variable("W_fc1", new[] { 2, 2 });
        var e = Assert.Throws<ValueError>(() => tf.get_variable("W_fc1", new[] { 2, 2 }));
        Assert.Equal("Variable W_fc1 already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?", e.Message);
    }

    [Fact]
    public void Variable_scope_prefixes_names_and_opens_a_name_scope()
    {
        RefVariable w;
        Tensor op;
        using (tf.variable_scope("layer1"))
        {
            w = tf.get_variable("W", new[] { 2, 3 });
            op = tf.matmul(tf.ones(new[] { 1, 2 }), w);
            Assert.Equal("layer1", tf.get_variable_scope().name);
        }
        Assert.Equal("layer1/W:0", w.name);
        Assert.StartsWith("layer1/", op.op.name);
        Assert.Equal("", tf.get_variable_scope().name);
        // Nested scopes join with '/'.
        using (tf.variable_scope("outer"))
        using (tf.variable_scope("inner"))
            Assert.Equal("outer/inner/b:0", tf.get_variable("b", new[] { 1 }).name);
    }

    [Fact]
    public void Name_scopes_do_not_change_get_variable_names()
    {
        using (tf.name_scope("ns"))
        {
            var v = tf.get_variable("v", new[] { 1 });
            var c = tf.constant(1f);
            Assert.Equal("v:0", v.name);
            Assert.Equal("ns/Const:0", c.name);
        }
    }

    [Fact]
    public void Reuse_true_shares_and_reuse_of_a_missing_variable_fails()
    {
        RefVariable first, again;
        using (tf.variable_scope("fc"))
            first = tf.get_variable("W", new[] { 2, 2 });
        using (tf.variable_scope("fc", reuse: true))
        {
            again = tf.get_variable("W", new[] { 2, 2 });
            var e = Assert.Throws<ValueError>(() => tf.get_variable("missing", new[] { 1 }));
            Assert.Equal("Variable fc/missing does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?", e.Message);
            // Reuse is inherited by sub-scopes.
            using (tf.variable_scope("sub"))
                Assert.Equal(VariableReuse.True, tf.get_variable_scope().reuse);
        }
        Assert.Same(first, again);
    }

    [Fact]
    public void Sharing_checks_shape_and_dtype()
    {
        using var scope = tf.variable_scope("s");
        tf.get_variable("x", new[] { 2 });
        scope.reuse_variables();
        var shapeError = Assert.Throws<ValueError>(() => tf.get_variable("x", new[] { 3 }));
        Assert.Equal("Trying to share variable s/x, but specified shape (3,) and found shape (2,).", shapeError.Message);
        var dtypeError = Assert.Throws<ValueError>(() => tf.get_variable("x", new[] { 2 }, dtype: tf.float64));
        Assert.Equal("Trying to share variable s/x, but specified dtype float64 and found dtype float32.", dtypeError.Message);
    }

    [Fact]
    public void Auto_reuse_creates_once_then_shares()
    {
        RefVariable a, b;
        using (tf.variable_scope("auto", reuse: tf.AUTO_REUSE)) a = tf.get_variable("v", new[] { 1 });
        using (tf.variable_scope("auto", reuse: tf.AUTO_REUSE)) b = tf.get_variable("v", new[] { 1 });
        Assert.Same(a, b);
        Assert.Single(tf.global_variables());
    }

    [Fact]
    public void Reentering_a_captured_scope_uses_its_name_and_original_name_scope()
    {
        VariableScope captured;
        using (captured = tf.variable_scope("model")) tf.get_variable("W", new[] { 1 });
        using (tf.variable_scope("elsewhere"))
        using (tf.variable_scope(captured, reuse: true))
        {
            Assert.Equal("model", tf.get_variable_scope().name);
            Assert.Equal("model/W:0", tf.get_variable("W", new[] { 1 }).name);
            Assert.Equal("model/Const:0", tf.constant(1f).name);
        }
    }

    [Fact]
    public void Scope_default_initializer_applies_when_none_is_given()
    {
        using (tf.variable_scope("init", initializer: tf.constant_initializer(0.5)))
        {
            var v = tf.get_variable("v", new[] { 3 });
            using var sess = tf.Session();
            sess.run(v.initializer);
            Assert.Equal(new[] { 0.5f, 0.5f, 0.5f }, sess.run(v).ToArray<float>());
        }
    }

    [Fact]
    public void A_constant_tensor_initializer_gives_shape_and_dtype()
    {
        var initial = tf.constant(0.0, shape: new[] { 200 }, dtype: tf.float32);
        var b = tf.get_variable("b_FC1", dtype: tf.float32, initializer: initial);
        Assert.Equal(new TensorShape(200), b.shape);
        Assert.Same(initial, b.initial_value);
        // A matching shape is accepted; a different one is rejected.
        Assert.Equal(new TensorShape(2), tf.get_variable("same", new[] { 2 }, initializer: tf.constant(new[] { 1f, 2f })).shape);
        var e = Assert.Throws<ValueError>(() => tf.get_variable("other", new[] { 3 }, initializer: tf.constant(new[] { 1f, 2f })));
        Assert.Contains("has shape (2,), but shape (3,) was specified", e.Message);
        Assert.Throws<ValueError>(() => tf.get_variable("wrongtype", dtype: tf.float64, initializer: tf.constant(new[] { 1f })));
    }

    [Fact]
    public void An_ndarray_initializer_becomes_the_initial_value()
    {
        var v = tf.get_variable("from_array", initializer: np.array(new[] { 1f, 2f, 3f }));
        using var sess = tf.Session();
        sess.run(v.initializer);
        Assert.Equal(new[] { 1f, 2f, 3f }, sess.run(v).ToArray<float>());
        Assert.StartsWith("from_array/Initializer/", v.initial_value.op.name);
    }

    [Fact]
    public void A_new_variable_needs_a_fully_defined_shape()
    {
        var e = Assert.Throws<ValueError>(() => tf.get_variable("nope"));
        Assert.Equal("Shape of a new variable (nope) must be fully defined, but instead was <unknown>.", e.Message);
        Assert.Throws<ValueError>(() => tf.get_variable("partial", new[] { -1, 3 }));
    }

    [Fact]
    public void Default_initializer_is_glorot_uniform_for_floats_and_zeros_for_ints()
    {
        var f = tf.get_variable("f", new[] { 10, 20 });
        var i = tf.get_variable("i", new[] { 4 }, dtype: tf.int32);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        double limit = Math.Sqrt(6.0 / 30);
        Assert.All(sess.run(f).ToArray<float>(), v => Assert.InRange(v, -limit, limit));
        Assert.Equal(new[] { 0, 0, 0, 0 }, sess.run(i).ToArray<int>());
    }

    [Fact]
    public void Variables_are_usable_directly_as_tensors()
    {
        var w = tf.get_variable("w", new[] { 2 }, initializer: tf.ones_initializer());
        Tensor doubled = w * 2.0;
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        Assert.Equal(new[] { 2f, 2f }, sess.run(doubled).ToArray<float>());
    }
}
