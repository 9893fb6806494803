using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>
/// The one rule for feeding a value of another dtype into an integer tensor, whatever the value's container (scalar,
/// C# array or NDArray): TensorFlow converts a feed with numpy (<c>np.asarray(value, dtype)</c>), which truncates
/// floats toward zero. A value with no integer equivalent (NaN, ±∞) or outside the target's range is refused with a
/// ValueError naming the tensor and the element, where numpy would wrap silently or raise a bare conversion error.
/// </summary>
internal static class FeedCast
{
    /// <summary>True when converting <paramref name="source"/> to <paramref name="target"/> can lose or misrepresent values.</summary>
    public static bool IsChecked(DType source, DType target) =>
        source != target && IsInteger(target) && (source.IsFloating() || IsInteger(source));

    /// <summary><paramref name="value"/> converted to <paramref name="tensor"/>'s dtype under the feed rule.</summary>
    public static TensorValue To(TensorValue value, Tensor tensor)
    {
        var target = tensor.dtype;
        if (value.DType == target) return value;
        if (!IsChecked(value.DType, target)) return ValueConversion.Cast(value, target);
        var source = ReadAsDouble(value);
        var (min, max) = RangeOf(target);
        var result = TensorValue.Allocate(target, value.Shape);
        for (int i = 0; i < source.Length; i++)
        {
            double x = source[i];
            if (!double.IsFinite(x))
                throw new ValueError($"Cannot feed value {Show(x)} (element {i}) for Tensor '{tensor.name}' of dtype {target.Name()}: cannot convert float {Show(x)} to integer.");
            double t = Math.Truncate(x);
            if (t < min || t > max)
                throw new ValueError($"Cannot feed value {Show(x)} (element {i}) for Tensor '{tensor.name}' of dtype {target.Name()}: it is outside the {target.Name()} range [{min}, {max}].");
            Store(result, i, t);
        }
        return result;
    }

    private static bool IsInteger(DType d) => d is DType.Int32 or DType.Int64 or DType.UInt8;

    private static (double Min, double Max) RangeOf(DType d) => d switch
    {
        DType.Int32 => (int.MinValue, int.MaxValue),
        DType.UInt8 => (byte.MinValue, byte.MaxValue),
        // 2^63 itself is not an int64; the largest double below it is.
        _ => (long.MinValue, Math.BitDecrement(9223372036854775808.0)),
    };

    private static double[] ReadAsDouble(TensorValue v) => v.DType switch
    {
        DType.Float32 => Array.ConvertAll(v.Span<float>().ToArray(), x => (double)x),
        DType.Float64 => v.Span<double>().ToArray(),
        DType.Int32 => Array.ConvertAll(v.Span<int>().ToArray(), x => (double)x),
        DType.Int64 => Array.ConvertAll(v.Span<long>().ToArray(), x => (double)x),
        DType.UInt8 => Array.ConvertAll(v.Span<byte>().ToArray(), x => (double)x),
        var d => throw new TypeError($"Cannot feed a {d.Name()} value into an integer tensor."),
    };

    private static void Store(TensorValue result, int i, double t)
    {
        switch (result.DType)
        {
            case DType.Int32: result.Span<int>()[i] = (int)t; break;
            case DType.UInt8: result.Span<byte>()[i] = (byte)t; break;
            default: result.Span<long>()[i] = (long)t; break;
        }
    }

    private static string Show(double x) =>
        double.IsNaN(x) ? "NaN" : double.IsPositiveInfinity(x) ? "inf" : double.IsNegativeInfinity(x) ? "-inf" : x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
