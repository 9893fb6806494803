namespace GraphTrainer.Tests.Train;

[Collection("DefaultGraph")]
public class ExponentialMovingAverageTests
{
    public ExponentialMovingAverageTests() => tf.reset_default_graph();

    [Fact]
    public void Shadow_starts_at_the_initial_value_and_moves_by_one_minus_decay()
    {
        var w = tf.Variable(tf.constant(1.0, tf.float64), name: "w");
        var ema = tf.train.ExponentialMovingAverage(0.75);
        var update = ema.apply(new[] { w });
        var shadow = ema.average(w);
        Assert.Equal("ExponentialMovingAverage", update.name);
        Assert.Equal("w/ExponentialMovingAverage", ema.average_name(w));
        Assert.Equal("w/ExponentialMovingAverage", shadow.op.name);
        Assert.False(shadow.trainable);
        Assert.Contains(shadow, tf.global_variables());
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        Assert.Equal(1.0, (double)sess.run(shadow));
        sess.run(w.assign(tf.constant(3.0, tf.float64)));
        sess.run(update);
        Assert.Equal(1.5, (double)sess.run(shadow), 12);   // 1 − 0.25·(1 − 3)
        sess.run(update);
        Assert.Equal(1.875, (double)sess.run(shadow), 12); // 1.5 − 0.25·(1.5 − 3)
        Assert.Equal(3.0, (double)sess.run(w));
    }

    [Fact]
    public void Num_updates_caps_the_decay_early_in_training()
    {
        var w = tf.Variable(tf.constant(1.0, tf.float64), name: "w");
        var step = tf.train.get_or_create_global_step();
        var ema = tf.train.ExponentialMovingAverage(0.75, num_updates: step);
        var update = ema.apply(new[] { w });
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        sess.run(w.assign(tf.constant(3.0, tf.float64)));
        sess.run(update); // decay = min(0.75, 1/10) = 0.1: shadow = 1 − 0.9·(1 − 3)
        Assert.Equal(2.8, (double)sess.run(ema.average(w)), 6);
        sess.run(step.assign(tf.constant(1000L)));
        sess.run(w.assign(tf.constant(4.0, tf.float64)));
        sess.run(update); // decay = min(0.75, 1001/1010) = 0.75
        Assert.Equal(2.8 - 0.25 * (2.8 - 4.0), (double)sess.run(ema.average(w)), 6);
    }

    [Fact]
    public void Default_var_list_is_the_trainable_variables_and_restore_map_names_the_averages()
    {
        var w = tf.Variable(tf.constant(1.0f), name: "w");
        var frozen = tf.Variable(tf.constant(2.0f), name: "frozen", trainable: false);
        var ema = tf.train.ExponentialMovingAverage(0.9);
        ema.apply();
        Assert.NotNull(ema.average(w));
        Assert.Null(ema.average(frozen));
        var map = ema.variables_to_restore();
        Assert.Same(w, map["w/ExponentialMovingAverage"]);
        Assert.Same(frozen, map["frozen"]);
        Assert.Equal(2, map.Count);
    }

    [Fact]
    public void Averaging_twice_or_an_integer_variable_fails_with_tensorflows_message()
    {
        var w = tf.Variable(tf.constant(1.0f), name: "w");
        var i = tf.Variable(tf.constant(1), name: "i");
        var ema = tf.train.ExponentialMovingAverage(0.9);
        ema.apply(new[] { w });
        Assert.Equal("Moving average already computed for: w:0", Assert.Throws<ValueError>(() => ema.apply(new[] { w })).Message);
        Assert.StartsWith("The variables must be half, float, or double", Assert.Throws<TypeError>(() => ema.apply(new[] { i })).Message);
    }
}
