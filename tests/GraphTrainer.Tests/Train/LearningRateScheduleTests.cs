namespace GraphTrainer.Tests.Train;

[Collection("DefaultGraph")]
public class LearningRateScheduleTests
{
    public LearningRateScheduleTests() => tf.reset_default_graph();

    private static double At(Tensor rate, Tensor step, int value)
    {
        using var sess = tf.Session();
        return (float)sess.run(rate, (step, value));
    }

    [Fact]
    public void Exponential_decay_is_continuous_unless_staircase()
    {
        var step = tf.placeholder(tf.int32, new int[0], name: "step");
        var smooth = tf.train.exponential_decay(0.1, step, 100, 0.96);
        var stairs = tf.train.exponential_decay(0.1, step, 100, 0.96, staircase: true);
        Assert.Equal(DType.Float32, smooth.dtype);
        Assert.Equal(0.1, At(smooth, step, 0), 7);
        Assert.Equal(0.1 * Math.Pow(0.96, 2.5), At(smooth, step, 250), 7);
        Assert.Equal(0.1 * Math.Pow(0.96, 2), At(stairs, step, 250), 7);
        Assert.Equal(0.1 * 0.96, At(stairs, step, 199), 7);
        Assert.Equal("ExponentialDecay", smooth.op.name);
    }

    [Fact]
    public void Inverse_time_decay_divides_by_one_plus_rate_times_ratio()
    {
        var step = tf.placeholder(tf.int32, new int[0], name: "step");
        var smooth = tf.train.inverse_time_decay(0.1, step, 10, 0.5);
        var stairs = tf.train.inverse_time_decay(0.1, step, 10, 0.5, staircase: true);
        Assert.Equal(0.1 / (1 + 0.5 * 1.5), At(smooth, step, 15), 7);
        Assert.Equal(0.1 / (1 + 0.5 * 1), At(stairs, step, 15), 7);
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(100, 1.0)]
    [InlineData(101, 0.5)]
    [InlineData(200, 0.5)]
    [InlineData(201, 0.1)]
    [InlineData(100000, 0.1)]
    public void Piecewise_constant_takes_the_value_of_the_interval_with_upper_bounds_inclusive(int x, double expected)
    {
        var step = tf.placeholder(tf.int32, new int[0], name: "step");
        var rate = tf.train.piecewise_constant(step, new double[] { 100, 200 }, new[] { 1.0, 0.5, 0.1 });
        Assert.Equal((float)expected, (float)At(rate, step, x));
    }

    [Fact]
    public void Schedules_reject_bad_arguments_as_tensorflow_does()
    {
        var step = tf.placeholder(tf.int32, new int[0]);
        Assert.Equal("The length of boundaries should be 1 less than the length of values",
            Assert.Throws<ValueError>(() => tf.train.piecewise_constant(step, new double[] { 1, 2 }, new[] { 1.0, 2.0 })).Message);
        Assert.Equal("global_step is required for exponential_decay.",
            Assert.Throws<ValueError>(() => tf.train.exponential_decay(0.1, null, 10, 0.5)).Message);
    }

    [Fact]
    public void Optimizer_with_a_decayed_rate_uses_the_rate_of_each_step_and_counts_the_step()
    {
        // loss = 2w has gradient 2; the rate halves each step (0.5, 0.25), so w: 1 → 0 → −0.5.
        var w = tf.Variable(tf.constant(1.0, tf.float64), name: "w");
        var loss = w * tf.constant(2.0, tf.float64);
        var globalStep = tf.train.get_or_create_global_step();
        var rate = tf.train.exponential_decay(0.5, globalStep, 1, 0.5, staircase: true);
        var train = tf.train.GradientDescentOptimizer(rate).minimize(loss, global_step: globalStep);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        sess.run(train);
        Assert.Equal(0.0, (double)sess.run(w), 12);
        sess.run(train);
        Assert.Equal(-0.5, (double)sess.run(w), 12);
        Assert.Equal(2L, tf.train.global_step(sess, globalStep));
    }

    [Fact]
    public void Every_optimizer_accepts_a_fed_learning_rate()
    {
        var lr = tf.placeholder(tf.float32, new int[0], name: "lr");
        var w = tf.Variable(tf.constant(new[] { 1.0 }, tf.float64), name: "w");
        var loss = tf.reduce_sum(w * tf.constant(new[] { 2.0 }, tf.float64));
        var trains = new[]
        {
            tf.train.GradientDescentOptimizer(lr).minimize(loss), tf.train.MomentumOptimizer(lr, 0.9).minimize(loss),
            tf.train.AdamOptimizer(lr).minimize(loss), tf.train.RMSPropOptimizer(lr).minimize(loss), tf.train.AdagradOptimizer(lr).minimize(loss),
        };
        using var sess = tf.Session();
        foreach (var train in trains)
        {
            sess.run(tf.global_variables_initializer());
            sess.run(train, (lr, 0f));
            Assert.Equal(1.0, sess.run(w).ToArray<double>()[0]); // a zero rate leaves w unchanged
            sess.run(train, (lr, 0.01f));
            Assert.True(sess.run(w).ToArray<double>()[0] < 1.0, train.name);
        }
        // Plain gradient descent: w = 1 − 0.5·2 exactly.
        sess.run(tf.global_variables_initializer());
        sess.run(trains[0], (lr, 0.5f));
        Assert.Equal(0.0, sess.run(w).ToArray<double>()[0], 12);
    }

    [Fact]
    public void A_non_scalar_or_integer_learning_rate_is_rejected_when_the_optimizer_is_created()
    {
        Assert.Throws<ValueError>(() => tf.train.GradientDescentOptimizer(tf.constant(new[] { 0.1f, 0.2f })));
        Assert.Throws<TypeError>(() => tf.train.AdamOptimizer(tf.constant(1)));
    }
}
