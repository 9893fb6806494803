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
