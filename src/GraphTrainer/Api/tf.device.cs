namespace GraphTrainer;

public static partial class tf
{
    /// <summary>
    /// Pins ops created inside the scope to a device in the default graph (TensorFlow's <c>tf.device</c>):
    /// <c>using (tf.device("/gpu:0")) { ... }</c>. Accepts TensorFlow's spellings (<c>/gpu:0</c>, <c>/device:GPU:0</c>,
    /// <c>GPU:0</c>, <c>/cpu:0</c>, <c>/job:localhost/replica:0/task:0/device:GPU:0</c>); nested scopes merge with the inner
    /// fields winning; "" adds nothing; null ignores the enclosing scopes.
    /// </summary>
    /// <exception cref="ValueError">The device string is malformed.</exception>
    public static IDisposable device(string device_name_or_spec) => get_default_graph().device(device_name_or_spec);

    /// <summary>Pins ops created inside the scope to <paramref name="spec"/> in the default graph (TensorFlow's <c>tf.device(DeviceSpec)</c>).</summary>
    public static IDisposable device(DeviceSpec spec) => get_default_graph().device(spec);
}

public static partial class tf
{
    /// <summary>A session configuration (TensorFlow's <c>tf.ConfigProto</c>); pass it as <c>tf.Session(config: ...)</c>.</summary>
    public static ConfigProto ConfigProto(bool log_device_placement = false, bool allow_soft_placement = false, GPUOptions gpu_options = null,
        IDictionary<string, int> device_count = null, int intra_op_parallelism_threads = 0, int inter_op_parallelism_threads = 0) =>
        new(log_device_placement, allow_soft_placement, gpu_options, device_count, intra_op_parallelism_threads, inter_op_parallelism_threads);

    /// <summary>GPU memory options (TensorFlow's <c>tf.GPUOptions</c>) for <see cref="ConfigProto"/>'s <c>gpu_options</c>.</summary>
    public static GPUOptions GPUOptions(bool allow_growth = false, double per_process_gpu_memory_fraction = 0) =>
        new(allow_growth, per_process_gpu_memory_fraction);

    public static partial class compat
    {
        public static partial class v1
        {
            /// <inheritdoc cref="tf.ConfigProto"/>
            public static ConfigProto ConfigProto(bool log_device_placement = false, bool allow_soft_placement = false, GPUOptions gpu_options = null,
                IDictionary<string, int> device_count = null, int intra_op_parallelism_threads = 0, int inter_op_parallelism_threads = 0) =>
                tf.ConfigProto(log_device_placement, allow_soft_placement, gpu_options, device_count, intra_op_parallelism_threads, inter_op_parallelism_threads);

            /// <inheritdoc cref="tf.GPUOptions"/>
            public static GPUOptions GPUOptions(bool allow_growth = false, double per_process_gpu_memory_fraction = 0) =>
                tf.GPUOptions(allow_growth, per_process_gpu_memory_fraction);

            /// <inheritdoc cref="tf.device(string)"/>
            public static IDisposable device(string device_name_or_spec) => tf.device(device_name_or_spec);
        }
    }
}
