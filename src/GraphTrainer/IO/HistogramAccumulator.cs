using GraphTrainer.IO.Proto;

namespace GraphTrainer.IO;

/// <summary>
/// Accumulates values into TensorFlow's histogram buckets and encodes a
/// <see cref="HistogramProto"/> exactly as TensorFlow's histogram module
/// (core/lib/histogram/histogram.cc) does, so TensorBoard renders our histograms the same.
/// </summary>
public sealed partial class HistogramAccumulator
{
    private static readonly double[] DefaultLimits = BuildDefaultBucketLimits();
    private static readonly IReadOnlyList<double> DefaultLimitsView = Array.AsReadOnly(DefaultLimits);

    private readonly double[] _limits;
    private readonly double[] _counts;
    private double _min;
    private double _max;
    private double _num;
    private double _sum;
    private double _sumSquares;

    /// <summary>Creates an empty histogram over <see cref="DefaultBucketLimits"/>.</summary>
    public HistogramAccumulator() : this(DefaultLimits)
    {
    }

    /// <summary>Creates an empty histogram with custom, strictly increasing bucket limits.</summary>
    /// <param name="bucketLimits">Right edges of the buckets; the last should be <see cref="double.MaxValue"/>.</param>
    public HistogramAccumulator(IReadOnlyList<double> bucketLimits)
    {
        ArgumentNullException.ThrowIfNull(bucketLimits);
        if (bucketLimits.Count == 0) throw new ArgumentException("At least one bucket limit is required.", nameof(bucketLimits));
        for (int i = 1; i < bucketLimits.Count; i++)
        {
            if (!(bucketLimits[i] > bucketLimits[i - 1]))
                throw new ArgumentException($"Bucket limits must be strictly increasing (index {i}).", nameof(bucketLimits));
        }
        // Copied so later changes to the caller's list cannot corrupt bucket lookup; the default limits are ours and
        // never change, and keeping that array selects the logarithmic lookup of AddRange.
        _limits = ReferenceEquals(bucketLimits, DefaultLimits) ? DefaultLimits : bucketLimits.ToArray();
        _counts = new double[_limits.Length];
        Clear();
    }

    /// <summary>
    /// TensorFlow's default bucket limits: ±(1e-12 · 1.1^k) for every k with the value below
    /// 1e20, plus 0 and ±<see cref="double.MaxValue"/> — 1551 edges whose width grows by 10%.
    /// </summary>
    public static IReadOnlyList<double> DefaultBucketLimits => DefaultLimitsView;

    /// <summary>Number of values added.</summary>
    public double Count => _num;

    /// <summary>Removes all values.</summary>
    public void Clear()
    {
        // Same sentinels as TensorFlow so an empty histogram encodes identically.
        _min = _limits[^1];
        _max = -double.MaxValue;
        _num = 0;
        _sum = 0;
        _sumSquares = 0;
        Array.Clear(_counts);
    }

    /// <summary>Adds one value.</summary>
    /// <param name="value">A finite value.</param>
    public void Add(double value)
    {
        _counts[UpperBound(value)] += 1.0;
        if (_min > value) _min = value;
        if (_max < value) _max = value;
        _num += 1;
        _sum += value;
        _sumSquares += value * value;
    }

    // std::upper_bound: the first limit strictly greater than value, so a value equal to a limit falls in the next
    // bucket, as in TensorFlow. A value at or above the last limit (only double.MaxValue with the default limits)
    // would index past the end; TensorFlow leaves that undefined, we clamp.
    private int UpperBound(double value)
    {
        int idx = Array.BinarySearch(_limits, value);
        int bucket = idx >= 0 ? idx + 1 : ~idx;
        return bucket >= _counts.Length ? _counts.Length - 1 : bucket;
    }

    /// <summary>
    /// Encodes the histogram. Unless <paramref name="preserveZeroBuckets"/>, each run of
    /// empty buckets collapses into one entry whose limit is the run's last limit, keeping
    /// event files small (TensorFlow's summary ops pass false).
    /// </summary>
    /// <param name="preserveZeroBuckets">True to emit every bucket.</param>
    /// <returns>A new <see cref="HistogramProto"/>.</returns>
    public HistogramProto ToProto(bool preserveZeroBuckets = false)
    {
        var proto = new HistogramProto { Min = _min, Max = _max, Num = _num, Sum = _sum, SumSquares = _sumSquares };
        for (int i = 0; i < _counts.Length;)
        {
            double end = _limits[i];
            double count = _counts[i];
            i++;
            if (!preserveZeroBuckets && count <= 0.0)
            {
                while (i < _counts.Length && _counts[i] <= 0.0)
                {
                    end = _limits[i];
                    count = _counts[i];
                    i++;
                }
            }
            proto.BucketLimit.Add(end);
            proto.Bucket.Add(count);
        }
        return proto;
    }

    private static double[] BuildDefaultBucketLimits()
    {
        // Repeated multiplication (not Math.Pow) reproduces TensorFlow's edges bit for bit.
        var positive = new List<double>();
        double v = 1.0e-12;
        while (v < 1.0e20)
        {
            positive.Add(v);
            v *= 1.1;
        }
        positive.Add(double.MaxValue);
        var limits = new double[positive.Count * 2 + 1];
        for (int i = 0; i < positive.Count; i++)
        {
            limits[positive.Count - 1 - i] = -positive[i];
            limits[positive.Count + 1 + i] = positive[i];
        }
        limits[positive.Count] = 0.0;
        return limits;
    }
}
