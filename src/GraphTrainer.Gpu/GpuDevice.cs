using GraphTrainer.Runtime;
using ILGPU;
using ILGPU.Runtime;

namespace GraphTrainer.Gpu;

/// <summary>
/// A TensorFlow <c>GPU:n</c> device backed by an ILGPU accelerator: a CUDA GPU, or ILGPU's CPU accelerator, which runs
/// the same kernels without a GPU (how CI proves them). Work is issued in order on the accelerator's default stream, so
/// the host waits only where a value is copied down (<see cref="Download"/>) or the session ends a run.
/// </summary>
public sealed class GpuDevice : ComputeDevice, IDisposable
{
    private readonly Dictionary<object, object> _kernels = new();

    internal GpuDevice(Accelerator accelerator, int index)
    {
        Accelerator = accelerator;
        Index = index;
    }

    /// <summary>The ILGPU accelerator kernels are launched on.</summary>
    public Accelerator Accelerator { get; }

    /// <inheritdoc/>
    public override string DeviceType => "GPU";

    /// <inheritdoc/>
    public override int Index { get; }

    /// <summary>True when this device is ILGPU's CPU accelerator standing in for a GPU (tests).</summary>
    public bool IsEmulated => Accelerator.AcceleratorType == AcceleratorType.CPU;

    /// <inheritdoc/>
    public override string Description => Accelerator is ILGPU.Runtime.Cuda.CudaAccelerator cuda
        ? $"name: {cuda.Name}, compute capability: {cuda.Architecture}, memory: {cuda.MemorySize >> 20} MiB"
        : $"name: {Accelerator.Name} (ILGPU CPU accelerator emulating a GPU)";

    /// <inheritdoc/>
    public override long MemoryLimit => Accelerator.MemorySize;

    /// <inheritdoc/>
    public override DeviceStorage Allocate(DType dtype, int elements)
    {
        lock (SyncRoot)
        {
            Bind();
            return new GpuStorage(this, Accelerator.Allocate1D<byte>((long)elements * GpuStorage.ElementSize(dtype)), elements);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Waits for the copy: the host memory may be a fed array the caller reuses or releases after the run.</remarks>
    public override void Upload(TensorValue host, TensorValue onDevice)
    {
        if (host.Length == 0) return;
        lock (SyncRoot)
        {
            Bind();
            GpuStorage.Bytes(onDevice).CopyFromCPU(Accelerator.DefaultStream, host.Bytes);
            Accelerator.DefaultStream.Synchronize();
        }
    }

    /// <inheritdoc/>
    public override void Download(TensorValue onDevice, TensorValue host)
    {
        if (host.Length == 0) return;
        lock (SyncRoot)
        {
            Bind();
            GpuStorage.Bytes(onDevice).CopyToCPU(Accelerator.DefaultStream, host.Bytes);
            Accelerator.DefaultStream.Synchronize();
        }
    }

    /// <inheritdoc/>
    public override void Copy(TensorValue source, TensorValue destination)
    {
        if (source.Length == 0) return;
        lock (SyncRoot)
        {
            Bind();
            GpuStorage.Bytes(source).CopyTo(Accelerator.DefaultStream, GpuStorage.Bytes(destination));
        }
    }

    /// <inheritdoc/>
    public override void Synchronize()
    {
        lock (SyncRoot)
        {
            Bind();
            Accelerator.Synchronize();
        }
    }

    // A CUDA context is current per thread, and sessions run on whatever thread calls them (notebook cells run on
    // different threads): make this accelerator current on the calling thread before touching it.
    [ThreadStatic] private static Accelerator t_bound;

    private void Bind()
    {
        if (ReferenceEquals(t_bound, Accelerator)) return;
        Accelerator.Bind();
        t_bound = Accelerator;
    }

    /// <summary>
    /// The kernel <paramref name="key"/> loaded (compiled) for this accelerator once, by <paramref name="load"/>: ILGPU
    /// compiles a kernel per accelerator, so a kernel is cached per device rather than per node.
    /// </summary>
    public TKernel Kernel<TKernel>(object key, Func<Accelerator, TKernel> load) where TKernel : Delegate
    {
        Bind();
        lock (_kernels)
        {
            if (!_kernels.TryGetValue(key, out var kernel)) _kernels[key] = kernel = load(Accelerator);
            return (TKernel)kernel;
        }
    }

    /// <summary>Releases the accelerator.</summary>
    public void Dispose() => Accelerator.Dispose();
}
