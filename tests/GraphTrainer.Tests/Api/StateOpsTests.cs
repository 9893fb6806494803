namespace GraphTrainer.Tests.Api;

/// <summary>tf.assign, tf.assign_add, tf.assign_sub and the variable methods: values after each run, dtypes, errors.</summary>
[Collection("DefaultGraph")]
public class StateOpsTests
{
    public StateOpsTests() => tf.reset_default_graph();

    [Fact]
    public void Assign_add_and_sub_update_the_variable_each_run()
    {
        var step = tf.Variable(0, name: "global_step", trainable: false);
        var increment = tf.assign_add(step, 1);
        var w = tf.Variable(tf.constant(new[] { 1f, 2f }));
        var halve = tf.assign(w, w * 0.5f);
        var down = w.assign_sub(tf.constant(new[] { 0.25f, 0.25f }));
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        Assert.Equal(1, (int)sess.run(increment));
        Assert.Equal(2, (int)sess.run(increment));
        Assert.Equal(2, (int)sess.run(step));
        Assert.Equal(new[] { 0.5f, 1f }, sess.run(halve).ToArray<float>());
        Assert.Equal(new[] { 0.25f, 0.75f }, sess.run(down).ToArray<float>());
        Assert.Equal(new[] { 0.25f, 0.75f }, sess.run(w).ToArray<float>());
        Assert.Equal("AssignAdd", increment.op.name);
    }

    [Fact]
    public void Mismatched_or_non_variable_arguments_are_refused_in_TensorFlow_words()
    {
        var v = tf.Variable(tf.constant(new[] { 1f }));
        Assert.Equal("Input 'value' of 'AssignAdd' Op has type int32 that does not match type float32 of argument 'ref'.",
            Assert.Throws<TypeError>(() => tf.assign_add(v, tf.constant(new[] { 1 }))).Message);
        Assert.Equal("Input 'ref' of 'Assign' Op requires l-value input",
            Assert.Throws<TypeError>(() => tf.assign(tf.constant(new[] { 1f }), tf.constant(new[] { 2f }))).Message);
        Assert.Throws<TypeError>(() => tf.assign_add(tf.Variable(0), 0.5)); // a float never converts to an int variable
    }
}
