using NumSharp;

namespace GraphTrainer;

/// <summary>
/// A TensorFlow 1.x variable: the output of a <c>VariableV2</c> op, usable directly as a tensor. Its value
/// lives in each <see cref="Session"/> and is set by running <see cref="initializer"/>.
/// </summary>
public sealed class RefVariable : Tensor
{
    internal RefVariable(Operation variableOp, bool trainable) : base(variableOp, 0, variableOp.Outputs[0].dtype)
    {
        this.trainable = trainable;
    }

    /// <summary>The Assign op that writes the initial value.</summary>
    public Operation initializer { get; internal set; }

    /// <summary>The tensor computing the initial value.</summary>
    public Tensor initial_value { get; internal set; }

    /// <summary>Whether optimizers update this variable by default.</summary>
    public bool trainable { get; }

    /// <summary>The variable's value as a tensor (TensorFlow's <c>value()</c> / <c>read_value()</c>).</summary>
    public Tensor value() => this;

    /// <summary>Adds an op that assigns <paramref name="value"/> to this variable.</summary>
    public Tensor assign(Tensor value, bool validate_shape = true, string name = null) =>
        VariableOps.Assign(this, value, validate_shape, name);

    /// <summary>Adds an op that adds <paramref name="delta"/> to this variable (<see cref="tf.assign_add(Tensor, Tensor, bool, string)"/>).</summary>
    public Tensor assign_add(Tensor delta, bool use_locking = false, string name = null) => tf.assign_add(this, delta, use_locking, name);

    /// <summary>Adds an op that subtracts <paramref name="delta"/> from this variable (<see cref="tf.assign_sub(Tensor, Tensor, bool, string)"/>).</summary>
    public Tensor assign_sub(Tensor delta, bool use_locking = false, string name = null) => tf.assign_sub(this, delta, use_locking, name);

    /// <summary>Runs <see cref="initializer"/> in the default session.</summary>
    public void load(NDArray value, Session session = null) =>
        (session ?? Session.RequireDefault("RefVariable.load")).run(VariableOps.Assign(this, value, true, null));

    /// <inheritdoc/>
    public override string ToString() => $"<tf.Variable '{name}' shape={shape.ToTupleString()} dtype={dtype.Name()}_ref>";
}
