namespace GraphTrainer.Cli.Model;

/// <summary>Fully connected layers as TensorFlow's MNIST tutorial names them (<c>hidden1/weights</c>, <c>softmax_linear/biases</c>).</summary>
public static class DenseLayers
{
    /// <summary>
    /// Stacks dense layers of <paramref name="sizes"/> (input width first, logits width last) on
    /// <paramref name="input"/>: ReLU between layers, none on the output. Returns the logits and adds the
    /// variables and summary rows to the lists.
    /// </summary>
    public static Tensor Stack(Tensor input, IReadOnlyList<int> sizes, List<RefVariable> parameters, List<LayerSummary> layers)
    {
        Tensor activations = input;
        for (int layer = 1; layer < sizes.Count; layer++)
        {
            bool output = layer == sizes.Count - 1;
            string name = output ? "softmax_linear" : $"hidden{layer}";
            using (tf.name_scope(name))
            {
                int fanIn = sizes[layer - 1], fanOut = sizes[layer];
                // He initialization suits ReLU layers; the output layer uses the same scale, which trains well here.
                float stddev = (float)Math.Sqrt(2.0 / fanIn);
                var weights = tf.Variable(tf.truncated_normal(new[] { fanIn, fanOut }, stddev: stddev), name: "weights");
                var biases = tf.Variable(tf.zeros(fanOut), name: "biases");
                parameters.Add(weights);
                parameters.Add(biases);
                var affine = tf.add(tf.matmul(activations, weights), biases);
                activations = output ? affine : tf.nn.relu(affine);
                layers.Add(new LayerSummary(name, output ? "Dense" : "Dense, relu", $"(None, {fanOut})", (long)fanIn * fanOut + fanOut));
            }
        }
        return activations;
    }
}
