namespace GraphTrainer;

public static partial class tf
{
    public static partial class nn
    {
        /// <summary>
        /// 2-D convolution of <paramref name="input"/> [batch, height, width, in_channels] (NHWC; or NCHW with
        /// <paramref name="data_format"/>) with <paramref name="filter"/> [filter_height, filter_width, in_channels, out_channels].
        /// <paramref name="padding"/> is "SAME" (output size ⌈in/stride⌉, zero padding split as TensorFlow does, the extra
        /// row/column at the bottom/right) or "VALID".
        /// </summary>
        public static Tensor conv2d(Tensor input, Tensor filter, int[] strides, string padding, bool use_cudnn_on_gpu = true,
            string data_format = "NHWC", int[] dilations = null, string name = null) =>
            ConvOps.Conv2D(input, filter, strides, padding, data_format, dilations ?? new[] { 1, 1, 1, 1 }, name);

        /// <summary>
        /// 1-D convolution of <paramref name="value"/> [batch, width, in_channels] ("NWC", the default; or [batch,
        /// in_channels, width] with "NCW") with <paramref name="filters"/> [filter_width, in_channels, out_channels],
        /// computed as TensorFlow does: a conv2d over a height of 1 (ExpandDims, Conv2D, Squeeze).
        /// </summary>
        public static Tensor conv1d(Tensor value, Tensor filters, int stride, string padding, bool use_cudnn_on_gpu = true,
            string data_format = null, string name = null, int dilations = 1)
        {
            bool channelsLast = data_format is null or "NWC" or "NHWC";
            if (!channelsLast && data_format is not ("NCW" or "NCHW")) throw new ValueError("data_format must be \"NWC\" or \"NCW\".");
            int spatial = channelsLast ? 1 : 2;
            int[] Along(int n) => channelsLast ? new[] { 1, 1, n, 1 } : new[] { 1, 1, 1, n };
            using var scope = value.graph.name_scope(name ?? "conv1d");
            var image = tf.expand_dims(value, spatial);
            var filter2d = tf.expand_dims(filters, 0);
            var result = conv2d(image, filter2d, Along(stride), padding, use_cudnn_on_gpu, channelsLast ? "NHWC" : "NCHW", Along(dilations));
            return tf.squeeze(result, new[] { spatial });
        }

        /// <summary>
        /// Local response normalization (TensorFlow's LRN): each value of a 4-D <paramref name="input"/> divided by
        /// (bias + alpha · Σ x²)^beta, the sum over the <paramref name="depth_radius"/> channels either side of it, at the same pixel.
        /// </summary>
        public static Tensor local_response_normalization(Tensor input, int depth_radius = 5, double bias = 1, double alpha = 1, double beta = 0.5,
            string name = null) => LrnOps.Lrn(input, depth_radius, bias, alpha, beta, name);

        /// <summary>Alias of <see cref="local_response_normalization"/>.</summary>
        public static Tensor lrn(Tensor input, int depth_radius = 5, double bias = 1, double alpha = 1, double beta = 0.5, string name = null) =>
            LrnOps.Lrn(input, depth_radius, bias, alpha, beta, name);

        /// <summary>
        /// Atrous (dilated) 2-D convolution: <paramref name="filters"/> sample <paramref name="value"/> (NHWC) every
        /// <paramref name="rate"/> pixels along height and width, as conv2d with dilations [1, rate, rate, 1].
        /// </summary>
        public static Tensor atrous_conv2d(Tensor value, Tensor filters, int rate, string padding, string name = null)
        {
            if (rate < 1) throw new ValueError($"rate {rate} cannot be less than one");
            return conv2d(value, filters, new[] { 1, 1, 1, 1 }, padding, dilations: new[] { 1, rate, rate, 1 }, name: name ?? "convolution");
        }

        /// <summary>
        /// The transpose (gradient) of conv2d, often called deconvolution: <paramref name="value"/> [batch, h, w, in_channels]
        /// with <paramref name="filter"/> [height, width, output_channels, in_channels] into <paramref name="output_shape"/>.
        /// </summary>
        public static Tensor conv2d_transpose(Tensor value, Tensor filter, int[] output_shape, int[] strides, string padding = "SAME",
            string data_format = "NHWC", string name = null)
        {
            if (output_shape == null || output_shape.Length != 4) throw new ValueError($"output_shape must have shape (4,), got ({output_shape?.Length ?? 0},)");
            int channelAxis = data_format == "NCHW" ? 1 : 3;
            var (v, f) = (value.shape, filter.shape);
            if (f.HasRank && f.ndim == 4 && output_shape[channelAxis] != f[2] && f[2] >= 0)
                throw new ValueError($"output_shape does not match filter's output channels, {output_shape[channelAxis]} != {f[2]}");
            if (v.HasRank && v.ndim == 4 && f.HasRank && f.ndim == 4 && v[channelAxis] >= 0 && f[3] >= 0 && v[channelAxis] != f[3])
                throw new ValueError($"input channels does not match filter's input channels, {v[channelAxis]} != {f[3]}");
            using var scope = value.graph.name_scope(name ?? "conv2d_transpose");
            var sizes = OpBuilder.IntVector(value.graph, output_shape, "output_shape");
            return ConvOps.Backprop("Conv2DBackpropInput", new[] { sizes, filter, value }, value.dtype, strides, padding, data_format, new[] { 1, 1, 1, 1 }, scope.Name + "/");
        }

        /// <summary>The gradient of conv2d with respect to its input (TensorFlow's op Conv2DBackpropInput).</summary>
        public static Tensor conv2d_backprop_input(int[] input_sizes, Tensor filter, Tensor out_backprop, int[] strides, string padding,
            bool use_cudnn_on_gpu = true, string data_format = "NHWC", int[] dilations = null, string name = null) =>
            ConvOps.Backprop("Conv2DBackpropInput", new[] { OpBuilder.IntVector(filter.graph, input_sizes), filter, out_backprop }, filter.dtype,
                strides, padding, data_format, dilations ?? new[] { 1, 1, 1, 1 }, name);

        /// <summary>The gradient of conv2d with respect to its filter (TensorFlow's op Conv2DBackpropFilter).</summary>
        public static Tensor conv2d_backprop_filter(Tensor input, int[] filter_sizes, Tensor out_backprop, int[] strides, string padding,
            bool use_cudnn_on_gpu = true, string data_format = "NHWC", int[] dilations = null, string name = null) =>
            ConvOps.Backprop("Conv2DBackpropFilter", new[] { input, OpBuilder.IntVector(input.graph, filter_sizes), out_backprop }, input.dtype,
                strides, padding, data_format, dilations ?? new[] { 1, 1, 1, 1 }, name);

        /// <summary>Max pooling with window <paramref name="ksize"/> and <paramref name="strides"/> (4 values each, 1 for batch and channels).</summary>
        public static Tensor max_pool(Tensor value, int[] ksize, int[] strides, string padding, string data_format = "NHWC", string name = null) =>
            PoolOps.Pool("MaxPool", value, ksize, strides, padding, data_format, name);

        /// <summary>
        /// Max pooling (NHWC) that also returns, per output, the flattened index of the input maximum: (y·width + x)·channels + c,
        /// or ((b·height + y)·width + x)·channels + c with <paramref name="include_batch_in_index"/>; int64 (Targmax).
        /// </summary>
        public static (Tensor output, Tensor argmax) max_pool_with_argmax(Tensor input, int[] ksize, int[] strides, string padding,
            DType? Targmax = null, string name = null, bool include_batch_in_index = false)
        {
            if (Targmax is { } t && t != DType.Int64) throw new ValueError($"Targmax {t.Name()} is not supported; int64 is.");
            return ArgmaxPoolOps.Build(input, ksize, strides, padding, include_batch_in_index, name);
        }

        /// <summary>Average pooling; a window's average counts only the real (unpadded) inputs under it.</summary>
        public static Tensor avg_pool(Tensor value, int[] ksize, int[] strides, string padding, string data_format = "NHWC", string name = null) =>
            PoolOps.Pool("AvgPool", value, ksize, strides, padding, data_format, name);

        /// <summary>Adds a 1-D <paramref name="bias"/> along the channel dimension (the last for NHWC, the second for NCHW).</summary>
        public static Tensor bias_add(Tensor value, Tensor bias, string data_format = "NHWC", string name = null) =>
            BiasAddOps.BiasAdd(value, bias, data_format, name);
    }
}
