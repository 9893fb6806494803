namespace GraphTrainer;

public static partial class tf
{
    /// <summary>TensorFlow's <c>tf.math</c> namespace (TF ≥ 1.13): the same functions as on <see cref="tf"/> under their tf.math names.</summary>
    public static partial class math
    {
        /// <inheritdoc cref="tf.add(Tensor, Tensor, string)"/>
        public static Tensor add(Tensor x, Tensor y, string name = null) => tf.add(x, y, name);
        /// <inheritdoc cref="tf.subtract(Tensor, Tensor, string)"/>
        public static Tensor subtract(Tensor x, Tensor y, string name = null) => tf.subtract(x, y, name);
        /// <inheritdoc cref="tf.multiply(Tensor, Tensor, string)"/>
        public static Tensor multiply(Tensor x, Tensor y, string name = null) => tf.multiply(x, y, name);
        /// <inheritdoc cref="tf.divide(Tensor, Tensor, string)"/>
        public static Tensor divide(Tensor x, Tensor y, string name = null) => tf.divide(x, y, name);
        /// <inheritdoc cref="tf.truediv(Tensor, Tensor, string)"/>
        public static Tensor truediv(Tensor x, Tensor y, string name = null) => tf.truediv(x, y, name);
        /// <inheritdoc cref="tf.negative"/>
        public static Tensor negative(Tensor x, string name = null) => tf.negative(x, name);
        /// <inheritdoc cref="tf.add_n"/>
        public static Tensor add_n(Tensor[] inputs, string name = null) => tf.add_n(inputs, name);
        /// <inheritdoc cref="tf.squared_difference(Tensor, Tensor, string)"/>
        public static Tensor squared_difference(Tensor x, Tensor y, string name = null) => tf.squared_difference(x, y, name);
        /// <inheritdoc cref="tf.maximum(Tensor, Tensor, string)"/>
        public static Tensor maximum(Tensor x, Tensor y, string name = null) => tf.maximum(x, y, name);
        /// <inheritdoc cref="tf.minimum(Tensor, Tensor, string)"/>
        public static Tensor minimum(Tensor x, Tensor y, string name = null) => tf.minimum(x, y, name);
        /// <inheritdoc cref="tf.log"/>
        public static Tensor log(Tensor x, string name = null) => tf.log(x, name);
        /// <inheritdoc cref="tf.log1p"/>
        public static Tensor log1p(Tensor x, string name = null) => tf.log1p(x, name);
        /// <inheritdoc cref="tf.sin"/>
        public static Tensor sin(Tensor x, string name = null) => tf.sin(x, name);
        /// <inheritdoc cref="tf.cos"/>
        public static Tensor cos(Tensor x, string name = null) => tf.cos(x, name);
        /// <inheritdoc cref="tf.tan"/>
        public static Tensor tan(Tensor x, string name = null) => tf.tan(x, name);
        /// <inheritdoc cref="tf.asin"/>
        public static Tensor asin(Tensor x, string name = null) => tf.asin(x, name);
        /// <inheritdoc cref="tf.acos"/>
        public static Tensor acos(Tensor x, string name = null) => tf.acos(x, name);
        /// <inheritdoc cref="tf.atan"/>
        public static Tensor atan(Tensor x, string name = null) => tf.atan(x, name);
        /// <inheritdoc cref="tf.exp"/>
        public static Tensor exp(Tensor x, string name = null) => tf.exp(x, name);
        /// <inheritdoc cref="tf.square"/>
        public static Tensor square(Tensor x, string name = null) => tf.square(x, name);
        /// <inheritdoc cref="tf.sqrt"/>
        public static Tensor sqrt(Tensor x, string name = null) => tf.sqrt(x, name);
        /// <inheritdoc cref="tf.rsqrt"/>
        public static Tensor rsqrt(Tensor x, string name = null) => tf.rsqrt(x, name);
        /// <inheritdoc cref="tf.pow(Tensor, Tensor, string)"/>
        public static Tensor pow(Tensor x, Tensor y, string name = null) => tf.pow(x, y, name);
        /// <inheritdoc cref="tf.abs"/>
        public static Tensor abs(Tensor x, string name = null) => tf.abs(x, name);
        /// <inheritdoc cref="tf.sign"/>
        public static Tensor sign(Tensor x, string name = null) => tf.sign(x, name);
        /// <inheritdoc cref="tf.reciprocal"/>
        public static Tensor reciprocal(Tensor x, string name = null) => tf.reciprocal(x, name);
        /// <inheritdoc cref="tf.ceil"/>
        public static Tensor ceil(Tensor x, string name = null) => tf.ceil(x, name);
        /// <inheritdoc cref="tf.round"/>
        public static Tensor round(Tensor x, string name = null) => tf.round(x, name);
        /// <inheritdoc cref="tf.sigmoid(Tensor, string)"/>
        public static Tensor sigmoid(Tensor x, string name = null) => tf.sigmoid(x, name);
        /// <inheritdoc cref="tf.tanh(Tensor, string)"/>
        public static Tensor tanh(Tensor x, string name = null) => tf.tanh(x, name);
        /// <inheritdoc cref="tf.nn.softplus(Tensor, string)"/>
        public static Tensor softplus(Tensor features, string name = null) => tf.nn.softplus(features, name);
        /// <inheritdoc cref="tf.nn.log_softmax"/>
        public static Tensor log_softmax(Tensor logits, int axis = -1, string name = null) => tf.nn.log_softmax(logits, axis, name);
        /// <inheritdoc cref="tf.nn.l2_normalize"/>
        public static Tensor l2_normalize(Tensor x, Axis? axis = null, double epsilon = 1e-12, string name = null) => tf.nn.l2_normalize(x, axis, epsilon, name);
        /// <inheritdoc cref="tf.equal"/>
        public static Tensor equal(Tensor x, Tensor y, string name = null) => tf.equal(x, y, name);
        /// <inheritdoc cref="tf.not_equal"/>
        public static Tensor not_equal(Tensor x, Tensor y, string name = null) => tf.not_equal(x, y, name);
        /// <inheritdoc cref="tf.less"/>
        public static Tensor less(Tensor x, Tensor y, string name = null) => tf.less(x, y, name);
        /// <inheritdoc cref="tf.less_equal"/>
        public static Tensor less_equal(Tensor x, Tensor y, string name = null) => tf.less_equal(x, y, name);
        /// <inheritdoc cref="tf.greater"/>
        public static Tensor greater(Tensor x, Tensor y, string name = null) => tf.greater(x, y, name);
        /// <inheritdoc cref="tf.greater_equal"/>
        public static Tensor greater_equal(Tensor x, Tensor y, string name = null) => tf.greater_equal(x, y, name);
        /// <inheritdoc cref="tf.logical_and"/>
        public static Tensor logical_and(Tensor x, Tensor y, string name = null) => tf.logical_and(x, y, name);
        /// <inheritdoc cref="tf.logical_or"/>
        public static Tensor logical_or(Tensor x, Tensor y, string name = null) => tf.logical_or(x, y, name);
        /// <inheritdoc cref="tf.logical_not"/>
        public static Tensor logical_not(Tensor x, string name = null) => tf.logical_not(x, name);
        /// <inheritdoc cref="tf.reduce_sum(Tensor, Axis?, bool, string, Axis?, bool)"/>
        public static Tensor reduce_sum(Tensor input_tensor, Axis? axis = null, bool keepdims = false, string name = null) => tf.reduce_sum(input_tensor, axis, keepdims, name);
        /// <inheritdoc cref="tf.reduce_mean(Tensor, Axis?, bool, string, Axis?, bool)"/>
        public static Tensor reduce_mean(Tensor input_tensor, Axis? axis = null, bool keepdims = false, string name = null) => tf.reduce_mean(input_tensor, axis, keepdims, name);
        /// <inheritdoc cref="tf.reduce_max"/>
        public static Tensor reduce_max(Tensor input_tensor, Axis? axis = null, bool keepdims = false, string name = null) => tf.reduce_max(input_tensor, axis, keepdims, name);
        /// <inheritdoc cref="tf.reduce_min"/>
        public static Tensor reduce_min(Tensor input_tensor, Axis? axis = null, bool keepdims = false, string name = null) => tf.reduce_min(input_tensor, axis, keepdims, name);
        /// <inheritdoc cref="tf.reduce_prod"/>
        public static Tensor reduce_prod(Tensor input_tensor, Axis? axis = null, bool keepdims = false, string name = null) => tf.reduce_prod(input_tensor, axis, keepdims, name);
        /// <inheritdoc cref="tf.reduce_any"/>
        public static Tensor reduce_any(Tensor input_tensor, Axis? axis = null, bool keepdims = false, string name = null) => tf.reduce_any(input_tensor, axis, keepdims, name);
        /// <inheritdoc cref="tf.reduce_all"/>
        public static Tensor reduce_all(Tensor input_tensor, Axis? axis = null, bool keepdims = false, string name = null) => tf.reduce_all(input_tensor, axis, keepdims, name);
        /// <inheritdoc cref="tf.count_nonzero"/>
        public static Tensor count_nonzero(Tensor input_tensor, Axis? axis = null, bool keepdims = false, DType dtype = DType.Int64, string name = null) =>
            tf.count_nonzero(input_tensor, axis, keepdims, dtype, name);
        /// <inheritdoc cref="tf.argmax"/>
        public static Tensor argmax(Tensor input, int axis, string name = null, DType output_type = DType.Int64) => tf.argmax(input, axis, name, output_type);
        /// <inheritdoc cref="tf.argmin"/>
        public static Tensor argmin(Tensor input, int axis, string name = null, DType output_type = DType.Int64) => tf.argmin(input, axis, name, output_type);
        /// <inheritdoc cref="tf.cumsum"/>
        public static Tensor cumsum(Tensor x, int axis = 0, bool exclusive = false, bool reverse = false, string name = null) => tf.cumsum(x, axis, exclusive, reverse, name);
        /// <inheritdoc cref="tf.cumprod"/>
        public static Tensor cumprod(Tensor x, int axis = 0, bool exclusive = false, bool reverse = false, string name = null) => tf.cumprod(x, axis, exclusive, reverse, name);

        /// <summary>Sums the rows of <paramref name="data"/> into <paramref name="num_segments"/> segments by <paramref name="segment_ids"/> (negative ids are dropped).</summary>
        public static Tensor unsorted_segment_sum(Tensor data, Tensor segment_ids, int num_segments, string name = null) =>
            GatherOps.UnsortedSegmentSum(data, segment_ids, OpBuilder.IntScalar(data.graph, num_segments, "num_segments"), name);
    }

    /// <inheritdoc cref="math.unsorted_segment_sum"/>
    public static Tensor unsorted_segment_sum(Tensor data, Tensor segment_ids, int num_segments, string name = null) =>
        math.unsorted_segment_sum(data, segment_ids, num_segments, name);
}
