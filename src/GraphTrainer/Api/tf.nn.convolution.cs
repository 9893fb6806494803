namespace GraphTrainer;

public static partial class tf
{
    public static partial class nn
    {
        /// <summary>
        /// N-D convolution, N from <paramref name="filter"/>'s rank: 1 (as <see cref="conv1d"/>) or 2 (as
        /// <see cref="conv2d"/>); <paramref name="strides"/> and <paramref name="dilation_rate"/> give N values each
        /// (default 1), and as in TensorFlow strides above 1 cannot be combined with a dilation above 1.
        /// </summary>
        public static Tensor convolution(Tensor input, Tensor filter, string padding, int[] strides = null, int[] dilation_rate = null,
            string name = null, string data_format = null)
        {
            if (!filter.shape.HasRank && !input.shape.HasRank) throw new ValueError("rank of input or filter must be known");
            int n = filter.shape.HasRank ? filter.shape.ndim - 2 : input.shape.ndim - 2;
            RequireRank(input, n + 2);
            var (s, d) = StridesAndDilation(n, strides, dilation_rate);
            bool channelsFirst = data_format != null && data_format.StartsWith("NC");
            name ??= "convolution";
            return n switch
            {
                1 => conv1d(input, filter, s[0], padding, data_format: channelsFirst ? "NCW" : "NWC", name: name, dilations: d[0]),
                2 => conv2d(input, filter, Spatial(s, channelsFirst), padding, data_format: channelsFirst ? "NCHW" : "NHWC",
                    dilations: Spatial(d, channelsFirst), name: name),
                _ => throw new ValueError($"{n}-D convolution is not supported; 1-D and 2-D are."),
            };
        }

        /// <summary>
        /// N-D pooling, N = <paramref name="window_shape"/>'s length: "MAX" or "AVG" over 1-D (NWC/NCW) or 2-D (NHWC/NCHW)
        /// windows, with TensorFlow's argument checks. Dilated pooling (TensorFlow's space-to-batch form) is not supported.
        /// </summary>
        public static Tensor pool(Tensor input, int[] window_shape, string pooling_type, string padding, int[] dilation_rate = null,
            int[] strides = null, string name = null, string data_format = null)
        {
            int n = window_shape?.Length ?? 0;
            if (n < 1 || n > 3) throw new ValueError("It is required that 1 <= num_spatial_dims <= 3.");
            RequireRank(input, n + 2);
            var (s, d) = StridesAndDilation(n, strides, dilation_rate);
            if (padding == "SAME" && d.Any(v => v > 1)) throw new ValueError("pooling with SAME padding is not implemented for dilation_rate > 1");
            if (s.Zip(window_shape).Any(p => p.First > p.Second))
                throw new ValueError("strides > window_shape not supported due to inconsistency between CPU and GPU implementations");
            if (pooling_type is not ("MAX" or "AVG") || n == 3) throw new ValueError($"{n}-D {pooling_type} pooling is not supported.");
            if (d.Any(v => v > 1)) throw new ValueError("pooling with dilation_rate > 1 is not supported.");
            bool channelsFirst = data_format != null && data_format.StartsWith("NC");
            if (n == 2)
            {
                string format = channelsFirst ? "NCHW" : "NHWC";
                var (window, step) = (Spatial(window_shape, channelsFirst), Spatial(s, channelsFirst));
                return pooling_type == "MAX" ? max_pool(input, window, step, padding, format, name) : avg_pool(input, window, step, padding, format, name);
            }
            using var scope = input.graph.name_scope(name ?? (pooling_type == "MAX" ? "max_pool1d" : "avg_pool1d"));
            return Pool1d(input, pooling_type == "MAX", window_shape[0], s[0], padding, channelsFirst);
        }

        /// <summary>
        /// A 1-D max or average pool of [batch, width, channels] (or channels first), as TensorFlow makes it: a 2-D pool
        /// over a height of 1 (ExpandDims, MaxPool/AvgPool, Squeeze).
        /// </summary>
        internal static Tensor Pool1d(Tensor input, bool max, int window, int stride, string padding, bool channelsFirst)
        {
            int spatial = channelsFirst ? 2 : 1;
            string format = channelsFirst ? "NCHW" : "NHWC";
            int[] Along(int v) => channelsFirst ? new[] { 1, 1, 1, v } : new[] { 1, 1, v, 1 };
            var image = tf.expand_dims(input, spatial);
            var pooled = max ? max_pool(image, Along(window), Along(stride), padding, format) : avg_pool(image, Along(window), Along(stride), padding, format);
            return tf.squeeze(pooled, new[] { spatial });
        }

        private static void RequireRank(Tensor t, int rank)
        {
            if (t.shape.HasRank && t.shape.ndim != rank) throw new ValueError($"Shape {t.shape.ToTupleString()} must have rank {rank}");
        }

        // TensorFlow's _get_strides_and_dilation_rate: N values each, default 1, not both above 1.
        private static (int[] Strides, int[] Dilation) StridesAndDilation(int n, int[] strides, int[] dilation)
        {
            dilation ??= Enumerable.Repeat(1, n).ToArray();
            if (dilation.Length != n) throw new ValueError($"len(dilation_rate)={dilation.Length} but should be {n}");
            if (dilation.Any(v => v < 1)) throw new ValueError("all values of dilation_rate must be positive");
            strides ??= Enumerable.Repeat(1, n).ToArray();
            if (strides.Length != n) throw new ValueError($"len(strides)={strides.Length} but should be {n}");
            if (strides.Any(v => v < 1)) throw new ValueError("all values of strides must be positive");
            if (strides.Any(v => v > 1) && dilation.Any(v => v > 1)) throw new ValueError("strides > 1 not supported in conjunction with dilation_rate > 1");
            return (strides, dilation);
        }

        // Two spatial values as a 4-value attr: [1, a, b, 1] (NHWC) or [1, 1, a, b] (NCHW).
        private static int[] Spatial(int[] v, bool channelsFirst) =>
            channelsFirst ? new[] { 1, 1, v[0], v[1] } : new[] { 1, v[0], v[1], 1 };
    }
}
