namespace GraphTrainer;

public static partial class tf
{
    public static partial class contrib
    {
        public static partial class layers
        {
            /// <summary>
            /// <c>tf.contrib.layers.fully_connected</c> with its default ReLU activation: variables
            /// <c>fully_connected/weights</c> (Xavier uniform unless <paramref name="weights_initializer"/>) and
            /// <c>fully_connected/biases</c> (zeros unless <paramref name="biases_initializer"/>) in a scope named
            /// <paramref name="scope"/> or <c>fully_connected</c>, <c>fully_connected_1</c>, …
            /// </summary>
            public static Tensor fully_connected(Tensor inputs, int num_outputs,
                Initializer weights_initializer = null, Func<Tensor, Tensor> weights_regularizer = null,
                Initializer biases_initializer = null, Func<Tensor, Tensor> biases_regularizer = null,
                VariableReuse? reuse = null, bool trainable = true, string scope = null) =>
                fully_connected(inputs, num_outputs, nn.relu, weights_initializer, weights_regularizer, biases_initializer,
                    biases_regularizer, reuse, trainable, scope);

            /// <summary>
            /// <c>tf.contrib.layers.fully_connected</c> with an explicit activation; <c>activation_fn: null</c> is linear
            /// (TF's <c>activation_fn=None</c>, for logits).
            /// </summary>
            public static Tensor fully_connected(Tensor inputs, int num_outputs, Func<Tensor, Tensor> activation_fn,
                Initializer weights_initializer = null, Func<Tensor, Tensor> weights_regularizer = null,
                Initializer biases_initializer = null, Func<Tensor, Tensor> biases_regularizer = null,
                VariableReuse? reuse = null, bool trainable = true, string scope = null)
            {
                using var layer = LayerScope.Enter(scope, "fully_connected", reuse);
                return DenseLayer.Build(layer, inputs, num_outputs, activation_fn, true,
                    weights_initializer ?? new GlorotInitializer(dtype: inputs.dtype), biases_initializer,
                    weights_regularizer, biases_regularizer, trainable, "weights", "biases", "fully_connected");
            }

            /// <summary><c>tf.contrib.layers.flatten</c>: [batch, d1, …] → [batch, d1·…] under the name scope <c>Flatten</c>.</summary>
            public static Tensor flatten(Tensor inputs, string scope = null)
            {
                using (get_default_graph().name_scope(scope ?? "Flatten"))
                    return DenseLayer.Flatten(inputs);
            }

            /// <summary>
            /// <c>tf.contrib.layers.l2_regularizer(scale)</c>: a function giving <c>scale · l2_loss(w)</c> (op
            /// <c>l2_regularizer</c>); with scale 0 it gives null (no loss), as TensorFlow's returns None.
            /// </summary>
            /// <exception cref="ValueError">The scale is negative.</exception>
            public static Func<Tensor, Tensor> l2_regularizer(double scale, string scope = null)
            {
                if (scale < 0) throw new ValueError($"Setting a scale less than 0 on a regularizer: {PythonG(scale)}");
                if (scale == 0) return _ => null;
                return weights =>
                {
                    using var ns = weights.graph.name_scope(scope ?? "l2_regularizer");
                    var s = OpBuilder.Scalar(weights.graph, scale, weights.dtype, "scale");
                    return MathOps.Mul(s, LossOps.L2Loss(weights), ns.Name + "/");
                };
            }

            /// <summary>
            /// <c>tf.contrib.layers.l1_regularizer(scale)</c>: a function giving <c>scale · Σ|w|</c> (op <c>l1_regularizer</c>);
            /// with scale 0 it gives null (no loss).
            /// </summary>
            /// <exception cref="ValueError">The scale is negative.</exception>
            public static Func<Tensor, Tensor> l1_regularizer(double scale, string scope = null)
            {
                if (scale < 0) throw new ValueError($"Setting a scale less than 0 on a regularizer: {PythonG(scale)}");
                if (scale == 0) return _ => null;
                return weights =>
                {
                    using var ns = weights.graph.name_scope(scope ?? "l1_regularizer");
                    var s = OpBuilder.Scalar(weights.graph, scale, weights.dtype, "scale");
                    var abs = UnaryOps.Unary("Abs", weights);
                    return MathOps.Mul(s, ReductionOps.Sum(abs, ReductionOps.AxesFor(abs, null)), ns.Name + "/");
                };
            }

            private static string PythonG(double v) => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
