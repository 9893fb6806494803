using GraphTrainer.Runtime;

namespace GraphTrainer.Tests.Placement;

/// <summary>
/// Registers fake GPU devices, and GPU kernels for chosen ops, for one placement test; disposing removes both, so no
/// GPU stays registered. The kernels exist only for the placer to find: placement tests never run them. Tests using
/// it belong to the non-parallel DefaultGraph collection, so no other test sees the device while it is registered.
/// </summary>
internal sealed class FakeGpu : IDisposable
{
    private readonly List<ComputeDevice> _devices = new();
    private readonly List<(string Op, DType DType)> _kernels = new();

    public FakeGpu(int count = 1)
    {
        for (int i = 0; i < count; i++)
        {
            var device = new Device(i);
            DeviceRegistry.Register(device);
            _devices.Add(device);
        }
    }

    /// <summary>GPU:<paramref name="index"/>.</summary>
    public ComputeDevice this[int index] => _devices[index];

    /// <summary>Registers a GPU kernel for <paramref name="opType"/> at each dtype (float32 when none is given).</summary>
    public FakeGpu WithKernels(string opType, params DType[] dtypes)
    {
        foreach (var dtype in dtypes.Length == 0 ? new[] { DType.Float32 } : dtypes)
        {
            KernelRegistry.Register(opType, "GPU", dtype, _ => _ => throw new InvalidOperationException("Fake GPU kernels never run."));
            _kernels.Add((opType, dtype));
        }
        return this;
    }

    public void Dispose()
    {
        foreach (var (op, dtype) in _kernels) KernelRegistry.Unregister(op, "GPU", dtype);
        foreach (var device in _devices) DeviceRegistry.Unregister(device);
    }

    private sealed class Device : ComputeDevice
    {
        public Device(int index) => Index = index;
        public override string DeviceType => "GPU";
        public override int Index { get; }
        public override string Description => $"device: {Index}, name: Fake GPU";
        public override long MemoryLimit => 8L << 30;
        public override DeviceStorage Allocate(DType dtype, int elements) => throw NotForRunning();
        public override void Upload(TensorValue host, TensorValue onDevice) => throw NotForRunning();
        public override void Download(TensorValue onDevice, TensorValue host) => throw NotForRunning();
        public override void Copy(TensorValue source, TensorValue destination) => throw NotForRunning();
        public override void Synchronize() { }
        private static InvalidOperationException NotForRunning() => new("The fake GPU only takes part in placement.");
    }
}
