using System.Numerics.Tensors;

namespace GraphTrainer.IO;

/// <summary>
/// The batched path the summary ops use: min, max, sum and sum of squares are vectorized, and with the default
/// limits (±1e-12·1.1^k) each value's bucket is estimated from a vectorized logarithm and then corrected against
/// the exact limits, so every value lands where <c>std::upper_bound</c> puts it in TensorFlow — without a binary
/// search per value.
/// </summary>
public sealed partial class HistogramAccumulator
{
    private const int Block = 512;
    // The default limits are −P[n−1..0], 0, P[0..n−1] with n = 775 positive limits (the last is double.MaxValue).
    private const int PositiveLimits = 775;
    private static readonly double InvLogGrowth = 1 / Math.Log(1.1);
    private static readonly double EstimateOffset = 1 - Math.Log(1e-12) / Math.Log(1.1);

    /// <summary>Adds many values at once; the result equals adding them one by one with <see cref="Add"/>.</summary>
    /// <param name="values">The values; all must be finite.</param>
    /// <exception cref="ArgumentException">A value is NaN or infinite (nothing is added then).</exception>
    public void AddRange(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty) return;
        double min = TensorPrimitives.Min(values), max = TensorPrimitives.Max(values);
        // Min and Max propagate NaN, and an infinity is the min or the max, so this checks every value.
        if (!double.IsFinite(min) || !double.IsFinite(max)) throw new ArgumentException("Histogram values must be finite.", nameof(values));
        if (ReferenceEquals(_limits, DefaultLimits)) AddToDefaultBuckets(values);
        else
            foreach (double v in values) _counts[UpperBound(v)] += 1.0;
        if (_min > min) _min = min;
        if (_max < max) _max = max;
        _num += values.Length;
        _sum += TensorPrimitives.Sum(values);
        _sumSquares += TensorPrimitives.SumOfSquares(values);
    }

    /// <summary>Adds float values, widened to double as TensorFlow does.</summary>
    /// <param name="values">The values; all must be finite.</param>
    /// <exception cref="ArgumentException">A value is NaN or infinite (nothing is added then).</exception>
    public void AddRange(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty) return;
        float min = TensorPrimitives.Min(values), max = TensorPrimitives.Max(values);
        if (!float.IsFinite(min) || !float.IsFinite(max)) throw new ArgumentException("Histogram values must be finite.", nameof(values));
        Span<double> wide = stackalloc double[Block];
        for (int start = 0; start < values.Length; start += Block)
        {
            var chunk = values.Slice(start, Math.Min(Block, values.Length - start));
            var w = wide[..chunk.Length];
            TensorPrimitives.ConvertChecked<float, double>(chunk, w);
            AddRange(w);
        }
    }

    private void AddToDefaultBuckets(ReadOnlySpan<double> values)
    {
        Span<double> logs = stackalloc double[Block];
        for (int start = 0; start < values.Length; start += Block)
        {
            var chunk = values.Slice(start, Math.Min(Block, values.Length - start));
            var l = logs[..chunk.Length];
            TensorPrimitives.Abs(chunk, l);
            TensorPrimitives.Log(l, l);
            for (int i = 0; i < chunk.Length; i++)
            {
                // Count of positive limits ≤ |v| ≈ floor(log(|v|/1e-12)/log 1.1) + 1, clamped to [0, n]
                // (log 0 = −∞ clamps to 0; the values are finite, so there is no NaN).
                int estimate = (int)Math.Clamp(l[i] * InvLogGrowth + EstimateOffset, 0, PositiveLimits);
                _counts[DefaultBucket(chunk[i], estimate)] += 1.0;
            }
        }
    }

    // The number of default limits ≤ v, from c, an estimate of the count of positive limits ≤ |v| (or < |v|).
    private static int DefaultBucket(double v, int c)
    {
        const int n = PositiveLimits; // positive limit j is DefaultLimits[n + 1 + j]; 0 is DefaultLimits[n]
        var limits = DefaultLimits;
        if (v >= 0)
        {
            while (c > 0 && limits[n + c] > v) c--;
            while (c < n && limits[n + 1 + c] <= v) c++;
            return Math.Min(n + 1 + c, 2 * n); // v = double.MaxValue is clamped into the last bucket, as in Add
        }
        double a = -v; // limits ≤ v are the negatives −P[j] with P[j] ≥ a: n − (number of P[j] < a)
        while (c > 0 && limits[n + c] >= a) c--;
        while (c < n && limits[n + 1 + c] < a) c++;
        return n - c;
    }
}
