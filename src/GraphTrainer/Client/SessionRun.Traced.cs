using GraphTrainer.Runtime;
using NumSharp;

namespace GraphTrainer;

// sess.run(fetches, feed_dict:, options:, run_metadata:): TensorFlow's traced runs. Only these overloads take
// options, so untraced runs keep their fast path untouched.
public partial class Session
{
    /// <summary>Runs one tensor or operation with run options; a traced run fills <paramref name="run_metadata"/>.</summary>
    public NDArray run(ITensorOrOperation fetch, tf.RunOptions options, tf.RunMetadata run_metadata = null, FeedDict feed_dict = null)
    {
        ArgumentNullException.ThrowIfNull(fetch, nameof(fetch));
        return run(new[] { fetch }, options, run_metadata, feed_dict)[0];
    }

    /// <summary>Runs a list of fetches with run options; a traced run fills <paramref name="run_metadata"/>.</summary>
    public NDArray[] run(IEnumerable<ITensorOrOperation> fetches, tf.RunOptions options, tf.RunMetadata run_metadata = null, FeedDict feed_dict = null)
    {
        var list = fetches.ToArray();
        if (list.Any(f => f == null)) throw new ArgumentNullException(nameof(fetches), "Fetch argument None (null) has invalid type.");
        var tensors = list.OfType<Tensor>().ToArray();
        var ops = list.OfType<Operation>().ToArray();
        bool trace = options != null && options.trace_level > tf.RunOptions.NO_TRACE && run_metadata != null;
        var stats = trace ? new StepStatsCollector(ComputeDevice.Host.Name) : null;
        var values = RunCore(tensors, ops, feed_dict, stats);
        if (run_metadata != null)
        {
            run_metadata.step_stats = stats?.ToStepStats() ?? new IO.Proto.StepStats();
            run_metadata.partition_graphs.Clear();
            if (options?.output_partition_graphs == true) run_metadata.partition_graphs.Add(graph.as_graph_def());
        }
        var results = new NDArray[list.Length];
        for (int i = 0, t = 0; i < list.Length; i++) results[i] = list[i] is Tensor ? values[t++] : null;
        return results;
    }

    /// <summary>Python's <c>_, c = sess.run([train, cost], options=..., run_metadata=...)</c> as a pair.</summary>
    public (NDArray, NDArray) run((ITensorOrOperation, ITensorOrOperation) fetches, tf.RunOptions options, tf.RunMetadata run_metadata = null, FeedDict feed_dict = null)
    {
        var r = run(new[] { fetches.Item1, fetches.Item2 }, options, run_metadata, feed_dict);
        return (r[0], r[1]);
    }
}
