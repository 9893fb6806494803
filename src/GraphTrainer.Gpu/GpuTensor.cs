using GraphTrainer.Runtime;
using ILGPU;

namespace GraphTrainer.Gpu;

/// <summary>Views of device-resident tensor values as kernels take them.</summary>
public static class GpuTensor
{
    /// <summary>
    /// The elements of <paramref name="value"/> (which must live on a <see cref="GpuDevice"/>) as an
    /// <see cref="ArrayView{T}"/> of its length. Booleans are viewed as <see cref="byte"/> (0 or 1).
    /// </summary>
    public static ArrayView<T> View<T>(TensorValue value) where T : unmanaged
    {
        if (value.Storage is not GpuStorage)
            throw new InvalidOperationException($"{value} is not on a GPU device.");
        var bytes = GpuStorage.Bytes(value);
        return bytes.Cast<T>();
    }
}
