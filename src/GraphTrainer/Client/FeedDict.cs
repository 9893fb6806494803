using NumSharp;

namespace GraphTrainer;

/// <summary>
/// Values to feed for one run, keyed by tensor: <c>feed_dict: new() { [inputs] = batch_xs, [labels] = batch_ys }</c>.
/// Values may be NDArrays, C# arrays or scalars; they are converted to the tensor's dtype.
/// </summary>
public sealed class FeedDict : Dictionary<Tensor, object>
{
    /// <summary>An empty feed.</summary>
    public FeedDict() { }

    /// <summary>A feed built from TensorFlow.NET-style pairs.</summary>
    public FeedDict(IEnumerable<FeedItem> items)
    {
        foreach (var item in items) this[item.Key] = item.Value;
    }
}

/// <summary>One TensorFlow.NET-style feed pair: <c>sess.run(op, (inputs, batch_xs), (labels, batch_ys))</c>.</summary>
public readonly struct FeedItem
{
    /// <summary>Creates the pair.</summary>
    public FeedItem(Tensor key, object value) { Key = key; Value = value; }

    /// <summary>The tensor to feed.</summary>
    public Tensor Key { get; }
    /// <summary>The value.</summary>
    public object Value { get; }

    /// <summary>From a (tensor, NDArray) tuple.</summary>
    public static implicit operator FeedItem((Tensor, NDArray) pair) => new(pair.Item1, pair.Item2);
    /// <summary>From a (tensor, array) tuple.</summary>
    public static implicit operator FeedItem((Tensor, Array) pair) => new(pair.Item1, pair.Item2);
    /// <summary>From a (tensor, float) tuple.</summary>
    public static implicit operator FeedItem((Tensor, float) pair) => new(pair.Item1, pair.Item2);
    /// <summary>From a (tensor, double) tuple.</summary>
    public static implicit operator FeedItem((Tensor, double) pair) => new(pair.Item1, pair.Item2);
    /// <summary>From a (tensor, int) tuple.</summary>
    public static implicit operator FeedItem((Tensor, int) pair) => new(pair.Item1, pair.Item2);
    /// <summary>From a (tensor, bool) tuple.</summary>
    public static implicit operator FeedItem((Tensor, bool) pair) => new(pair.Item1, pair.Item2);
}
