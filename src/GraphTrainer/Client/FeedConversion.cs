using NumSharp;
using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>Validates a fed value against its tensor and reads it in place or copies it into a reusable buffer.</summary>
internal static unsafe class FeedConversion
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

    /// <summary>
    /// The fed value as a tensor value in <paramref name="buffer"/>. A dense NDArray of the tensor's dtype is read in
    /// place when <paramref name="mayBorrow"/> (nothing in the plan writes the fed tensor): the buffer borrows its
    /// memory until <see cref="TensorValue.EndBorrow"/>. Anything else is copied into the buffer (reused when large
    /// enough), converting to the tensor's dtype; a conversion into an integer dtype follows <see cref="FeedCast"/>
    /// whatever the value's container.
    /// </summary>
    public static TensorValue Into(ref TensorValue buffer, Tensor tensor, object value, bool mayBorrow)
    {
        if (value == null) throw new ValueError($"Cannot feed None (null) for Tensor '{tensor.name}'.");
        var shape = ShapeOf(value);
        CheckShape(tensor, shape);
        if (value is NDArray nd && !FeedCast.IsChecked(ValueConversion.DTypeOf(nd), tensor.dtype))
        {
            void* address = mayBorrow ? ValueConversion.InPlaceAddress(nd, tensor.dtype) : null;
            if (address != null)
            {
                if (buffer == null || buffer.DType != tensor.dtype) buffer = TensorValue.Borrower(tensor.dtype);
                buffer.Borrow(address, nd, shape);
                return buffer;
            }
            if (buffer == null || !buffer.TryReuse(tensor.dtype, shape)) buffer = TensorValue.Allocate(tensor.dtype, shape);
            ValueConversion.CopyInto(nd, buffer);
            return buffer;
        }
        return buffer = FeedCast.To(ValueConversion.FromObject(value), tensor);
    }
}
