using GraphTrainer.IO;
using GraphTrainer.IO.Proto;
using GraphTrainer.Tests.IO;

namespace GraphTrainer.Tests.Client;

/// <summary>Traced runs: RunOptions FULL_TRACE fills RunMetadata.step_stats; FileWriter.add_run_metadata writes it.</summary>
[Collection("DefaultGraph")]
public class RunMetadataTests
{
    public RunMetadataTests() => tf.reset_default_graph();

    [Fact]
    public void Full_trace_records_every_executed_node_with_time_and_output_bytes()
    {
        var x = tf.placeholder(tf.float32, new[] { -1, 3 }, name: "x");
        var w = tf.Variable(tf.ones(new[] { 3, 2 }), name: "w");
        var y = tf.matmul(x, w, name: "y");
        var unused = tf.exp(x, name: "unused");
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        var options = new tf.RunOptions(trace_level: tf.RunOptions.FULL_TRACE);
        var metadata = new tf.RunMetadata();
        double before = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds * 1000;
        var value = sess.run(y, options: options, run_metadata: metadata, feed_dict: new FeedDict { [x] = new float[4, 3] });
        double after = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds * 1000;
        Assert.Equal(new long[] { 4, 2 }, value.shape);

        var device = Assert.Single(metadata.step_stats.DevStats);
        Assert.Equal("/job:localhost/replica:0/task:0/device:CPU:0", device.Device);
        var names = device.NodeStats.Select(n => n.NodeName).ToArray();
        Assert.Contains("y", names);
        Assert.DoesNotContain("unused", names); // pruned nodes do not run
        var matmul = device.NodeStats.Single(n => n.NodeName == "y");
        Assert.InRange(matmul.AllStartMicros, before - 1000, after + 1000);
        Assert.True(matmul.AllEndRelMicros >= 0 && matmul.OpEndRelNanos >= 0);
        Assert.Equal("y = MatMul(x, w)", matmul.TimelineLabel);
        var output = Assert.Single(matmul.Output);
        Assert.Equal(4 * 2 * 4, output.TensorDescription.AllocationDescription.RequestedBytes);
        Assert.Equal(new long[] { 4, 2 }, output.TensorDescription.Shape.Dim.Select(d => d.Size));
        // Nodes are recorded in execution order, so start times never decrease.
        var starts = device.NodeStats.Select(n => n.AllStartNanos).ToArray();
        Assert.Equal(starts.OrderBy(s => s), starts);
    }

    [Fact]
    public void Without_a_trace_level_the_metadata_stays_empty()
    {
        var c = tf.constant(2f) * 3f;
        using var sess = tf.Session();
        var metadata = new tf.RunMetadata();
        Assert.Equal(6f, (float)sess.run(c, options: new tf.RunOptions(), run_metadata: metadata));
        Assert.Empty(metadata.step_stats.DevStats);
    }

    [Fact]
    public void Add_run_metadata_writes_a_tagged_run_metadata_event()
    {
        using var dir = new TempDirectory();
        var x = tf.placeholder(tf.float32, new[] { 2 }, name: "x");
        var loss = tf.reduce_sum(x * x, name: "loss");
        var metadata = new tf.RunMetadata();
        string path;
        using (var sess = tf.Session())
        using (var writer = tf.summary.FileWriter(dir.Path))
        {
            path = writer.FilePath;
            sess.run(loss, options: new tf.RunOptions(tf.RunOptions.FULL_TRACE), run_metadata: metadata, feed_dict: new FeedDict { [x] = new[] { 1f, 2f } });
            writer.add_run_metadata(metadata, "step7", 7);
        }
        var e = EventFileReader.ReadEvents(path).Single(ev => ev.TaggedRunMetadata != null);
        Assert.Equal(("step7", 7L), (e.TaggedRunMetadata.Tag, e.Step));
        var back = RunMetadata.Parser.ParseFrom(e.TaggedRunMetadata.RunMetadata);
        Assert.Contains(back.StepStats.DevStats[0].NodeStats, n => n.NodeName == "loss");
    }
}
