using NumSharp;
using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>Validates a fed value against its tensor and copies it into a reusable buffer.</summary>
internal static class FeedConversion
{
    /// <summary>Concrete shape of a feed value.</summary>
    public static int[] ShapeOf(object value) => value switch
    {
        NDArray nd => nd.shape.Select(d => checked((int)d)).ToArray(),
        TensorValue tv => tv.Shape,
        Array a => Enumerable.Range(0, a.Rank).Select(a.GetLength).ToArray(),
        _ => Array.Empty<int>(),
    };

    /// <summary>Throws TensorFlow's feed error when <paramref name="shape"/> does not fit <paramref name="tensor"/>.</summary>
    public static void CheckShape(Tensor tensor, int[] shape)
    {
        if (!tensor.shape.IsCompatibleWith(new TensorShape(shape)))
            throw new ValueError(
                $"Cannot feed value of shape {new TensorShape(shape).ToTupleString()} for Tensor '{tensor.name}', which has shape '{tensor.shape.ToTupleString()}'");
    }

    /// <summary>Copies <paramref name="value"/> into <paramref name="buffer"/> (reused when large enough), converting to the tensor's dtype.</summary>
    public static TensorValue Into(ref TensorValue buffer, Tensor tensor, object value)
    {
        if (value == null) throw new ValueError($"Cannot feed None (null) for Tensor '{tensor.name}'.");
        var shape = ShapeOf(value);
        CheckShape(tensor, shape);
        if (value is NDArray nd)
        {
            if (buffer == null || !buffer.TryReuse(tensor.dtype, shape)) buffer = TensorValue.Allocate(tensor.dtype, shape);
            ValueConversion.CopyInto(nd, buffer);
            return buffer;
        }
        var converted = ValueConversion.FromObject(value, tensor.dtype);
        return buffer = converted;
    }
}
