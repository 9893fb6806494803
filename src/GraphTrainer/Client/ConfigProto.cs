namespace GraphTrainer;

/// <summary>
/// Session configuration, TensorFlow's <c>tf.ConfigProto</c>, with the fields that govern placement:
/// <c>tf.Session(config: tf.ConfigProto(log_device_placement: true, allow_soft_placement: true))</c>. As in TensorFlow the
/// fields are mutable after construction (<c>config.gpu_options.allow_growth = true</c>).
/// </summary>
public sealed class ConfigProto
{
    /// <summary>Creates a configuration; every argument is optional, as in TensorFlow.</summary>
    /// <param name="log_device_placement">Print where each op is placed, once per compiled plan, to stderr.</param>
    /// <param name="allow_soft_placement">Place an op pinned to a device it cannot run on on a device it can (GPU → CPU)
    /// instead of failing.</param>
    /// <param name="gpu_options">GPU options; a default <see cref="GPUOptions"/> when null.</param>
    /// <param name="device_count">Maximum number of devices of each type the session uses, e.g. <c>{"GPU": 0}</c> for a
    /// CPU-only session; a type not listed is unlimited. The host CPU is always available.</param>
    /// <param name="intra_op_parallelism_threads">Accepted so ported code compiles; recorded only (see the property).</param>
    /// <param name="inter_op_parallelism_threads">Accepted so ported code compiles; recorded only (see the property).</param>
    public ConfigProto(bool log_device_placement = false, bool allow_soft_placement = false, GPUOptions gpu_options = null,
        IDictionary<string, int> device_count = null, int intra_op_parallelism_threads = 0, int inter_op_parallelism_threads = 0)
    {
        this.log_device_placement = log_device_placement;
        this.allow_soft_placement = allow_soft_placement;
        this.gpu_options = gpu_options ?? new GPUOptions();
        this.device_count = device_count == null ? new Dictionary<string, int>() : new Dictionary<string, int>(device_count);
        foreach (var (type, count) in this.device_count)
            if (count < 0) throw new ValueError($"device_count['{type}'] must be non-negative, got {count}.");
        this.intra_op_parallelism_threads = intra_op_parallelism_threads;
        this.inter_op_parallelism_threads = inter_op_parallelism_threads;
    }

    /// <summary>Whether the session prints each op's placement (TensorFlow's <c>log_device_placement</c>).</summary>
    public bool log_device_placement { get; set; }

    /// <summary>Whether an op pinned where it cannot run falls back to a device that can run it (TensorFlow's <c>allow_soft_placement</c>).</summary>
    public bool allow_soft_placement { get; set; }

    /// <summary>GPU options (never null).</summary>
    public GPUOptions gpu_options { get; set; }

    /// <summary>Maximum number of accelerator devices of each type (<c>"GPU"</c>) the session may use; absent means no limit. The host CPU is always available.</summary>
    public Dictionary<string, int> device_count { get; }

    /// <summary>
    /// TensorFlow's intra-op thread-pool size. Recorded only: GraphTrainer's CPU kernels size their own parallelism and
    /// the executor runs ops in plan order on the calling thread.
    /// </summary>
    public int intra_op_parallelism_threads { get; set; }

    /// <summary>TensorFlow's inter-op thread-pool size. Recorded only: the executor runs ops in plan order on the calling thread.</summary>
    public int inter_op_parallelism_threads { get; set; }

    /// <summary>How many devices of <paramref name="deviceType"/> the session may use (<see cref="int.MaxValue"/> when unlimited).</summary>
    internal int MaxDevices(string deviceType) =>
        device_count.TryGetValue(deviceType, out int n) ? n : int.MaxValue;

    /// <summary>A deep copy, so a session's configuration does not change when the caller mutates the object it passed.</summary>
    internal ConfigProto Clone() => new(log_device_placement, allow_soft_placement, gpu_options?.Clone(), device_count,
        intra_op_parallelism_threads, inter_op_parallelism_threads);
}

/// <summary>GPU memory options, TensorFlow's <c>tf.GPUOptions</c>.</summary>
public sealed class GPUOptions
{
    /// <summary>Creates GPU options.</summary>
    /// <param name="allow_growth">Allocate device memory as needed rather than up front.</param>
    /// <param name="per_process_gpu_memory_fraction">Fraction of device memory the process may use (0 = default), in [0, 1].</param>
    public GPUOptions(bool allow_growth = false, double per_process_gpu_memory_fraction = 0)
    {
        if (per_process_gpu_memory_fraction is < 0 or > 1 || double.IsNaN(per_process_gpu_memory_fraction))
            throw new ValueError($"per_process_gpu_memory_fraction must be in [0, 1], got {per_process_gpu_memory_fraction}.");
        this.allow_growth = allow_growth;
        this.per_process_gpu_memory_fraction = per_process_gpu_memory_fraction;
    }

    /// <summary>
    /// Whether device memory is allocated as needed rather than reserved up front (TensorFlow's <c>allow_growth</c>); stored
    /// for the GPU backend, which allocates per buffer either way.
    /// </summary>
    public bool allow_growth { get; set; }

    /// <summary>Fraction of each GPU's memory the process may use; 0 means the backend's default. Stored for the GPU backend.</summary>
    public double per_process_gpu_memory_fraction { get; set; }

    internal GPUOptions Clone() => new(allow_growth, per_process_gpu_memory_fraction);
}
