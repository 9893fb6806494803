using GraphTrainer.Runtime;
using ILGPU;
using ILGPU.Runtime;

namespace GraphTrainer.Gpu;

/// <summary>A tensor's memory on a <see cref="GpuDevice"/>: one byte buffer, viewed as the tensor's element type.</summary>
internal sealed class GpuStorage : DeviceStorage
{
    private readonly GpuDevice _device;

    public GpuStorage(GpuDevice device, MemoryBuffer1D<byte, Stride1D.Dense> buffer, int capacity)
    {
        _device = device;
        Buffer = buffer;
        Capacity = capacity;
    }

    public MemoryBuffer1D<byte, Stride1D.Dense> Buffer { get; }

    public override ComputeDevice Device => _device;

    public override int Capacity { get; }

    public override void Dispose() => Buffer.Dispose();

    /// <summary>Bytes per element on the device: bool is one byte, as on the host.</summary>
    public static int ElementSize(DType dtype) => dtype.Size();

    /// <summary>The bytes of <paramref name="value"/>'s elements (its length, not its capacity).</summary>
    public static ArrayView<byte> Bytes(TensorValue value) =>
        ((GpuStorage)value.Storage).Buffer.View.SubView(0, (long)value.Length * ElementSize(value.DType));
}
