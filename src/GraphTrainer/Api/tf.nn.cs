namespace GraphTrainer;

public static partial class tf
{
    /// <summary>Neural-network ops (tf.nn).</summary>
    public static partial class nn
    {
        /// <summary>max(x, 0).</summary>
        public static Tensor relu(Tensor features, string name = null) => UnaryOps.Unary("Relu", features, name);
        /// <summary>Logistic sigmoid.</summary>
        public static Tensor sigmoid(Tensor x, string name = null) => UnaryOps.Unary("Sigmoid", x, name);
        /// <summary>Hyperbolic tangent.</summary>
        public static Tensor tanh(Tensor x, string name = null) => UnaryOps.Unary("Tanh", x, name);
        /// <summary>Softmax over the last axis.</summary>
        public static Tensor softmax(Tensor logits, int axis = -1, string name = null)
        {
            if (axis != -1 && !(logits.shape.HasRank && axis == logits.shape.ndim - 1))
                throw new ValueError("tf.nn.softmax supports the last axis only.");
            return NnOps.Softmax(logits, name);
        }

        /// <summary>
        /// Per-row cross-entropy between <paramref name="labels"/> (a distribution per row) and softmax(<paramref name="logits"/>).
        /// Call it with named arguments only: <paramref name="_sentinel"/> catches the TF ≤ 0.12 positional order
        /// <c>(logits, labels)</c>, which TensorFlow ≥ 1.0 refuses in the same way.
        /// </summary>
        /// <exception cref="ValueError">Called positionally, or without both labels and logits.</exception>
        public static Tensor softmax_cross_entropy_with_logits(Tensor _sentinel = null, Tensor labels = null, Tensor logits = null, int dim = -1, string name = null)
        {
            Sentinel.Require("softmax_cross_entropy_with_logits", _sentinel, labels, logits);
            if (dim != -1 && !(logits.shape.HasRank && dim == logits.shape.ndim - 1))
                throw new ValueError("softmax_cross_entropy_with_logits supports the last dimension only.");
            return NnOps.SoftmaxCrossEntropyWithLogits(logits, labels, name).Outputs[0];
        }

        /// <summary>Same as <see cref="softmax_cross_entropy_with_logits"/> (the v2 variant also back-propagates into labels in TensorFlow; here labels get no gradient).</summary>
        public static Tensor softmax_cross_entropy_with_logits_v2(Tensor _sentinel = null, Tensor labels = null, Tensor logits = null, int dim = -1, string name = null)
        {
            Sentinel.Require("softmax_cross_entropy_with_logits_v2", _sentinel, labels, logits);
            return softmax_cross_entropy_with_logits(labels: labels, logits: logits, dim: dim, name: name);
        }
    }
}
