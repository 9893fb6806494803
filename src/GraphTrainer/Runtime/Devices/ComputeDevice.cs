namespace GraphTrainer.Runtime;

/// <summary>
/// A device that runs kernels: the host CPU (<see cref="Host"/>, whose tensors are managed arrays) or an accelerator
/// registered by a backend such as GraphTrainer.Gpu, whose tensors live in <see cref="DeviceStorage"/>. Kernels are
/// registered per <see cref="DeviceType"/> (<see cref="KernelRegistry"/>); the session copies values between devices
/// at plan boundaries (TensorFlow's Send/Recv), so a kernel only ever sees values on its own device.
/// </summary>
public abstract class ComputeDevice
{
    /// <summary>The host CPU.</summary>
    public static ComputeDevice Host { get; } = new HostDevice();

    /// <summary>TensorFlow's device type, the kernel registry's device key: <c>CPU</c> or <c>GPU</c>.</summary>
    public abstract string DeviceType { get; }

    /// <summary>Index among devices of its type (the 0 of <c>GPU:0</c>).</summary>
    public abstract int Index { get; }

    /// <summary>Human-readable description, e.g. the GPU's name and compute capability.</summary>
    public abstract string Description { get; }

    /// <summary>Bytes of memory the device offers (0 when unknown).</summary>
    public virtual long MemoryLimit => 0;

    /// <summary>
    /// Held while a plan runs work on the device and by every copy to or from it: sessions on different threads share
    /// one device queue, so their launches and copies must not interleave. Re-entrant (a Monitor).
    /// </summary>
    public object SyncRoot { get; } = new();

    /// <summary>True for the host CPU, whose values are managed arrays.</summary>
    public bool IsHost => ReferenceEquals(this, Host);

    /// <summary>TensorFlow's full device name, e.g. <c>/job:localhost/replica:0/task:0/device:GPU:0</c>.</summary>
    public string Name => $"/job:localhost/replica:0/task:0/device:{DeviceType}:{Index}";

    /// <summary>Allocates room for <paramref name="elements"/> elements of <paramref name="dtype"/> on the device.</summary>
    public abstract DeviceStorage Allocate(DType dtype, int elements);

    /// <summary>Copies a host value's elements into a value on this device (same dtype and length); may return before the copy ends.</summary>
    public abstract void Upload(TensorValue host, TensorValue onDevice);

    /// <summary>Copies a value on this device into a host value (same dtype and length), waiting for pending work first.</summary>
    public abstract void Download(TensorValue onDevice, TensorValue host);

    /// <summary>Copies between two values on this device (same dtype and length).</summary>
    public abstract void Copy(TensorValue source, TensorValue destination);

    /// <summary>Waits until every kernel and copy issued to the device has finished.</summary>
    public abstract void Synchronize();

    /// <inheritdoc/>
    public override string ToString() => Name;

    private sealed class HostDevice : ComputeDevice
    {
        public override string DeviceType => KernelRegistry.Cpu;
        public override int Index => 0;
        public override string Description => $"{Environment.ProcessorCount} cores";
        public override DeviceStorage Allocate(DType dtype, int elements) =>
            throw new InvalidOperationException("Host tensors are managed arrays; use TensorValue.Allocate.");
        public override void Upload(TensorValue host, TensorValue onDevice) => onDevice.CopyFrom(host);
        public override void Download(TensorValue onDevice, TensorValue host) => host.CopyFrom(onDevice);
        public override void Copy(TensorValue source, TensorValue destination) => destination.CopyFrom(source);
        public override void Synchronize() { }
    }
}

/// <summary>
/// Memory on a <see cref="ComputeDevice"/> that backs a <see cref="TensorValue"/>: room for <see cref="Capacity"/>
/// elements, so a buffer is reused across runs whose batch size varies. A backend subclasses it with its buffer type.
/// </summary>
public abstract class DeviceStorage : IDisposable
{
    /// <summary>The device the memory is on.</summary>
    public abstract ComputeDevice Device { get; }

    /// <summary>Elements the memory holds.</summary>
    public abstract int Capacity { get; }

    /// <summary>Frees the device memory.</summary>
    public abstract void Dispose();
}
