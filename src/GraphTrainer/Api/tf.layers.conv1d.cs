namespace GraphTrainer;

public static partial class tf
{
    public static partial class layers
    {
        /// <summary>
        /// TF1's <c>tf.layers.conv1d</c>: <c>activation(conv1d(inputs, kernel) + bias)</c> over [batch, width, channels]
        /// ("channels_last") or [batch, channels, width], with variables <c>conv1d/kernel</c> [kernel_size, in, filters]
        /// (Glorot uniform unless <paramref name="kernel_initializer"/>) and <c>conv1d/bias</c> [filters] (zeros).
        /// <paramref name="padding"/> is "valid", "same" or "causal" (zeros before the sequence only, so output t sees
        /// inputs up to t).
        /// </summary>
        public static Tensor conv1d(Tensor inputs, int filters, int kernel_size, int strides = 1, string padding = "valid",
            string data_format = "channels_last", int dilation_rate = 1, Func<Tensor, Tensor> activation = null, bool use_bias = true,
            Initializer kernel_initializer = null, Initializer bias_initializer = null,
            Func<Tensor, Tensor> kernel_regularizer = null, Func<Tensor, Tensor> bias_regularizer = null,
            bool trainable = true, string name = null, VariableReuse? reuse = null)
        {
            ArgumentNullException.ThrowIfNull(inputs);
            if (filters <= 0) throw new ValueError($"filters must be a positive integer, got {filters}.");
            bool channelsFirst = DataFormat(data_format) == "NCHW";
            if (!inputs.shape.HasRank || inputs.shape.ndim != 3)
                throw new ValueError($"Input 0 of layer conv1d is incompatible with the layer: expected ndim=3, found ndim={inputs.shape.ndim}. Full shape received: {inputs.shape.ToTupleString()}");
            int channels = inputs.shape[channelsFirst ? 1 : 2];
            if (channels < 0) throw new ValueError("The channel dimension of the inputs should be defined. Found `None`.");
            bool causal = padding?.ToLowerInvariant() == "causal";
            string opPadding = causal ? "VALID" : Padding(padding);
            using var layer = LayerScope.Enter(name, "conv1d", reuse);
            var kernel = layer.AddWeight("kernel", new[] { kernel_size, channels, filters }, kernel_initializer, kernel_regularizer, trainable, inputs.dtype);
            if (causal)
            {
                var before = new int[3, 2];
                before[channelsFirst ? 2 : 1, 0] = (kernel_size - 1) * dilation_rate;
                inputs = tf.pad(inputs, before);
            }
            var outputs = tf.nn.conv1d(inputs, kernel, strides, opPadding, data_format: channelsFirst ? "NCW" : "NWC", dilations: dilation_rate);
            if (use_bias)
            {
                var bias = layer.AddWeight("bias", new[] { filters }, bias_initializer ?? new ZerosInitializer(inputs.dtype), bias_regularizer, trainable, inputs.dtype);
                outputs = tf.nn.bias_add(outputs, bias, data_format: channelsFirst ? "NCHW" : "NHWC");
            }
            return activation == null ? outputs : activation(outputs);
        }

        /// <summary>TF1's <c>tf.layers.max_pooling1d</c> over [batch, width, channels] (or channels first).</summary>
        public static Tensor max_pooling1d(Tensor inputs, int pool_size, int strides, string padding = "valid", string data_format = "channels_last", string name = null) =>
            Pooling1d("max_pooling1d", "MAX", inputs, pool_size, strides, padding, data_format, name);

        /// <summary>TF1's <c>tf.layers.average_pooling1d</c> over [batch, width, channels] (or channels first).</summary>
        public static Tensor average_pooling1d(Tensor inputs, int pool_size, int strides, string padding = "valid", string data_format = "channels_last", string name = null) =>
            Pooling1d("average_pooling1d", "AVG", inputs, pool_size, strides, padding, data_format, name);

        private static Tensor Pooling1d(string layerName, string type, Tensor inputs, int poolSize, int strides, string padding, string dataFormat, string name)
        {
            bool channelsFirst = DataFormat(dataFormat) == "NCHW";
            string opPadding = Padding(padding);
            if (inputs.shape.HasRank && inputs.shape.ndim != 3)
                throw new ValueError($"Input 0 of layer {layerName} is incompatible with the layer: expected ndim=3, found ndim={inputs.shape.ndim}. Full shape received: {inputs.shape.ToTupleString()}");
            using var layer = LayerScope.Enter(name, layerName);
            return tf.nn.Pool1d(inputs, type == "MAX", poolSize, strides, opPadding, channelsFirst);
        }
    }
}
