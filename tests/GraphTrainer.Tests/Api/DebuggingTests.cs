namespace GraphTrainer.Tests.Api;

/// <summary>CheckNumerics, Assert and the tf.debugging assertions, Print: TensorFlow's debugging ops and their messages.</summary>
[Collection("DefaultGraph")]
public class DebuggingTests
{
    public DebuggingTests() => tf.reset_default_graph();

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Inf")]
    public void Check_numerics_fails_the_run_with_tensorflows_message(float bad, string kind)
    {
        var x = tf.placeholder(tf.float32, new[] { 3 }, name: "x");
        var checkedX = tf.check_numerics(x, "x is bad");
        Assert.Equal("CheckNumerics", checkedX.op.type);
        using var sess = tf.Session();
        Assert.Equal(new[] { 1f, 2f, 3f }, sess.run(checkedX, (x, new[] { 1f, 2f, 3f })).ToArray<float>());
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(checkedX, (x, new[] { 1f, bad, 3f })));
        Assert.Equal($"x is bad : Tensor had {kind} values", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => sess.run(checkedX, (x, new[] { float.NaN, float.NegativeInfinity, 3f })));
        Assert.Equal("x is bad : Tensor had Inf and NaN values", e.Message);
    }

    [Fact]
    public void Check_numerics_gradient_passes_through_and_is_checked()
    {
        var x = tf.placeholder(tf.float64, new[] { 2 }, name: "x");
        var y = tf.reduce_sum(tf.log(tf.check_numerics(x, "in")));
        var grad = tf.gradients(y, x)[0];
        using var sess = tf.Session();
        Assert.Equal(new[] { 0.5, 0.25 }, sess.run(grad, (x, new[] { 2.0, 4.0 })).ToArray<double>());
        // x = 0 is finite, but d log x / dx = 1/0 is not: the gradient check names the forward message.
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(grad, (x, new[] { 0.0, 4.0 })));
        Assert.Equal("Not a number (NaN) or infinity (Inf) values detected in gradient. in : Tensor had Inf values", e.Message);
    }

    [Fact]
    public void Add_check_numerics_ops_names_the_first_op_producing_nan()
    {
        var x = tf.placeholder(tf.float32, new[] { 2 }, name: "x");
        var w = tf.Variable(tf.constant(new[] { 1f, 1f }), name: "w");
        var y = tf.log(x * w, name: "log_xw");
        var check = tf.add_check_numerics_ops();
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        sess.run(new ITensorOrOperation[] { y, check }, (x, new[] { 1f, 2f }));
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(new ITensorOrOperation[] { y, check }, (x, new[] { -1f, 2f })));
        Assert.Equal("log_xw:0 : Tensor had NaN values", e.Message);
    }

    [Fact]
    public void Assert_fails_the_run_showing_its_data()
    {
        var x = tf.placeholder(tf.int32, new[] { 4 }, name: "x");
        var ok = tf.placeholder(tf.@bool, new int[0], name: "ok");
        var assert = tf.Assert(ok, new object[] { "values:", x });
        using var sess = tf.Session();
        sess.run(assert, (ok, true), (x, new[] { 1, 2, 3, 4 }));
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(assert, (ok, false), (x, new[] { 1, 2, 3, 4 })));
        Assert.Equal("assertion failed: [values:] [1 2 3...]", e.Message);
    }

    [Fact]
    public void Assert_equal_fails_at_run_time_for_fed_values_and_at_build_time_for_constants()
    {
        var x = tf.placeholder(tf.int32, new[] { 3 }, name: "x");
        var y = tf.constant(new[] { 1, 2, 3 }, name: "y");
        var assert = tf.debugging.assert_equal(x, y);
        using var sess = tf.Session();
        sess.run(assert, (x, new[] { 1, 2, 3 }));
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(assert, (x, new[] { 1, 2, 4 })));
        Assert.Equal("assertion failed: [] [Condition x == y did not hold element-wise:] [x (x:0) = ] [1 2 4] [y (y:0) = ] [1 2 3]", e.Message);

        e = Assert.Throws<InvalidArgumentError>(() => tf.assert_equal(tf.constant(new[] { 1, 2 }, name: "a"), tf.constant(new[] { 1, 3 }, name: "b"), message: "mismatch"));
        Assert.Equal("mismatch\nCondition x == y did not hold element-wise:\nx (a:0) = \n[1 2]\ny (b:0) = \n[1 3]", e.Message);
    }

    [Fact]
    public void Assert_rank_checks_a_known_rank_at_build_time_and_an_unknown_one_at_run_time()
    {
        var e = Assert.Throws<ValueError>(() => tf.debugging.assert_rank(tf.constant(new[] { 1f, 2f }, name: "v"), 2, message: "need a matrix"));
        Assert.Equal("need a matrix.  Tensor v:0 must have rank 2.  Received rank 1, shape (2,)", e.Message);
        var any = tf.placeholder(tf.float32, name: "any");
        var assert = tf.debugging.assert_rank(any, 2);
        using var sess = tf.Session();
        sess.run(assert, (any, new float[2, 2]));
        var runError = Assert.Throws<InvalidArgumentError>(() => sess.run(assert, (any, new float[3])));
        Assert.Equal("assertion failed: [] [Tensor any:0 must have rank] [2] [Received shape: ] [3]", runError.Message);
    }

    [Theory]
    [InlineData(new[] { 1.0, 2.0 }, true, true)]
    [InlineData(new[] { 0.0, 2.0 }, false, true)]
    [InlineData(new[] { -0.5, 2.0 }, false, false)]
    public void Assert_positive_and_non_negative_hold_exactly_when_the_math_says(double[] values, bool positive, bool nonNegative)
    {
        var x = tf.placeholder(tf.float64, new[] { 2 }, name: "x");
        var pos = tf.debugging.assert_positive(x);
        var nonNeg = tf.debugging.assert_non_negative(x);
        using var sess = tf.Session();
        void Check(Operation op, bool holds)
        {
            if (holds) sess.run(op, (x, values));
            else Assert.StartsWith("assertion failed: [] [Condition x >", Assert.Throws<InvalidArgumentError>(() => sess.run(op, (x, values))).Message);
        }
        Check(pos, positive);
        Check(nonNeg, nonNegative);
        if (!positive)
            Assert.Throws<InvalidArgumentError>(() => tf.debugging.assert_positive(tf.constant(values, tf.float64)));
    }

    [Fact]
    public void Print_passes_its_input_through_and_writes_message_and_data_to_stderr()
    {
        var x = tf.constant(new[,] { { 1f, 2.5f }, { 3f, 4f } }, name: "x");
        var printed = tf.Print(x, new[] { x, tf.constant(7) }, "x and seven: ", first_n: 1, summarize: 3);
        var original = Console.Error;
        var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            using var sess = tf.Session();
            Assert.Equal(new[] { 1f, 2.5f, 3f, 4f }, sess.run(printed).ToArray<float>());
            sess.run(printed); // first_n: 1 prints once
        }
        finally
        {
            Console.SetError(original);
        }
        Assert.Equal("x and seven: [[1 2.5][3]...][7]" + Environment.NewLine, captured.ToString());
    }
}

/// <summary>tf.print (TF ≥ 1.13): StringFormat + PrintV2 with print_v2's numpy-like form.</summary>
[Collection("DefaultGraph")]
public class PrintV2Tests
{
    public PrintV2Tests() => tf.reset_default_graph();

    private static string Captured(Operation op)
    {
        var original = Console.Error;
        var err = new StringWriter();
        Console.SetError(err);
        try
        {
            using var sess = tf.Session();
            sess.run(op);
        }
        finally
        {
            Console.SetError(original);
        }
        return err.ToString();
    }

    [Fact]
    public void Print_joins_strings_and_tensors_with_the_first_and_last_entries_of_each_dimension()
    {
        var v = tf.constant(Enumerable.Range(0, 10).ToArray());
        var m = tf.constant(new[,] { { 1f, 2.5f }, { 3f, 4f } });
        var op = tf.print("v:", v, "m:", m);
        Assert.Equal("PrintV2", op.type);
        Assert.Equal("v: [0 1 2 ... 7 8 9] m: [[1 2.5]\n [3 4]]\n", Captured(op));
    }

    [Fact]
    public void Print_takes_summarize_sep_and_end()
    {
        var v = tf.constant(new[] { 1, 2, 3, 4, 5 });
        Assert.Equal("a|[1 ... 5]!", Captured(tf.print(new object[] { "a", v }, summarize: 1, sep: "|", end: "!")));
        Assert.Throws<ValueError>(() => tf.print(new object[] { v }, output_stream: "log"));
    }
}
