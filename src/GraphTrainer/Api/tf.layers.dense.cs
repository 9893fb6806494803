namespace GraphTrainer;

public static partial class tf
{
    public static partial class layers
    {
        /// <summary>
        /// TF1's <c>tf.layers.dense</c>: <c>activation(inputs · kernel + bias)</c> with variables <c>dense/kernel</c>
        /// [in, units] (Glorot uniform unless <paramref name="kernel_initializer"/>) and <c>dense/bias</c> [units]
        /// (zeros unless <paramref name="bias_initializer"/>), in a layer scope named <paramref name="name"/> or
        /// <c>dense</c>, <c>dense_1</c>, … Inputs of rank &gt; 2 are multiplied along their last axis.
        /// </summary>
        /// <exception cref="ValueError">The last dimension of the inputs is unknown.</exception>
        public static Tensor dense(Tensor inputs, int units, Func<Tensor, Tensor> activation = null, bool use_bias = true,
            Initializer kernel_initializer = null, Initializer bias_initializer = null,
            Func<Tensor, Tensor> kernel_regularizer = null, Func<Tensor, Tensor> bias_regularizer = null,
            bool trainable = true, string name = null, VariableReuse? reuse = null)
        {
            using var layer = LayerScope.Enter(name, "dense", reuse);
            return DenseLayer.Build(layer, inputs, units, activation, use_bias, kernel_initializer, bias_initializer,
                kernel_regularizer, bias_regularizer, trainable, "kernel", "bias", "Dense");
        }

        /// <summary>
        /// TF1's <c>tf.layers.flatten</c>: reshapes [batch, d1, d2, …] to [batch, d1·d2·…] under the name scope
        /// <c>flatten</c>, <c>flatten_1</c>, …
        /// </summary>
        public static Tensor flatten(Tensor inputs, string name = null)
        {
            using var layer = LayerScope.Enter(name, "flatten");
            return DenseLayer.Flatten(inputs);
        }
    }
}

/// <summary>The shared body of <c>tf.layers.dense</c> and <c>tf.contrib.layers.fully_connected</c>, built in an open <see cref="LayerScope"/>.</summary>
internal static class DenseLayer
{
    public static Tensor Build(LayerScope layer, Tensor inputs, int units, Func<Tensor, Tensor> activation, bool useBias,
        Initializer kernelInitializer, Initializer biasInitializer, Func<Tensor, Tensor> kernelRegularizer, Func<Tensor, Tensor> biasRegularizer,
        bool trainable, string kernelName, string biasName, string kind)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (units <= 0) throw new ValueError($"units must be a positive integer, got {units}.");
        var shape = inputs.shape;
        if (!shape.HasRank || shape.ndim < 2 || shape[-1] < 0)
            throw new ValueError($"The last dimension of the inputs to `{kind}` should be defined. Found `None`.");
        int inputDim = shape[-1];
        var kernel = layer.AddWeight(kernelName, new[] { inputDim, units }, kernelInitializer, kernelRegularizer, trainable, inputs.dtype);
        Tensor outputs;
        if (shape.ndim == 2) outputs = tf.matmul(inputs, kernel);
        else
        {
            // TensorFlow's tensordot over the last axis: [..., in] → [-1, in] · kernel → [..., units].
            var leading = shape.dims[1..^1];
            if (leading.Any(d => d < 0))
                throw new ValueError($"`{kind}` on inputs of rank {shape.ndim} needs every dimension but the first known, got {shape}.");
            var flat = tf.reshape(inputs, new[] { -1, inputDim });
            outputs = tf.reshape(tf.matmul(flat, kernel), new[] { -1 }.Concat(leading).Append(units).ToArray());
        }
        if (useBias)
        {
            var bias = layer.AddWeight(biasName, new[] { units }, biasInitializer ?? new ZerosInitializer(inputs.dtype), biasRegularizer, trainable, inputs.dtype);
            outputs = tf.nn.bias_add(outputs, bias); // fuses with the MatMul at plan time
        }
        return activation == null ? outputs : activation(outputs);
    }

    /// <summary>[batch, d1, …] → [batch, d1·…] (batch may be unknown; the other dimensions must be known).</summary>
    public static Tensor Flatten(Tensor inputs)
    {
        var shape = inputs.shape;
        if (!shape.HasRank) throw new ValueError($"Inputs to flatten must have a known rank, got {inputs.name} of unknown shape.");
        if (shape.ndim < 2) throw new ValueError($"Inputs to flatten must have rank at least 2 (a batch dimension and more), got {shape}.");
        var rest = shape.dims[1..];
        if (rest.Any(d => d < 0)) throw new ValueError($"Inputs to flatten must have all dimensions but the first defined, got {shape}.");
        int flat = rest.Aggregate(1, (a, b) => a * b);
        return tf.reshape(inputs, new[] { -1, flat });
    }
}
