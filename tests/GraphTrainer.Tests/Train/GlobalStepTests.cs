namespace GraphTrainer.Tests.Train;

[Collection("DefaultGraph")]
public class GlobalStepTests
{
    public GlobalStepTests() => tf.reset_default_graph();

    [Fact]
    public void Get_or_create_makes_one_non_trainable_int64_step_starting_at_zero()
    {
        Assert.Null(tf.train.get_global_step());
        var step = tf.train.get_or_create_global_step();
        Assert.Same(step, tf.train.get_or_create_global_step());
        Assert.Same(step, tf.train.get_global_step());
        Assert.Equal("global_step", step.op.name);
        Assert.Equal(DType.Int64, step.dtype);
        Assert.False(step.trainable);
        Assert.DoesNotContain(step, tf.trainable_variables());
        Assert.Contains(step, tf.global_variables());
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        Assert.Equal(0L, tf.train.global_step(sess, step));
    }

    [Fact]
    public void Create_fails_when_a_step_exists()
    {
        tf.train.create_global_step();
        Assert.Equal("\"global_step\" already exists.", Assert.Throws<ValueError>(() => tf.train.create_global_step()).Message);
    }

    [Fact]
    public void A_variable_named_global_step_is_found_by_name_and_must_be_an_integer()
    {
        var mine = tf.Variable(tf.constant(0), name: "global_step", trainable: false);
        Assert.Same(mine, tf.train.get_global_step());
        tf.reset_default_graph();
        tf.Variable(tf.constant(0f), name: "global_step", trainable: false);
        Assert.Contains("does not have integer type", Assert.Throws<TypeError>(() => tf.train.get_global_step()).Message);
    }

    [Fact]
    public void Apply_gradients_increments_the_step_after_the_update()
    {
        var w = tf.Variable(tf.constant(3.0, tf.float64), name: "w");
        var step = tf.train.get_or_create_global_step();
        var opt = tf.train.GradientDescentOptimizer(0.5);
        var train = opt.apply_gradients(opt.compute_gradients(w * w), global_step: step);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        sess.run(train);
        Assert.Equal(0.0, (double)sess.run(w), 12); // 3 − 0.5·6
        Assert.Equal(1L, tf.train.global_step(sess, step));
    }

    [Fact]
    public void Var_list_and_trainable_false_limit_what_minimize_updates()
    {
        var a = tf.Variable(tf.constant(1.0, tf.float64), name: "a");
        var b = tf.Variable(tf.constant(1.0, tf.float64), name: "b");
        var frozen = tf.Variable(tf.constant(1.0, tf.float64), name: "frozen", trainable: false);
        var loss = a * b * frozen;
        Assert.Equal(new[] { a, b }, tf.trainable_variables());
        var onlyA = tf.train.GradientDescentOptimizer(0.5).minimize(loss, var_list: new[] { a });
        var all = tf.train.GradientDescentOptimizer(0.5).minimize(loss);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        sess.run(onlyA);
        Assert.Equal((0.5, 1.0, 1.0), ((double)sess.run(a), (double)sess.run(b), (double)sess.run(frozen)));
        sess.run(all); // gradients: d/da = b = 1, d/db = a = 0.5
        Assert.Equal((0.0, 0.75, 1.0), ((double)sess.run(a), (double)sess.run(b), (double)sess.run(frozen)));
    }
}
