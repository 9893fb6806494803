using System.Text;
using Google.Protobuf;
using GraphTrainer.IO;
using GraphTrainer.IO.Proto;
using GraphTrainer.Runtime;
using NumSharp;

namespace GraphTrainer.Tests.IO;

[Collection("DefaultGraph")]
public class SummaryOpsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public SummaryOpsTests() => tf.reset_default_graph();

    public void Dispose() => _dir.Dispose();

    private static Summary Parse(NDArray fetched)
    {
        Assert.Equal(NPTypeCode.Byte, fetched.typecode);
        Assert.Equal(1, fetched.ndim);
        return Summary.Parser.ParseFrom(fetched.ToArray<byte>());
    }

    [Fact]
    public void Scalar_summary_ops_are_named_and_tagged_like_tensorflow()
    {
        var x = tf.placeholder(tf.float32, name: "x");
        var loss = tf.summary.scalar("loss", x);
        var again = tf.summary.scalar("loss", x);
        Tensor scoped;
        using (tf.name_scope("train")) scoped = tf.summary.scalar("accuracy", x);
        var cleaned = tf.summary.scalar("my loss:1", x);

        Assert.Equal("loss", loss.op.name);
        Assert.Equal("ScalarSummary", loss.op.type);
        Assert.Equal("loss/tags", loss.op.inputs[0].op.name);
        Assert.Equal(DType.String, loss.dtype);
        Assert.Equal(0, loss.shape.ndim);
        Assert.Equal("loss_1", again.op.name);
        Assert.Equal("train/accuracy", scoped.op.name);
        Assert.Equal("my_loss_1", cleaned.op.name);
        Assert.Equal(new[] { loss, again, scoped, cleaned }, tf.get_default_graph().get_collection<Tensor>(GraphKeys.SUMMARIES));

        using var sess = tf.Session();
        var s = Parse(sess.run(scoped, (x, 2.5f)));
        Assert.Equal("train/accuracy", s.Value.Single().Tag);
        Assert.Equal(2.5f, s.Value.Single().SimpleValue);
        Assert.Equal("loss_1", Parse(sess.run(again, (x, 1f))).Value.Single().Tag);
        Assert.Equal("my_loss_1", Parse(sess.run(cleaned, (x, 1f))).Value.Single().Tag);
    }

    [Fact]
    public void Scalar_summary_of_an_integer_tensor_converts_it_to_float()
    {
        var s = tf.summary.scalar("count", tf.constant(3) * tf.constant(4));
        using var sess = tf.Session();
        Assert.Equal(12f, Parse(sess.run(s)).Value.Single().SimpleValue);
    }

    [Fact]
    public void Histogram_summary_holds_count_sum_and_extremes_of_all_elements()
    {
        var h = tf.summary.histogram("weights", tf.constant(new float[,] { { 1, 2 }, { 2, 3 } }));
        Assert.Equal("HistogramSummary", h.op.type);
        Assert.Equal("weights/tag", h.op.inputs[0].op.name);
        using var sess = tf.Session();
        var value = Parse(sess.run(h)).Value.Single();
        Assert.Equal("weights", value.Tag);
        Assert.Equal(4, value.Histo.Num);
        Assert.Equal(1 + 2 + 2 + 3, value.Histo.Sum);
        Assert.Equal(1 + 4 + 4 + 9, value.Histo.SumSquares);
        Assert.Equal(1, value.Histo.Min);
        Assert.Equal(3, value.Histo.Max);
        Assert.Equal(4, value.Histo.Bucket.Sum());
    }

    [Fact]
    public void Histogram_of_nan_fails_at_run_time_naming_the_tag()
    {
        var h = tf.summary.histogram("h", tf.constant(new[] { 1.0, double.NaN }, tf.float64));
        using var sess = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(h));
        Assert.Contains("Nan in summary histogram for: h", e.Message);
    }

    [Fact]
    public void Merge_all_combines_the_collection_and_a_file_writer_records_it()
    {
        Assert.Null(tf.summary.merge_all());
        var x = tf.placeholder(tf.float32, name: "x");
        var v = tf.placeholder(tf.float32, new[] { 2 }, name: "v");
        tf.summary.scalar("loss", x);
        tf.summary.histogram("v_hist", v);
        var merged = tf.summary.merge_all();
        Assert.Equal("Merge/MergeSummary", merged.op.name);
        Assert.Equal("MergeSummary", merged.op.type);
        Assert.Equal(2, merged.op.get_attr("N"));
        // merge() adds to no collection, so a later merge_all does not include this merge.
        Assert.Equal(2, tf.get_default_graph().get_collection<Tensor>(GraphKeys.SUMMARIES).Count);

        string path;
        using (var sess = tf.Session())
        using (var writer = tf.summary.FileWriter(_dir.Path, flush_secs: 0))
        {
            path = writer.FilePath;
            for (int step = 1; step <= 2; step++)
                writer.add_summary(sess.run(merged, (x, step * 0.5f), (v, new float[] { step, -3 * step })), step);
        }

        var summaries = EventFileReader.ReadEvents(path).Where(e => e.Summary != null).ToList();
        Assert.Equal(new long[] { 1, 2 }, summaries.Select(e => e.Step));
        var last = summaries[1].Summary;
        Assert.Equal(new[] { "loss", "v_hist" }, last.Value.Select(val => val.Tag));
        Assert.Equal(2 * 0.5f, last.Value[0].SimpleValue);
        Assert.Equal(2 + -3 * 2, last.Value[1].Histo.Sum);
        Assert.Equal(-6, last.Value[1].Histo.Min);
    }

    [Fact]
    public void A_scalar_summary_of_a_vector_needs_one_tag_per_element()
    {
        var s = tf.summary.scalar("loss", tf.constant(new float[] { 1, 2 }));
        using var sess = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(s));
        Assert.Contains("tags and values not the same shape: [] != [2] (tag 'loss')", e.Message);
    }

    [Fact]
    public void Merging_a_summary_with_itself_is_a_duplicate_tag_error()
    {
        var s = tf.summary.scalar("loss", tf.constant(1f));
        var merged = tf.summary.merge(new[] { s, s }, name: "both");
        Assert.Equal("both/both", merged.op.name);
        using var sess = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(merged));
        Assert.Contains("Duplicate tag loss found in summary inputs", e.Message);
    }

    [Fact]
    public void Summary_values_must_be_numeric_and_merge_inputs_strings()
    {
        Assert.Throws<TypeError>(() => tf.summary.scalar("flag", tf.constant(new[] { true })));
        Assert.Throws<TypeError>(() => tf.summary.merge(new[] { tf.constant(1f) }));
        Assert.Throws<ValueError>(() => tf.summary.merge(Array.Empty<Tensor>()));
    }

    [Fact]
    public void Add_summary_rejects_values_that_are_not_serialized_summaries()
    {
        using var writer = tf.summary.FileWriter(_dir.Path, flush_secs: 0);
        Assert.Throws<TypeError>(() => writer.add_summary(np.array(new float[] { 1, 2 }), 1));
        Assert.Throws<InvalidArgumentError>(() => writer.add_summary(new byte[] { 0xFF, 0xFF, 0xFF }, 1));
        writer.add_summary(SummaryBuilder.Scalar("direct", 1f).ToByteArray(), 3);
    }

    [Fact]
    public void String_tensor_values_allocate_empty_strings_clone_and_copy()
    {
        var v = TensorValue.Allocate(DType.String, new[] { 2 });
        var data = (byte[][])v.Data;
        Assert.All(data, e => Assert.Empty(e));
        data[1] = Encoding.UTF8.GetBytes("tag");
        var copy = v.Clone();
        Assert.Equal("tag", Encoding.UTF8.GetString(((byte[][])copy.Data)[1]));
        var target = TensorValue.Allocate(DType.String, new[] { 2 });
        target.CopyFrom(v);
        Assert.Equal("tag", Encoding.UTF8.GetString(((byte[][])target.Data)[1]));
        Assert.Equal("string", DType.String.Name());
        Assert.Equal(typeof(byte[]), DType.String.ClrType());
        Assert.Equal(7, (int)tf.@string);
        // Only scalar strings (serialized summaries) can be fetched into NumSharp.
        Assert.Throws<TypeError>(() => ValueConversion.ToNDArray(v));
        Assert.Equal(new byte[] { 1, 2 }, ValueConversion.ToNDArray(TensorValue.StringScalar(new byte[] { 1, 2 })).ToArray<byte>());
    }
}
