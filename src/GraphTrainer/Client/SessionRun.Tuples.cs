using NumSharp;

namespace GraphTrainer;

// Tuple fetches of any arity up to 7, each with a FeedDict or TensorFlow.NET-style feed pairs, so
// `a, b, c = sess.run([a_op, b_op, c_op], feed_dict={x: xs})` ports as `var (a, b, c) = sess.run((a_op, b_op, c_op), (x, xs))`.
public partial class Session
{
    /// <summary>3 fetches with feed pairs: <c>sess.run((a, b, c…), (x, xs), (y, ys))</c>.</summary>
    public (NDArray, NDArray, NDArray) run((ITensorOrOperation, ITensorOrOperation, ITensorOrOperation) fetches, params FeedItem[] feeds) => run(fetches, new FeedDict(feeds));

    /// <summary>4 fetches with feed pairs: <c>sess.run((a, b, c…), (x, xs), (y, ys))</c>.</summary>
    public (NDArray, NDArray, NDArray, NDArray) run((ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation) fetches, params FeedItem[] feeds) => run(fetches, new FeedDict(feeds));

    /// <summary>5 fetches, returned as a tuple in the same order.</summary>
    public (NDArray, NDArray, NDArray, NDArray, NDArray) run((ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation) fetches, FeedDict feed_dict = null)
    {
        var r = run(new[] { fetches.Item1, fetches.Item2, fetches.Item3, fetches.Item4, fetches.Item5 }, feed_dict);
        return (r[0], r[1], r[2], r[3], r[4]);
    }

    /// <summary>5 fetches with feed pairs: <c>sess.run((a, b, c…), (x, xs), (y, ys))</c>.</summary>
    public (NDArray, NDArray, NDArray, NDArray, NDArray) run((ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation) fetches, params FeedItem[] feeds) => run(fetches, new FeedDict(feeds));

    /// <summary>6 fetches, returned as a tuple in the same order.</summary>
    public (NDArray, NDArray, NDArray, NDArray, NDArray, NDArray) run((ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation) fetches, FeedDict feed_dict = null)
    {
        var r = run(new[] { fetches.Item1, fetches.Item2, fetches.Item3, fetches.Item4, fetches.Item5, fetches.Item6 }, feed_dict);
        return (r[0], r[1], r[2], r[3], r[4], r[5]);
    }

    /// <summary>6 fetches with feed pairs: <c>sess.run((a, b, c…), (x, xs), (y, ys))</c>.</summary>
    public (NDArray, NDArray, NDArray, NDArray, NDArray, NDArray) run((ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation) fetches, params FeedItem[] feeds) => run(fetches, new FeedDict(feeds));

    /// <summary>7 fetches, returned as a tuple in the same order.</summary>
    public (NDArray, NDArray, NDArray, NDArray, NDArray, NDArray, NDArray) run((ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation) fetches, FeedDict feed_dict = null)
    {
        var r = run(new[] { fetches.Item1, fetches.Item2, fetches.Item3, fetches.Item4, fetches.Item5, fetches.Item6, fetches.Item7 }, feed_dict);
        return (r[0], r[1], r[2], r[3], r[4], r[5], r[6]);
    }

    /// <summary>7 fetches with feed pairs: <c>sess.run((a, b, c…), (x, xs), (y, ys))</c>.</summary>
    public (NDArray, NDArray, NDArray, NDArray, NDArray, NDArray, NDArray) run((ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation) fetches, params FeedItem[] feeds) => run(fetches, new FeedDict(feeds));
}
