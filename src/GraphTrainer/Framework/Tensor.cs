using NumSharp;

namespace GraphTrainer;

/// <summary>
/// A symbolic endpoint of the graph: output <see cref="value_index"/> of <see cref="op"/>. It holds no
/// data; its value exists only while a <see cref="Session"/> runs the graph.
/// </summary>
public partial class Tensor : ITensorOrOperation
{
    private readonly List<Operation> _consumers = new();

    internal protected Tensor(Operation op, int valueIndex, DType dtype)
    {
        this.op = op;
        value_index = valueIndex;
        this.dtype = dtype;
        shape = TensorShape.Unknown;
    }

    /// <summary>The operation that produces this tensor.</summary>
    public Operation op { get; }
    /// <summary>Which output of <see cref="op"/> this is.</summary>
    public int value_index { get; }
    /// <summary>Element type.</summary>
    public DType dtype { get; }
    /// <summary>
    /// Static (possibly partial) shape inferred at build time. A field rather than a property because C#
    /// reserves <c>get_shape</c> for a property getter and TensorFlow code calls both <c>t.shape</c> and
    /// <c>t.get_shape()</c>; refine it with <see cref="set_shape"/>, never by assignment.
    /// </summary>
    public TensorShape shape;
    /// <summary>The graph the tensor belongs to.</summary>
    public Graph graph => op.Graph;
    /// <summary>TensorFlow name, <c>op_name:index</c>.</summary>
    public virtual string name => $"{op.Name}:{value_index}";
    /// <summary>Static shape, as TensorFlow's <c>get_shape()</c>.</summary>
    public TensorShape get_shape() => shape;
    /// <summary>Ops that consume this tensor.</summary>
    public IReadOnlyList<Operation> Consumers => _consumers;
    /// <summary>TensorFlow spelling of <see cref="Consumers"/>.</summary>
    public Operation[] consumers() { lock (graph.Lock) return _consumers.ToArray(); }

    internal void SetShape(TensorShape s) => shape = s;

    /// <summary>Refines the static shape (TensorFlow's <c>set_shape</c>); it must be compatible with the current one.</summary>
    public void set_shape(TensorShape s)
    {
        if (!shape.IsCompatibleWith(s))
            throw new ValueError($"Shapes {shape} and {s} are incompatible (tensor {name}).");
        shape = s;
    }
    internal void AddConsumer(Operation consumer) => _consumers.Add(consumer);

    /// <summary>Evaluates this tensor in the default session (TensorFlow's <c>t.eval(feed_dict)</c>).</summary>
    public NDArray eval(FeedDict feed_dict = null, Session session = null) =>
        (session ?? Session.RequireDefault("Tensor.eval")).run(this, feed_dict);

    /// <inheritdoc/>
    public override string ToString() => $"<tf.Tensor '{name}' shape={shape.ToTupleString()} dtype={dtype.Name()}>";

    /// <summary>A constant from a scalar.</summary>
    public static implicit operator Tensor(float value) => tf.constant(value);
    /// <summary>A constant from a scalar.</summary>
    public static implicit operator Tensor(double value) => tf.constant(value);
    /// <summary>A constant from a scalar.</summary>
    public static implicit operator Tensor(int value) => tf.constant(value);
    /// <summary>A constant from a C# array.</summary>
    public static implicit operator Tensor(float[] value) => tf.constant(value);
    /// <summary>A constant from a C# array.</summary>
    public static implicit operator Tensor(float[,] value) => tf.constant(value);
    /// <summary>A constant from a C# array (float32, as Python lists of floats become).</summary>
    public static implicit operator Tensor(double[] value) => tf.constant(value);
    /// <summary>A constant from a C# array (float32, as Python lists of floats become).</summary>
    public static implicit operator Tensor(double[,] value) => tf.constant(value);
    /// <summary>A constant from a C# array.</summary>
    public static implicit operator Tensor(int[] value) => tf.constant(value);
    /// <summary>A constant from a C# array.</summary>
    public static implicit operator Tensor(int[,] value) => tf.constant(value);
    /// <summary>A constant from a C# array.</summary>
    public static implicit operator Tensor(long[] value) => tf.constant(value);
    /// <summary>A constant from a C# array.</summary>
    public static implicit operator Tensor(bool[] value) => tf.constant(value);
    /// <summary>A constant from a NumSharp array, so trained NDArrays can be used where tensors are expected.</summary>
    public static implicit operator Tensor(NDArray value) => tf.constant(value);
}
