namespace GraphTrainer;

public static partial class tf
{
    public static partial class layers
    {
        /// <summary>
        /// TF1's <c>tf.layers.conv2d</c>: <c>activation(conv2d(inputs, kernel) + bias)</c> with variables <c>conv2d/kernel</c>
        /// [kh, kw, in, filters] (Glorot uniform unless <paramref name="kernel_initializer"/>) and <c>conv2d/bias</c> [filters]
        /// (zeros), in a layer scope named <paramref name="name"/> or <c>conv2d</c>, <c>conv2d_1</c>, …
        /// <paramref name="padding"/> is "valid" or "same" (any case); <paramref name="data_format"/> "channels_last" or "channels_first".
        /// </summary>
        public static Tensor conv2d(Tensor inputs, int filters, Pair kernel_size, Pair? strides = null, string padding = "valid",
            string data_format = "channels_last", Pair? dilation_rate = null, Func<Tensor, Tensor> activation = null, bool use_bias = true,
            Initializer kernel_initializer = null, Initializer bias_initializer = null,
            Func<Tensor, Tensor> kernel_regularizer = null, Func<Tensor, Tensor> bias_regularizer = null,
            bool trainable = true, string name = null, VariableReuse? reuse = null)
        {
            ArgumentNullException.ThrowIfNull(inputs);
            if (filters <= 0) throw new ValueError($"filters must be a positive integer, got {filters}.");
            string format = DataFormat(data_format);
            var (stride, dilation) = (strides ?? 1, dilation_rate ?? 1);
            int channelAxis = format == "NCHW" ? 1 : 3;
            if (!inputs.shape.HasRank || inputs.shape.ndim != 4)
                throw new ValueError($"Input 0 of layer conv2d is incompatible with the layer: expected ndim=4, found ndim={inputs.shape.ndim}. Full shape received: {inputs.shape.ToTupleString()}");
            int channels = inputs.shape[channelAxis];
            if (channels < 0) throw new ValueError("The channel dimension of the inputs should be defined. Found `None`.");
            using var layer = LayerScope.Enter(name, "conv2d", reuse);
            var kernel = layer.AddWeight("kernel", new[] { kernel_size.Height, kernel_size.Width, channels, filters }, kernel_initializer, kernel_regularizer, trainable, inputs.dtype);
            var outputs = tf.nn.conv2d(inputs, kernel, Window(format, stride), Padding(padding), data_format: format, dilations: Window(format, dilation));
            if (use_bias)
            {
                var bias = layer.AddWeight("bias", new[] { filters }, bias_initializer ?? new ZerosInitializer(inputs.dtype), bias_regularizer, trainable, inputs.dtype);
                outputs = tf.nn.bias_add(outputs, bias, data_format: format);
            }
            return activation == null ? outputs : activation(outputs);
        }

        /// <summary>TF1's <c>tf.layers.max_pooling2d</c> (op <c>max_pooling2d/MaxPool</c>).</summary>
        public static Tensor max_pooling2d(Tensor inputs, Pair pool_size, Pair strides, string padding = "valid", string data_format = "channels_last", string name = null)
        {
            using var layer = LayerScope.Enter(name, "max_pooling2d");
            string format = DataFormat(data_format);
            return tf.nn.max_pool(inputs, Window(format, pool_size), Window(format, strides), Padding(padding), format);
        }

        /// <summary>TF1's <c>tf.layers.average_pooling2d</c> (op <c>average_pooling2d/AvgPool</c>).</summary>
        public static Tensor average_pooling2d(Tensor inputs, Pair pool_size, Pair strides, string padding = "valid", string data_format = "channels_last", string name = null)
        {
            using var layer = LayerScope.Enter(name, "average_pooling2d");
            string format = DataFormat(data_format);
            return tf.nn.avg_pool(inputs, Window(format, pool_size), Window(format, strides), Padding(padding), format);
        }

        /// <summary>
        /// TF1's <c>tf.layers.dropout</c>: drops a <paramref name="rate"/> fraction of the inputs (scaling the rest by
        /// 1/(1 − rate)) only when <paramref name="training"/> is true; the identity otherwise.
        /// </summary>
        public static Tensor dropout(Tensor inputs, double rate = 0.5, Tensor noise_shape = null, int? seed = null, bool training = false, string name = null)
        {
            using var layer = LayerScope.Enter(name, "dropout");
            return training ? tf.nn.dropout(inputs, 1 - rate, noise_shape, seed) : tf.identity(inputs);
        }

        /// <summary>
        /// <c>tf.layers.dropout</c> with a boolean tensor <paramref name="training"/> (a fed placeholder). TensorFlow selects
        /// with tf.cond; here the keep probability is 1 − rate·training, so a false flag keeps every element (x / 1 · ⌊1 + u⌋ = x).
        /// </summary>
        public static Tensor dropout(Tensor inputs, double rate, Tensor training, Tensor noise_shape = null, int? seed = null, string name = null)
        {
            ArgumentNullException.ThrowIfNull(training);
            using var layer = LayerScope.Enter(name, "dropout");
            var keep = MathOps.Sub(OpBuilder.Scalar(inputs.graph, 1, inputs.dtype), MathOps.Mul(OpBuilder.Scalar(inputs.graph, rate, inputs.dtype), tf.cast(training, inputs.dtype)), "keep_prob");
            return tf.nn.dropout(inputs, keep, noise_shape, seed);
        }

        private static string DataFormat(string dataFormat) => dataFormat switch
        {
            "channels_last" => "NHWC",
            "channels_first" => "NCHW",
            _ => throw new ValueError($"The `data_format` argument must be one of \"channels_first\", \"channels_last\". Received: {dataFormat}"),
        };

        private static string Padding(string padding) => padding?.ToLowerInvariant() switch
        {
            "valid" => "VALID",
            "same" => "SAME",
            _ => throw new ValueError($"The `padding` argument must be a list/tuple or one of \"valid\", \"same\" (or \"causal\", only for `Conv1D). Received: {padding}"),
        };

        private static int[] Window(string format, Pair p) => format == "NCHW" ? new[] { 1, 1, p.Height, p.Width } : new[] { 1, p.Height, p.Width, 1 };
    }
}
