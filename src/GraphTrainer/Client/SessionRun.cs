using NumSharp;

namespace GraphTrainer;

public partial class Session
{
    /// <summary>Evaluates one tensor.</summary>
    public NDArray run(Tensor fetch, FeedDict feed_dict = null) =>
        RunCore(new[] { fetch }, Array.Empty<Operation>(), feed_dict)[0];

    /// <summary>Evaluates one tensor with TensorFlow.NET-style feed pairs: <c>sess.run(t, (x, xs), (y, ys))</c>.</summary>
    public NDArray run(Tensor fetch, params FeedItem[] feeds) => run(fetch, new FeedDict(feeds));

    /// <summary>Runs an operation (e.g. a train op or an initializer). Returns null, as TensorFlow returns None.</summary>
    public NDArray run(Operation op, FeedDict feed_dict = null)
    {
        RunCore(Array.Empty<Tensor>(), new[] { op }, feed_dict);
        return null;
    }

    /// <summary>Runs an operation with TensorFlow.NET-style feed pairs.</summary>
    public NDArray run(Operation op, params FeedItem[] feeds) => run(op, new FeedDict(feeds));

    /// <summary>Runs a tensor or operation.</summary>
    public NDArray run(ITensorOrOperation fetch, FeedDict feed_dict = null) => fetch switch
    {
        Tensor t => run(t, feed_dict),
        Operation op => run(op, feed_dict),
        null => throw NoneFetch(),
        _ => throw new TypeError($"Fetch argument of type {fetch.GetType().Name} is not a Tensor or Operation."),
    };

    /// <summary>Runs a list of fetches; operations yield null entries. Destructure with <c>var (a, b) = ...</c>.</summary>
    public NDArray[] run(IEnumerable<ITensorOrOperation> fetches, FeedDict feed_dict = null)
    {
        var list = (fetches ?? throw NoneFetch()).ToArray();
        var tensors = list.OfType<Tensor>().ToArray();
        var ops = list.OfType<Operation>().ToArray();
        if (list.Any(f => f == null)) throw NoneFetch();
        var values = RunCore(tensors, ops, feed_dict);
        var results = new NDArray[list.Length];
        for (int i = 0, t = 0; i < list.Length; i++) results[i] = list[i] is Tensor ? values[t++] : null;
        return results;
    }

    /// <summary>Runs a list of fetches with TensorFlow.NET-style feed pairs.</summary>
    public NDArray[] run(IEnumerable<ITensorOrOperation> fetches, params FeedItem[] feeds) => run(fetches, new FeedDict(feeds));

    /// <summary>Python's <c>_, c = sess.run([optimizer, cost], ...)</c> as <c>var (_, c) = sess.run((optimizer, cost), ...)</c>.</summary>
    public (NDArray, NDArray) run((ITensorOrOperation, ITensorOrOperation) fetches, FeedDict feed_dict = null)
    {
        var r = run(new[] { fetches.Item1, fetches.Item2 }, feed_dict);
        return (r[0], r[1]);
    }

    /// <summary>Pair fetch with TensorFlow.NET-style feed pairs.</summary>
    public (NDArray, NDArray) run((ITensorOrOperation, ITensorOrOperation) fetches, params FeedItem[] feeds) => run(fetches, new FeedDict(feeds));

    /// <summary>Three fetches.</summary>
    public (NDArray, NDArray, NDArray) run((ITensorOrOperation, ITensorOrOperation, ITensorOrOperation) fetches, FeedDict feed_dict = null)
    {
        var r = run(new[] { fetches.Item1, fetches.Item2, fetches.Item3 }, feed_dict);
        return (r[0], r[1], r[2]);
    }

    /// <summary>Four fetches.</summary>
    public (NDArray, NDArray, NDArray, NDArray) run((ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation) fetches, FeedDict feed_dict = null)
    {
        var r = run(new[] { fetches.Item1, fetches.Item2, fetches.Item3, fetches.Item4 }, feed_dict);
        return (r[0], r[1], r[2], r[3]);
    }

    /// <summary>Fetches a dictionary of tensors (e.g. <c>sess.run(parameters)</c>) and returns values under the same keys.</summary>
    public Dictionary<TKey, NDArray> run<TKey, TFetch>(IDictionary<TKey, TFetch> fetches, FeedDict feed_dict = null) where TFetch : ITensorOrOperation
    {
        var keys = fetches.Keys.ToArray();
        var values = run(keys.Select(k => (ITensorOrOperation)fetches[k]), feed_dict);
        var result = new Dictionary<TKey, NDArray>();
        for (int i = 0; i < keys.Length; i++) result[keys[i]] = values[i];
        return result;
    }
}

/// <summary>Deconstruction of fetched lists, so <c>var (_, c) = sess.run(new ITensorOrOperation[] { opt, cost }, ...)</c> works.</summary>
public static class FetchDeconstruction
{
    /// <summary>Two values.</summary>
    public static void Deconstruct(this NDArray[] values, out NDArray first, out NDArray second)
    {
        Require(values, 2);
        (first, second) = (values[0], values[1]);
    }

    /// <summary>Three values.</summary>
    public static void Deconstruct(this NDArray[] values, out NDArray first, out NDArray second, out NDArray third)
    {
        Require(values, 3);
        (first, second, third) = (values[0], values[1], values[2]);
    }

    private static void Require(NDArray[] values, int count)
    {
        if (values.Length != count) throw new ValueError($"not enough values to unpack (expected {count}, got {values.Length})");
    }
}

/// <summary>A session that installs itself as the default, for shells and notebooks (TensorFlow's InteractiveSession).</summary>
public sealed class InteractiveSession : Session
{
    /// <summary>
    /// Opens the session on the default graph (or <paramref name="graph"/>). Without <paramref name="config"/> it uses
    /// TensorFlow's interactive default, a config whose <c>gpu_options.allow_growth</c> is true.
    /// </summary>
    public InteractiveSession(Graph graph = null, ConfigProto config = null)
        : base(graph, config: config ?? new ConfigProto(gpu_options: new GPUOptions(allow_growth: true))) { }
}
