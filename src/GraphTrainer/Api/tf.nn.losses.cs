namespace GraphTrainer;

public static partial class tf
{
    public static partial class nn
    {
        /// <summary>
        /// Per-row cross-entropy between integer class <paramref name="labels"/> [batch] and softmax(<paramref name="logits"/>)
        /// [batch, classes] (op SparseSoftmaxCrossEntropyWithLogits). Named arguments only (see <paramref name="_sentinel"/>).
        /// </summary>
        /// <exception cref="ValueError">Called positionally; labels' rank is not logits' rank minus 1; labels are not integers.</exception>
        public static Tensor sparse_softmax_cross_entropy_with_logits(Tensor _sentinel = null, Tensor labels = null, Tensor logits = null, string name = null)
        {
            Sentinel.Require("sparse_softmax_cross_entropy_with_logits", _sentinel, labels, logits);
            if (labels.dtype is not (DType.Int32 or DType.Int64))
                throw new ValueError($"labels must be int32 or int64 class indices, got {labels.dtype.Name()}.");
            if (logits.shape.HasRank && logits.shape.ndim == 0)
                throw new ValueError($"Logits cannot be scalars - received shape {logits.shape}.");
            if (labels.shape.HasRank && logits.shape.HasRank && labels.shape.ndim != logits.shape.ndim - 1)
                throw new ValueError($"Rank mismatch: Rank of labels (received {labels.shape.ndim}) should equal rank of logits minus 1 (received {logits.shape.ndim}).");
            using (get_default_graph().name_scope(name ?? "SparseSoftmaxCrossEntropyWithLogits"))
                return LossOps.SparseSoftmaxCrossEntropyWithLogits(logits, labels).Outputs[0];
        }

        /// <summary>
        /// Per-element logistic loss between <paramref name="labels"/> in [0, 1] and sigmoid(<paramref name="logits"/>), in
        /// TensorFlow's overflow-free form <c>max(x, 0) − x·z + log(1 + e^−|x|)</c> (name scope <c>logistic_loss</c>).
        /// Named arguments only (see <paramref name="_sentinel"/>).
        /// </summary>
        /// <exception cref="ValueError">Called positionally, or labels and logits have different shapes.</exception>
        public static Tensor sigmoid_cross_entropy_with_logits(Tensor _sentinel = null, Tensor labels = null, Tensor logits = null, string name = null)
        {
            Sentinel.Require("sigmoid_cross_entropy_with_logits", _sentinel, labels, logits);
            if (!logits.shape.IsCompatibleWith(labels.shape))
                throw new ValueError($"logits and labels must have the same shape ({logits.shape} vs {labels.shape})");
            using var scope = get_default_graph().name_scope(name ?? "logistic_loss");
            var zeros = FillOps.ZerosLike(logits);
            var cond = ComparisonOps.Compare("GreaterEqual", logits, zeros);
            var reluLogits = ComparisonOps.Select(cond, logits, zeros);
            var negAbsLogits = ComparisonOps.Select(cond, MathOps.Neg(logits), logits);
            return MathOps.Add(MathOps.Sub(reluLogits, MathOps.Mul(logits, labels)),
                UnaryOps.Unary("Log1p", UnaryOps.Unary("Exp", negAbsLogits)), scope.Name + "/");
        }

        /// <summary>
        /// <c>x / √max(Σx², epsilon)</c> over <paramref name="axis"/> (all axes when null; TF1's <paramref name="dim"/> is
        /// accepted too), as TensorFlow builds it from Square, Sum, Maximum, Rsqrt and Mul.
        /// </summary>
        public static Tensor l2_normalize(Tensor x, Axis? axis = null, double epsilon = 1e-12, string name = null, Axis? dim = null)
        {
            using var scope = get_default_graph().name_scope(name ?? "l2_normalize");
            var squareSum = ReductionOps.Sum(UnaryOps.Unary("Square", x), ReductionOps.AxesFor(x, (axis ?? dim)?.Axes), keepDims: true);
            var invNorm = UnaryOps.Unary("Rsqrt", MathOps.Maximum(squareSum, OpBuilder.Scalar(x.graph, epsilon, x.dtype)));
            return MathOps.Mul(x, invNorm, scope.Name + "/");
        }

        /// <summary>
        /// Mean and variance of <paramref name="x"/> over <paramref name="axes"/> (name scope <c>moments</c>): the
        /// variance is the mean squared difference from the mean, with the mean's gradient stopped there, as in
        /// TensorFlow. Reduced axes are kept (size 1) when <paramref name="keep_dims"/>, else squeezed.
        /// </summary>
        public static (Tensor mean, Tensor variance) moments(Tensor x, int[] axes, Tensor shift = null, string name = null, bool keep_dims = false)
        {
            using var scope = get_default_graph().name_scope(name ?? "moments");
            var axesTensor = ReductionOps.AxesFor(x, axes);
            var mean = ReductionOps.Mean(x, axesTensor, keepDims: true, name: "mean");
            var variance = ReductionOps.Mean(MathOps.SquaredDifference(x, ShapeArrayOps.StopGradient(mean)), axesTensor, keepDims: true, name: "variance");
            if (!keep_dims)
            {
                mean = ShapeArrayOps.Squeeze(mean, axes);
                variance = ShapeArrayOps.Squeeze(variance, axes);
            }
            return (mean, variance);
        }

        /// <summary>log(softmax(logits)) over the last axis, computed stably (op LogSoftmax).</summary>
        public static Tensor log_softmax(Tensor logits, int axis = -1, string name = null)
        {
            if (axis != -1 && !(logits.shape.HasRank && axis == logits.shape.ndim - 1))
                throw new ValueError("tf.nn.log_softmax supports the last axis only.");
            return LossOps.LogSoftmax(logits, name);
        }

        /// <summary>sum(t²) / 2 (op L2Loss), the usual weight-decay term.</summary>
        public static Tensor l2_loss(Tensor t, string name = null) => LossOps.L2Loss(t, name);

        /// <summary>Exponential linear unit: x for x &gt; 0, eˣ − 1 otherwise (op Elu).</summary>
        public static Tensor elu(Tensor features, string name = null) => UnaryOps.Unary("Elu", features, name);
        /// <summary>Exponential linear unit (one-argument form, for <c>activation: tf.nn.elu</c>).</summary>
        public static Tensor elu(Tensor features) => elu(features, null);

        /// <summary>Leaky ReLU: x for x &gt; 0, alpha·x otherwise (op LeakyRelu, TF's default alpha 0.2).</summary>
        public static Tensor leaky_relu(Tensor features, double alpha = 0.2, string name = null) => ActivationOps.LeakyRelu(features, alpha, name);
        /// <summary>Leaky ReLU with alpha 0.2 (one-argument form, for <c>activation: tf.nn.leaky_relu</c>).</summary>
        public static Tensor leaky_relu(Tensor features) => leaky_relu(features, 0.2, null);

        /// <summary>log(1 + eˣ) (op Softplus).</summary>
        public static Tensor softplus(Tensor features, string name = null) => UnaryOps.Unary("Softplus", features, name);
        /// <summary>log(1 + eˣ) (one-argument form, for <c>activation: tf.nn.softplus</c>).</summary>
        public static Tensor softplus(Tensor features) => softplus(features, null);
    }
}
