using GraphTrainer.IO.Proto;

namespace GraphTrainer.IO;

/// <summary>
/// Builds <see cref="Summary"/> protos the way TensorFlow 1's summary ops do
/// (tf.summary.scalar / tf.summary.histogram), for <see cref="EventFileWriter.AddSummary(Summary, long)"/>.
/// </summary>
public static class SummaryBuilder
{
    /// <summary>A summary with one scalar value (<c>simple_value</c>).</summary>
    /// <param name="tag">TensorBoard tag, e.g. "loss".</param>
    /// <param name="value">The value.</param>
    /// <returns>A new summary.</returns>
    public static Summary Scalar(string tag, float value)
    {
        ValidateTag(tag);
        var summary = new Summary();
        summary.Value.Add(new Summary.Types.Value { Tag = tag, SimpleValue = value });
        return summary;
    }

    /// <summary>A summary with one histogram over TensorFlow's default buckets.</summary>
    /// <param name="tag">TensorBoard tag, e.g. "layer1/weights".</param>
    /// <param name="values">Values to bin; all must be finite.</param>
    /// <returns>A new summary.</returns>
    /// <exception cref="ArgumentException">A value is NaN or infinite (TensorFlow's op fails the same way).</exception>
    public static Summary Histogram(string tag, ReadOnlySpan<double> values)
    {
        ValidateTag(tag);
        var acc = new HistogramAccumulator();
        try
        {
            acc.AddRange(values);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Nan in summary histogram for: {tag}", e);
        }
        return Wrap(tag, acc.ToProto());
    }

    /// <summary>A summary with one histogram over TensorFlow's default buckets.</summary>
    /// <param name="tag">TensorBoard tag.</param>
    /// <param name="values">Values to bin (widened to double as TensorFlow does); all must be finite.</param>
    /// <returns>A new summary.</returns>
    /// <exception cref="ArgumentException">A value is NaN or infinite.</exception>
    public static Summary Histogram(string tag, ReadOnlySpan<float> values)
    {
        ValidateTag(tag);
        var acc = new HistogramAccumulator();
        try
        {
            acc.AddRange(values);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Nan in summary histogram for: {tag}", e);
        }
        return Wrap(tag, acc.ToProto());
    }

    /// <summary>Concatenates the values of several summaries into one (like tf.summary.merge).</summary>
    /// <param name="summaries">Summaries to merge; they are not modified.</param>
    /// <returns>A new summary holding copies of all values in order.</returns>
    public static Summary Merge(params Summary[] summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var merged = new Summary();
        foreach (Summary s in summaries)
        {
            ArgumentNullException.ThrowIfNull(s, nameof(summaries));
            foreach (Summary.Types.Value v in s.Value) merged.Value.Add(v.Clone());
        }
        return merged;
    }

    private static Summary Wrap(string tag, HistogramProto histo)
    {
        var summary = new Summary();
        summary.Value.Add(new Summary.Types.Value { Tag = tag, Histo = histo });
        return summary;
    }

    private static void ValidateTag(string tag)
    {
        if (string.IsNullOrEmpty(tag)) throw new ArgumentException("Summary tag must be a non-empty string.", nameof(tag));
    }
}
