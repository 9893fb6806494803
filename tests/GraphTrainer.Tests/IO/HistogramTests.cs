using GraphTrainer.IO;
using GraphTrainer.IO.Proto;

namespace GraphTrainer.Tests.IO;

public class HistogramTests
{
    [Fact]
    public void DefaultBucketLimitsMatchTensorFlow()
    {
        IReadOnlyList<double> limits = HistogramAccumulator.DefaultBucketLimits;
        // 774 positive edges 1e-12 * 1.1^k below 1e20, DBL_MAX, their negatives, and 0.
        Assert.Equal(1551, limits.Count);
        Assert.Equal(-double.MaxValue, limits[0]);
        Assert.Equal(double.MaxValue, limits[^1]);
        Assert.Equal(0.0, limits[775]);
        Assert.Equal(1e-12, limits[776]);
        Assert.Equal(1e-12 * 1.1, limits[777]);
        Assert.True(limits[^2] < 1e20 && limits[^2] * 1.1 >= 1e20);
        for (int i = 0; i < limits.Count; i++) Assert.Equal(-limits[i], limits[limits.Count - 1 - i]);
        for (int i = 1; i < limits.Count; i++) Assert.True(limits[i] > limits[i - 1]);
    }

    [Fact]
    public void ValuesLandInTheRightBucketsAndEmptyRunsCollapse()
    {
        double[] values = { -1, 0, 0.5, 1, 1, 3 };
        HistogramProto h = SummaryBuilder.Histogram("h", values).Value[0].Histo;
        Assert.Equal(h.Bucket.Count, h.BucketLimit.Count);
        // 6 values in 5 distinct buckets; runs of empty buckets collapse to single entries
        // between them, so the proto stays tiny compared with 1551 buckets.
        Assert.Equal(5, h.Bucket.Count(c => c > 0));
        Assert.True(h.Bucket.Count < 12);
        // Every value v lies in [previous limit, limit) of a non-empty bucket (upper_bound rule).
        foreach (double v in values)
        {
            int b = Enumerable.Range(0, h.BucketLimit.Count).First(i => v < h.BucketLimit[i]);
            Assert.True(h.Bucket[b] > 0, $"value {v} should be in bucket {b}");
            if (b > 0) Assert.True(v >= h.BucketLimit[b - 1]);
        }
        // 0 equals a limit, so it belongs to the bucket ending at 1e-12; 1.0 counts twice.
        Assert.Equal(1.0, h.Bucket[h.BucketLimit.IndexOf(1e-12)]);
        int oneBucket = Enumerable.Range(0, h.BucketLimit.Count).First(i => 1.0 < h.BucketLimit[i]);
        Assert.Equal(2.0, h.Bucket[oneBucket]);
    }

    [Fact]
    public void EmptyHistogramEncodesLikeTensorFlow()
    {
        HistogramProto h = new HistogramAccumulator().ToProto();
        Assert.Equal(double.MaxValue, h.Min);
        Assert.Equal(-double.MaxValue, h.Max);
        Assert.Equal(0, h.Num);
        Assert.Equal(new[] { double.MaxValue }, h.BucketLimit.ToArray());
        Assert.Equal(new[] { 0.0 }, h.Bucket.ToArray());
        Assert.Equal(1551, new HistogramAccumulator().ToProto(preserveZeroBuckets: true).Bucket.Count);
    }

    [Fact]
    public void FloatAndDoubleOverloadsAgree()
    {
        float[] f = { 0.1f, -2.5f, 7f, 1e-20f, 3e10f };
        double[] d = f.Select(x => (double)x).ToArray();
        Assert.Equal(SummaryBuilder.Histogram("w", d), SummaryBuilder.Histogram("w", f));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonFiniteValuesAreRejected(double bad)
    {
        var ex = Assert.Throws<ArgumentException>(() => SummaryBuilder.Histogram("layer/w", new[] { 1.0, bad }));
        Assert.Contains("Nan in summary histogram for: layer/w", ex.Message);
    }

    [Fact]
    public void MergeConcatenatesValues()
    {
        Summary m = SummaryBuilder.Merge(SummaryBuilder.Scalar("a", 1), SummaryBuilder.Scalar("b", 2));
        Assert.Equal(new[] { "a", "b" }, m.Value.Select(v => v.Tag).ToArray());
    }
}

/// <summary>The batched histogram path (vectorized statistics, logarithmic bucket lookup) against one value at a time.</summary>
public class HistogramBatchTests
{
    // Values on, just below and just above every default limit, zeros of both signs, extremes and random magnitudes.
    private static double[] AwkwardValues()
    {
        var values = new List<double> { 0.0, -0.0, double.Epsilon, -double.Epsilon, double.MaxValue, -double.MaxValue, 1e-300, -1e-300, 5e19, 1e20, -1e25 };
        foreach (double limit in HistogramAccumulator.DefaultBucketLimits)
            values.AddRange(new[] { limit, Math.BitDecrement(limit), Math.BitIncrement(limit) }.Where(double.IsFinite));
        var rng = new Random(3);
        for (int i = 0; i < 5000; i++) values.Add((rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-15, 22)));
        return values.ToArray();
    }

    [Fact]
    public void Batched_buckets_equal_upper_bound_buckets_for_every_value()
    {
        var values = AwkwardValues();
        var one = new HistogramAccumulator();
        foreach (double v in values) one.Add(v);
        var batch = new HistogramAccumulator();
        batch.AddRange(values);
        HistogramProto a = one.ToProto(preserveZeroBuckets: true), b = batch.ToProto(preserveZeroBuckets: true);
        Assert.Equal(a.Bucket.ToArray(), b.Bucket.ToArray());
        Assert.Equal((a.Min, a.Max, a.Num), (b.Min, b.Max, b.Num));
    }

    [Fact]
    public void Batched_statistics_are_the_sums_of_the_values()
    {
        var acc = new HistogramAccumulator();
        acc.AddRange(new float[] { 1, -2, 3.5f, 0.25f });
        var h = acc.ToProto();
        Assert.Equal((-2.0, 3.5, 4.0, 2.75, 1 + 4 + 12.25 + 0.0625), (h.Min, h.Max, h.Num, h.Sum, h.SumSquares));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_non_finite_value_fails_as_tensorflow_does(double bad)
    {
        var e = Assert.Throws<ArgumentException>(() => SummaryBuilder.Histogram("h", new[] { 1.0, bad, 2.0 }));
        Assert.Equal("Nan in summary histogram for: h", e.Message);
    }
}
