namespace GraphTrainer;

public static partial class tf
{
    /// <summary>Initializer of zeros (<c>tf.zeros_initializer()</c>).</summary>
    public static ZerosInitializer zeros_initializer(DType dtype = DType.Float32) => new(dtype);

    /// <summary>Initializer of ones (<c>tf.ones_initializer()</c>).</summary>
    public static OnesInitializer ones_initializer(DType dtype = DType.Float32) => new(dtype);

    /// <summary>Initializer filling with <paramref name="value"/> (<c>tf.constant_initializer(0.1)</c>).</summary>
    public static ConstantInitializer constant_initializer(double value = 0, DType dtype = DType.Float32) => new(value, dtype);

    /// <summary>Normal random initializer (<c>tf.random_normal_initializer(mean, stddev, seed)</c>).</summary>
    public static RandomNormalInitializer random_normal_initializer(float mean = 0f, float stddev = 1f, int? seed = null, DType dtype = DType.Float32) =>
        new(mean, stddev, seed, dtype);

    /// <summary>Truncated normal initializer (<c>tf.truncated_normal_initializer(stddev=0.01)</c>): values beyond two standard deviations are re-drawn.</summary>
    public static TruncatedNormalInitializer truncated_normal_initializer(float mean = 0f, float stddev = 1f, int? seed = null, DType dtype = DType.Float32) =>
        new(mean, stddev, seed, dtype);

    /// <summary>Uniform random initializer in [minval, maxval) (<c>tf.random_uniform_initializer</c>).</summary>
    public static RandomUniformInitializer random_uniform_initializer(float minval = 0f, float maxval = 1f, int? seed = null, DType dtype = DType.Float32) =>
        new(minval, maxval, seed, dtype);

    /// <summary>Glorot (Xavier) uniform initializer, TensorFlow's default for get_variable: limit = sqrt(6 / (fan_in + fan_out)).</summary>
    public static GlorotInitializer glorot_uniform_initializer(int? seed = null, DType dtype = DType.Float32) => new(true, seed, dtype);

    /// <summary>Glorot (Xavier) truncated-normal initializer: stddev = sqrt(1.3 · 2 / (fan_in + fan_out)) before truncation.</summary>
    public static GlorotInitializer glorot_normal_initializer(int? seed = null, DType dtype = DType.Float32) => new(false, seed, dtype);

    /// <summary>TensorFlow's <c>tf.contrib</c>: the parts TF1 tutorials use.</summary>
    public static partial class contrib
    {
        /// <summary><c>tf.contrib.layers</c>.</summary>
        public static partial class layers
        {
            /// <summary>
            /// <c>tf.contrib.layers.xavier_initializer(uniform=True, seed=None, dtype=tf.float32)</c>: uniform in
            /// [-limit, limit] with limit = sqrt(6 / (fan_in + fan_out)), or (uniform false) truncated normal with
            /// stddev = sqrt(1.3 · 2 / (fan_in + fan_out)).
            /// </summary>
            public static GlorotInitializer xavier_initializer(bool uniform = true, int? seed = null, DType dtype = DType.Float32) =>
                new(uniform, seed, dtype);
        }
    }
}
