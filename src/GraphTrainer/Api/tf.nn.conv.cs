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

        /// <summary>Max pooling with window <paramref name="ksize"/> and <paramref name="strides"/> (4 values each, 1 for batch and channels).</summary>
        public static Tensor max_pool(Tensor value, int[] ksize, int[] strides, string padding, string data_format = "NHWC", string name = null) =>
            PoolOps.Pool("MaxPool", value, ksize, strides, padding, data_format, name);

        /// <summary>Average pooling; a window's average counts only the real (unpadded) inputs under it.</summary>
        public static Tensor avg_pool(Tensor value, int[] ksize, int[] strides, string padding, string data_format = "NHWC", string name = null) =>
            PoolOps.Pool("AvgPool", value, ksize, strides, padding, data_format, name);

        /// <summary>Adds a 1-D <paramref name="bias"/> along the channel dimension (the last for NHWC, the second for NCHW).</summary>
        public static Tensor bias_add(Tensor value, Tensor bias, string data_format = "NHWC", string name = null) =>
            BiasAddOps.BiasAdd(value, bias, data_format, name);
    }
}
