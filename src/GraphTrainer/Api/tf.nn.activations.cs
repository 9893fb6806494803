namespace GraphTrainer;

// One-argument overloads of the activations. A method group converts to a delegate only through a method whose
// parameters match exactly (optional parameters do not count), so these let TF1's `activation=tf.nn.relu` port as
// `activation: tf.nn.relu` to the Func<Tensor, Tensor> that tf.layers.* take; direct calls pick them too (same ops).
public static partial class tf
{
    /// <summary>Logistic sigmoid (one-argument form, for <c>activation: tf.sigmoid</c>).</summary>
    public static Tensor sigmoid(Tensor x) => sigmoid(x, null);
    /// <summary>Hyperbolic tangent (one-argument form, for <c>activation: tf.tanh</c>).</summary>
    public static Tensor tanh(Tensor x) => tanh(x, null);
    /// <summary>Identity (one-argument form, for <c>activation: tf.identity</c>).</summary>
    public static Tensor identity(Tensor input) => identity(input, null);

    public static partial class nn
    {
        /// <summary>max(x, 0) (one-argument form, for <c>activation: tf.nn.relu</c>).</summary>
        public static Tensor relu(Tensor features) => relu(features, null);
        /// <summary>Logistic sigmoid (one-argument form).</summary>
        public static Tensor sigmoid(Tensor x) => sigmoid(x, null);
        /// <summary>Hyperbolic tangent (one-argument form).</summary>
        public static Tensor tanh(Tensor x) => tanh(x, null);
        /// <summary>Softmax over the last axis (one-argument form, for <c>activation: tf.nn.softmax</c>).</summary>
        public static Tensor softmax(Tensor logits) => softmax(logits, -1, null);
    }
}
