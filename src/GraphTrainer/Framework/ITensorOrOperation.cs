namespace GraphTrainer;

/// <summary>Something <c>sess.run</c> can fetch: a <see cref="Tensor"/> (returns its value) or an <see cref="Operation"/> (runs it).</summary>
public interface ITensorOrOperation
{
    /// <summary>The operation that produces this fetch (the operation itself for an Operation).</summary>
    Operation op { get; }

    /// <summary>TensorFlow name: <c>scope/op</c> for operations, <c>scope/op:0</c> for tensors.</summary>
    string name { get; }
}
