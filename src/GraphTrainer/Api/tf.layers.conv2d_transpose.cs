namespace GraphTrainer;

public static partial class tf
{
    public static partial class layers
    {
        /// <summary>
        /// TF1's <c>tf.layers.conv2d_transpose</c> (a "deconvolution", as DCGAN generators use it):
        /// <c>activation(conv2d_transpose(inputs, kernel) + bias)</c> with variables <c>conv2d_transpose/kernel</c>
        /// [kh, kw, filters, in] (Glorot uniform unless <paramref name="kernel_initializer"/>) and
        /// <c>conv2d_transpose/bias</c> [filters] (zeros). Each spatial size becomes in·stride ("same") or
        /// in·stride + max(kernel − stride, 0) ("valid"), as Keras's deconv_output_length; the batch size is read at run time.
        /// </summary>
        public static Tensor conv2d_transpose(Tensor inputs, int filters, Pair kernel_size, Pair? strides = null, string padding = "valid",
            string data_format = "channels_last", Func<Tensor, Tensor> activation = null, bool use_bias = true,
            Initializer kernel_initializer = null, Initializer bias_initializer = null,
            Func<Tensor, Tensor> kernel_regularizer = null, Func<Tensor, Tensor> bias_regularizer = null,
            bool trainable = true, string name = null, VariableReuse? reuse = null)
        {
            ArgumentNullException.ThrowIfNull(inputs);
            if (filters <= 0) throw new ValueError($"filters must be a positive integer, got {filters}.");
            string format = DataFormat(data_format), opPadding = Padding(padding);
            bool channelsFirst = format == "NCHW";
            var stride = strides ?? 1;
            if (!inputs.shape.HasRank || inputs.shape.ndim != 4)
                throw new ValueError($"Input 0 of layer conv2d_transpose is incompatible with the layer: expected ndim=4, found ndim={inputs.shape.ndim}. Full shape received: {inputs.shape.ToTupleString()}");
            int channels = inputs.shape[channelsFirst ? 1 : 3];
            if (channels < 0) throw new ValueError("The channel dimension of the inputs should be defined. Found `None`.");
            using var layer = LayerScope.Enter(name, "conv2d_transpose", reuse);
            var kernel = layer.AddWeight("kernel", new[] { kernel_size.Height, kernel_size.Width, filters, channels }, kernel_initializer, kernel_regularizer, trainable, inputs.dtype);

            int hAxis = channelsFirst ? 2 : 1, wAxis = hAxis + 1;
            int Grow(int length, int k, int s) => length < 0 ? -1 : opPadding == "SAME" ? length * s : length * s + Math.Max(k - s, 0);
            int oh = Grow(inputs.shape[hAxis], kernel_size.Height, stride.Height), ow = Grow(inputs.shape[wAxis], kernel_size.Width, stride.Width);
            // input_sizes of the underlying Conv2DBackpropInput: the batch (and any unknown spatial size) from tf.shape at run time.
            var dynamic = tf.shape(inputs);
            Tensor Size(int known, int axis, int k, int s)
            {
                if (known >= 0) return OpBuilder.Scalar(inputs.graph, known, DType.Int32);
                var grown = MathOps.Mul(dynamic[axis], OpBuilder.Scalar(inputs.graph, s, DType.Int32));
                return opPadding == "SAME" ? grown : MathOps.Add(grown, OpBuilder.Scalar(inputs.graph, Math.Max(k - s, 0), DType.Int32));
            }
            var (height, width) = (Size(oh, hAxis, kernel_size.Height, stride.Height), Size(ow, wAxis, kernel_size.Width, stride.Width));
            var depth = OpBuilder.Scalar(inputs.graph, filters, DType.Int32);
            var sizes = tf.stack(channelsFirst ? new[] { dynamic[0], depth, height, width } : new[] { dynamic[0], height, width, depth });
            var outputs = ConvOps.Backprop("Conv2DBackpropInput", new[] { sizes, kernel, inputs }, inputs.dtype, Window(format, stride), opPadding,
                format, new[] { 1, 1, 1, 1 }, "conv2d_transpose");
            int batch = inputs.shape[0];
            outputs.set_shape(new TensorShape(channelsFirst ? new[] { batch, filters, oh, ow } : new[] { batch, oh, ow, filters }));
            if (use_bias)
            {
                var bias = layer.AddWeight("bias", new[] { filters }, bias_initializer ?? new ZerosInitializer(inputs.dtype), bias_regularizer, trainable, inputs.dtype);
                outputs = tf.nn.bias_add(outputs, bias, data_format: format);
            }
            return activation == null ? outputs : activation(outputs);
        }
    }
}
