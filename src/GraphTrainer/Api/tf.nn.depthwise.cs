namespace GraphTrainer;

public static partial class tf
{
    public static partial class nn
    {
        /// <summary>
        /// Depthwise 2-D convolution: each channel c of <paramref name="input"/> [batch, h, w, C] convolved with its own
        /// <paramref name="filter"/>[:, :, c, :] ([kh, kw, C, multiplier]), giving output channel c·multiplier + m.
        /// <paramref name="rate"/> (2 values) dilates the filter; strides above 1 cannot be combined with a rate above 1.
        /// </summary>
        public static Tensor depthwise_conv2d(Tensor input, Tensor filter, int[] strides, string padding, int[] rate = null, string name = null,
            string data_format = null)
        {
            string format = data_format ?? "NHWC";
            var dilations = Dilations(rate, strides, format);
            return DepthwiseConvOps.DepthwiseConv2D(input, filter, strides, padding, format, dilations, name ?? "depthwise");
        }

        /// <summary>TensorFlow's op DepthwiseConv2dNative with its attrs as given (strides and dilations 4 values each).</summary>
        public static Tensor depthwise_conv2d_native(Tensor input, Tensor filter, int[] strides, string padding, string data_format = "NHWC",
            int[] dilations = null, string name = null) =>
            DepthwiseConvOps.DepthwiseConv2D(input, filter, strides, padding, data_format, dilations ?? new[] { 1, 1, 1, 1 }, name);

        /// <summary>
        /// Depthwise then pointwise convolution (Xception/MobileNet): <see cref="depthwise_conv2d"/> with
        /// <paramref name="depthwise_filter"/> [kh, kw, C, multiplier], then a 1×1 conv2d with
        /// <paramref name="pointwise_filter"/> [1, 1, C·multiplier, out_channels].
        /// </summary>
        public static Tensor separable_conv2d(Tensor input, Tensor depthwise_filter, Tensor pointwise_filter, int[] strides, string padding,
            int[] rate = null, string name = null, string data_format = null)
        {
            var pointwise = pointwise_filter.shape;
            if (pointwise.HasRank && pointwise.ndim != 4) throw new ValueError($"Shape {pointwise.ToTupleString()} must have rank 4");
            if (depthwise_filter.shape.HasRank && depthwise_filter.shape.ndim != 4) throw new ValueError($"Shape {depthwise_filter.shape.ToTupleString()} must have rank 4");
            for (int i = 0; i < 2 && pointwise.HasRank; i++)
                if (pointwise[i] >= 0 && pointwise[i] != 1) throw new ValueError($"Dimensions {pointwise[i]} and 1 are not compatible");
            string format = data_format ?? "NHWC";
            var dilations = Dilations(rate, strides, format);
            using var scope = input.graph.name_scope(name ?? "separable_conv2d");
            var depthwise = DepthwiseConvOps.DepthwiseConv2D(input, depthwise_filter, strides, padding, format, dilations, "depthwise");
            return conv2d(depthwise, pointwise_filter, new[] { 1, 1, 1, 1 }, "VALID", data_format: format);
        }

        // rate [rh, rw] as a 4-value dilations attr, checked as tf.nn.convolution checks strides against dilation_rate.
        private static int[] Dilations(int[] rate, int[] strides, string format)
        {
            var (h, w, _) = ConvAttrs.Axes(format);
            var spatialStrides = strides != null && strides.Length == 4 ? new[] { strides[h], strides[w] } : null;
            var (_, dilation) = StridesAndDilation(2, spatialStrides, rate);
            return format == "NCHW" ? new[] { 1, 1, dilation[0], dilation[1] } : new[] { 1, dilation[0], dilation[1], 1 };
        }
    }
}
