using NumSharp;

namespace GraphTrainer;

/// <summary>
/// TensorFlow 1.x's initializer objects (<c>tf.zeros_initializer()</c>, <c>tf.truncated_normal_initializer(...)</c>,
/// <c>tf.contrib.layers.xavier_initializer(...)</c>): called with a shape and dtype, they add the ops that compute
/// a variable's initial value. <see cref="tf.get_variable(string, TensorShape, DType?, Initializer, bool)"/> calls
/// them under the variable's <c>name/Initializer/</c> scope, as TensorFlow does. A <see cref="Tensor"/> (or an
/// NDArray) converts implicitly, because TensorFlow's <c>get_variable</c> also accepts a value as initializer.
/// </summary>
public abstract class Initializer
{
    /// <summary>Creates an initializer whose default dtype is <paramref name="dtype"/>.</summary>
    protected Initializer(DType dtype) => this.dtype = dtype;

    /// <summary>The dtype used when the caller does not ask for one.</summary>
    public DType dtype { get; }

    /// <summary>
    /// Adds ops producing a value of <paramref name="shape"/> (fully defined) and <paramref name="dtype"/>
    /// (the initializer's own when null) to the default graph — TensorFlow's <c>initializer(shape, dtype)</c>.
    /// </summary>
    /// <exception cref="ValueError">The shape is not fully defined, or the dtype does not suit the initializer.</exception>
    public Tensor Call(TensorShape shape, DType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (!shape.IsFullyDefined)
            throw new ValueError($"{GetType().Name} needs a fully defined shape, got {shape}.");
        return Create(shape, dtype ?? this.dtype);
    }

    /// <summary>Builds the initial-value ops for a fully defined shape.</summary>
    protected abstract Tensor Create(TensorShape shape, DType dtype);

    /// <summary>Random initializers only make sense for floating dtypes; TensorFlow rejects the others.</summary>
    protected static void RequireFloating(DType dtype, string what)
    {
        if (!dtype.IsFloating())
            throw new ValueError($"Expected floating point type for {what}, got {dtype.Name()}.");
    }

    /// <summary>A value initializer: the variable starts as <paramref name="value"/> (TensorFlow's <c>initializer=tf.constant(...)</c>).</summary>
    public static implicit operator Initializer(Tensor value) => new ValueInitializer(value);

    /// <summary>A value initializer from a NumSharp array (TensorFlow accepts numpy arrays as initializers).</summary>
    public static implicit operator Initializer(NDArray value) => new ValueInitializer(value);
}

/// <summary>An initial value given directly rather than computed from a shape; <c>get_variable</c> takes its shape and dtype.</summary>
internal sealed class ValueInitializer : Initializer
{
    private readonly Tensor _tensor;
    // The caller owns the array (it is the value they passed as initializer); this only reads it.
    [NDBorrowed] private readonly NDArray _array;

    public ValueInitializer(Tensor value) : base((value ?? throw new ArgumentNullException(nameof(value))).dtype) => _tensor = value;

    public ValueInitializer(NDArray value) : base(Runtime.ValueConversion.DTypeOf(value ?? throw new ArgumentNullException(nameof(value)))) => _array = value;

    /// <summary>The static shape of the value.</summary>
    public TensorShape Shape => _tensor?.shape ?? new TensorShape(_array.shape.Select(d => checked((int)d)).ToArray());

    /// <summary>The value as a tensor; an NDArray becomes a Const in the current scope (so under <c>name/Initializer/</c>).</summary>
    public Tensor Value() => _tensor ?? tf.constant(_array, name: "initial_value");

    protected override Tensor Create(TensorShape shape, DType dtype)
    {
        if (!shape.Equals(Shape)) throw new ValueError($"The initial value's shape {Shape} does not match the requested shape {shape}.");
        var v = Value();
        return v.dtype == dtype ? v : tf.cast(v, dtype);
    }
}

/// <summary>TensorFlow's <c>Zeros</c> initializer.</summary>
public sealed class ZerosInitializer : Initializer
{
    /// <summary>Creates the initializer.</summary>
    public ZerosInitializer(DType dtype = DType.Float32) : base(dtype) { }

    /// <inheritdoc/>
    protected override Tensor Create(TensorShape shape, DType dtype) => tf.zeros(shape, dtype);
}

/// <summary>TensorFlow's <c>Ones</c> initializer.</summary>
public sealed class OnesInitializer : Initializer
{
    /// <summary>Creates the initializer.</summary>
    public OnesInitializer(DType dtype = DType.Float32) : base(dtype) { }

    /// <inheritdoc/>
    protected override Tensor Create(TensorShape shape, DType dtype) => tf.ones(shape, dtype);
}

/// <summary>TensorFlow's <c>Constant</c> initializer: every element is <see cref="value"/>.</summary>
public sealed class ConstantInitializer : Initializer
{
    /// <summary>Creates the initializer.</summary>
    public ConstantInitializer(double value, DType dtype = DType.Float32) : base(dtype) => this.value = value;

    /// <summary>The fill value.</summary>
    public double value { get; }

    /// <inheritdoc/>
    protected override Tensor Create(TensorShape shape, DType dtype) =>
        tf.constant(Runtime.ValueConversion.FromObject(value, dtype), dtype, shape);
}

/// <summary>TensorFlow's <c>RandomNormal</c> initializer.</summary>
public sealed class RandomNormalInitializer : Initializer
{
    /// <summary>Creates the initializer.</summary>
    public RandomNormalInitializer(float mean = 0f, float stddev = 1f, int? seed = null, DType dtype = DType.Float32) : base(dtype)
    {
        this.mean = mean;
        this.stddev = stddev;
        this.seed = seed;
    }

    /// <summary>Mean of the distribution.</summary>
    public float mean { get; }
    /// <summary>Standard deviation of the distribution.</summary>
    public float stddev { get; }
    /// <summary>Op-level seed, or null.</summary>
    public int? seed { get; }

    /// <inheritdoc/>
    protected override Tensor Create(TensorShape shape, DType dtype)
    {
        RequireFloating(dtype, "random_normal_initializer");
        return tf.random_normal(shape, mean, stddev, dtype, seed);
    }
}

/// <summary>TensorFlow's <c>TruncatedNormal</c> initializer: normal values re-drawn beyond two standard deviations.</summary>
public sealed class TruncatedNormalInitializer : Initializer
{
    /// <summary>Creates the initializer.</summary>
    public TruncatedNormalInitializer(float mean = 0f, float stddev = 1f, int? seed = null, DType dtype = DType.Float32) : base(dtype)
    {
        this.mean = mean;
        this.stddev = stddev;
        this.seed = seed;
    }

    /// <summary>Mean of the distribution.</summary>
    public float mean { get; }
    /// <summary>Standard deviation before truncation.</summary>
    public float stddev { get; }
    /// <summary>Op-level seed, or null.</summary>
    public int? seed { get; }

    /// <inheritdoc/>
    protected override Tensor Create(TensorShape shape, DType dtype)
    {
        RequireFloating(dtype, "truncated_normal_initializer");
        return tf.truncated_normal(shape, mean, stddev, dtype, seed);
    }
}

/// <summary>TensorFlow's <c>RandomUniform</c> initializer: uniform in [minval, maxval).</summary>
public sealed class RandomUniformInitializer : Initializer
{
    /// <summary>Creates the initializer.</summary>
    public RandomUniformInitializer(float minval = 0f, float maxval = 1f, int? seed = null, DType dtype = DType.Float32) : base(dtype)
    {
        this.minval = minval;
        this.maxval = maxval;
        this.seed = seed;
    }

    /// <summary>Lower bound (inclusive).</summary>
    public float minval { get; }
    /// <summary>Upper bound (exclusive).</summary>
    public float maxval { get; }
    /// <summary>Op-level seed, or null.</summary>
    public int? seed { get; }

    /// <inheritdoc/>
    protected override Tensor Create(TensorShape shape, DType dtype)
    {
        RequireFloating(dtype, "random_uniform_initializer");
        return tf.random_uniform(shape, minval, maxval, dtype, seed);
    }
}

/// <summary>
/// Variance scaling with fan-average (Glorot/Xavier): uniform in [-limit, limit] with
/// <c>limit = sqrt(3·scale / n)</c>, or truncated normal with <c>stddev = sqrt(1.3·scale / n)</c>, where
/// <c>n = (fan_in + fan_out) / 2</c>. Fans as TensorFlow computes them: for shape [..., in, out],
/// <c>fan_in = in·∏(leading dims)</c> and <c>fan_out = out·∏(leading dims)</c>; a vector has both fans
/// equal to its length, a scalar 1. With scale 1 the uniform limit is <c>sqrt(6 / (fan_in + fan_out))</c>.
/// </summary>
public sealed class GlorotInitializer : Initializer
{
    /// <summary>Creates the initializer.</summary>
    public GlorotInitializer(bool uniform = true, int? seed = null, DType dtype = DType.Float32, double scale = 1.0) : base(dtype)
    {
        this.uniform = uniform;
        this.seed = seed;
        this.scale = scale;
    }

    /// <summary>Uniform (true) or truncated normal (false).</summary>
    public bool uniform { get; }
    /// <summary>Op-level seed, or null.</summary>
    public int? seed { get; }
    /// <summary>The variance scale factor (1 for Glorot/Xavier).</summary>
    public double scale { get; }

    /// <summary>(fan_in, fan_out) of a weight of <paramref name="shape"/>.</summary>
    public static (double fan_in, double fan_out) Fans(TensorShape shape)
    {
        var dims = shape.dims;
        if (dims.Length == 0) return (1, 1);
        double fanIn = dims.Length > 1 ? dims[^2] : dims[^1], fanOut = dims[^1];
        for (int i = 0; i < dims.Length - 2; i++) { fanIn *= dims[i]; fanOut *= dims[i]; }
        return (fanIn, fanOut);
    }

    /// <summary>The uniform bound for <paramref name="shape"/>: <c>sqrt(3·scale / ((fan_in + fan_out) / 2))</c>.</summary>
    public double Limit(TensorShape shape)
    {
        var (fanIn, fanOut) = Fans(shape);
        return Math.Sqrt(3.0 * scale / Math.Max(1.0, (fanIn + fanOut) / 2.0));
    }

    /// <inheritdoc/>
    protected override Tensor Create(TensorShape shape, DType dtype)
    {
        RequireFloating(dtype, "xavier_initializer");
        if (uniform)
        {
            float limit = (float)Limit(shape);
            return tf.random_uniform(shape, -limit, limit, dtype, seed);
        }
        var (fanIn, fanOut) = Fans(shape);
        float stddev = (float)Math.Sqrt(1.3 * scale / Math.Max(1.0, (fanIn + fanOut) / 2.0));
        return tf.truncated_normal(shape, 0f, stddev, dtype, seed);
    }
}
