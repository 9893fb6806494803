using System.Reflection;
using GraphTrainer.IO;
using GraphTrainer.Tests.IO;

namespace GraphTrainer.Tests.Api;

/// <summary>TF ≤ 0.12 names (thin, [Obsolete] aliases naming the modern spelling) and dtypes given as strings.</summary>
[Collection("DefaultGraph")]
public class LegacyNamesTests
{
    public LegacyNamesTests() => tf.reset_default_graph();

    [Theory]
    [InlineData("initialize_all_variables", "use tf.global_variables_initializer()")]
    [InlineData("mul", "use tf.multiply(x, y)")]
    [InlineData("sub", "use tf.subtract(x, y)")]
    [InlineData("neg", "use tf.negative(x)")]
    [InlineData("scalar_summary", "use tf.summary.scalar(name, tensor)")]
    [InlineData("histogram_summary", "use tf.summary.histogram(name, values)")]
    [InlineData("merge_all_summaries", "use tf.summary.merge_all()")]
    [InlineData("image_summary", "use tf.summary.image(name, tensor, max_outputs)")]
    public void Old_names_warn_with_the_modern_spelling(string method, string message)
    {
        var m = typeof(tf).GetMethod(method, BindingFlags.Public | BindingFlags.Static);
        Assert.NotNull(m);
        Assert.Equal(message, m.GetCustomAttribute<ObsoleteAttribute>()?.Message);
    }

#pragma warning disable CS0618 // the point of these tests is calling the obsolete names
    [Fact]
    public void Old_arithmetic_and_initializer_names_behave_as_the_new_ones()
    {
        var a = tf.constant(new[] { 6f, 8f });
        var b = tf.constant(new[] { 2f, 3f });
        var v = tf.Variable(tf.constant(5f), name: "v");
        using var sess = tf.Session();
        sess.run(tf.initialize_all_variables());
        Assert.Equal(5f, (float)sess.run(v));
        Assert.Equal(new[] { 12f, 24f }, sess.run(tf.mul(a, b)).ToArray<float>());
        Assert.Equal(new[] { 4f, 5f }, sess.run(tf.sub(a, b)).ToArray<float>());
        Assert.Equal(new[] { -6f, -8f }, sess.run(tf.neg(a)).ToArray<float>());
        Assert.Equal("Mul", tf.mul(a, b).op.type);
        Assert.Equal("Neg", tf.neg(a).op.type);
    }

    [Fact]
    public void Old_summary_names_write_an_event_file_tensorboard_reads()
    {
        using var dir = new TempDirectory();
        var x = tf.placeholder(tf.float32, new int[0], name: "x");
        tf.scalar_summary("loss", x);
        tf.histogram_summary("weights", tf.constant(new[] { 1f, 2f, 3f }));
        var merged = tf.merge_all_summaries();
        using (var sess = tf.Session())
        using (var writer = tf.train.SummaryWriter(dir.Path, sess.graph))
            writer.add_summary(sess.run(merged, (x, 0.5f)), 1);
        var tags = EventFileReader.ReadEvents(Directory.GetFiles(dir.Path).Single())
            .Where(e => e.Summary != null).SelectMany(e => e.Summary.Value).Select(v => v.Tag).ToArray();
        Assert.Equal(new[] { "loss", "weights" }, tags);
    }
#pragma warning restore CS0618

    [Theory]
    [InlineData("float", DType.Float32)]
    [InlineData("float32", DType.Float32)]
    [InlineData("double", DType.Float64)]
    [InlineData("float64", DType.Float64)]
    [InlineData("int32", DType.Int32)]
    [InlineData("int64", DType.Int64)]
    [InlineData("uint8", DType.UInt8)]
    [InlineData("bool", DType.Bool)]
    public void Dtype_names_are_tensorflows(string name, DType expected)
    {
        Assert.Equal(expected, tf.as_dtype(name));
        Assert.Equal(expected, tf.placeholder(name, new[] { -1, 2 }).dtype);
    }

    [Fact]
    public void Cast_and_constant_take_dtype_names_and_unknown_names_fail_as_in_tensorflow()
    {
        var i = tf.constant(new[] { 1, 2 });
        Assert.Equal(DType.Float32, tf.cast(i, "float").dtype);
        Assert.Equal(DType.Float64, tf.constant(0.5, "double").dtype);
        Assert.Equal("Cannot convert value 'floats' to a TensorFlow DType.", Assert.Throws<TypeError>(() => tf.placeholder("floats")).Message);
    }
}
