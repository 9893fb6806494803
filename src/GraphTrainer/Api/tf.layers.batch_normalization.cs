namespace GraphTrainer;

public static partial class tf
{
    public static partial class nn
    {
        /// <summary>
        /// <c>x · inv + (offset − mean · inv)</c> with <c>inv = scale / √(variance + ε)</c> (name scope <c>batchnorm</c>), as
        /// TensorFlow builds it; <paramref name="offset"/> and <paramref name="scale"/> may be null.
        /// </summary>
        public static Tensor batch_normalization(Tensor x, Tensor mean, Tensor variance, Tensor offset, Tensor scale, double variance_epsilon, string name = null)
        {
            using var ns = x.graph.name_scope(name ?? "batchnorm");
            var inv = UnaryOps.Unary("Rsqrt", MathOps.Add(variance, OpBuilder.Scalar(x.graph, variance_epsilon, variance.dtype)));
            if (scale != null) inv = MathOps.Mul(inv, scale);
            var shift = offset != null ? MathOps.Sub(offset, MathOps.Mul(mean, inv)) : MathOps.Neg(MathOps.Mul(mean, inv));
            return MathOps.Add(MathOps.Mul(x, inv), shift, ns.Name + "/");
        }
    }

    public static partial class layers
    {
        /// <summary>
        /// TF1's <c>tf.layers.batch_normalization</c> with a fixed mode: <paramref name="training"/> true normalizes by the
        /// batch's moments and adds the moving-average updates (<c>moving = moving − (moving − batch)·(1 − momentum)</c>)
        /// to <see cref="GraphKeys.UPDATE_OPS"/> — run them with the train op, e.g. under
        /// <c>tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS))</c>; false (the default) normalizes by
        /// <c>moving_mean</c> / <c>moving_variance</c>. Variables <c>gamma</c> (ones), <c>beta</c> (zeros), and the
        /// non-trainable <c>moving_mean</c> (zeros) and <c>moving_variance</c> (ones), in a layer scope named
        /// <paramref name="name"/> or <c>batch_normalization</c>, <c>batch_normalization_1</c>, …
        /// </summary>
        /// <exception cref="ValueError">The size of <paramref name="axis"/> is unknown.</exception>
        public static Tensor batch_normalization(Tensor inputs, int axis = -1, double momentum = 0.99, double epsilon = 1e-3,
            bool center = true, bool scale = true, Initializer beta_initializer = null, Initializer gamma_initializer = null,
            Initializer moving_mean_initializer = null, Initializer moving_variance_initializer = null,
            Func<Tensor, Tensor> beta_regularizer = null, Func<Tensor, Tensor> gamma_regularizer = null,
            bool training = false, bool trainable = true, string name = null, VariableReuse? reuse = null) =>
            BatchNormLayer.Build(inputs, axis, momentum, epsilon, center, scale, beta_initializer, gamma_initializer, moving_mean_initializer,
                moving_variance_initializer, beta_regularizer, gamma_regularizer, training ? null : false, null, trainable, name, reuse);

        /// <summary>
        /// <c>tf.layers.batch_normalization</c> whose mode is a bool tensor fed at run time (<c>training: is_training</c>):
        /// batch moments and momentum updates where it is true, the moving averages and unchanged averages where false.
        /// </summary>
        public static Tensor batch_normalization(Tensor inputs, Tensor training, int axis = -1, double momentum = 0.99, double epsilon = 1e-3,
            bool center = true, bool scale = true, Initializer beta_initializer = null, Initializer gamma_initializer = null,
            Initializer moving_mean_initializer = null, Initializer moving_variance_initializer = null,
            Func<Tensor, Tensor> beta_regularizer = null, Func<Tensor, Tensor> gamma_regularizer = null,
            bool trainable = true, string name = null, VariableReuse? reuse = null)
        {
            ArgumentNullException.ThrowIfNull(training);
            if (training.dtype != DType.Bool) throw new TypeError($"training must be a bool tensor, got {training.dtype.Name()}.");
            return BatchNormLayer.Build(inputs, axis, momentum, epsilon, center, scale, beta_initializer, gamma_initializer, moving_mean_initializer,
                moving_variance_initializer, beta_regularizer, gamma_regularizer, null, training, trainable, name, reuse);
        }
    }
}

/// <summary>The body of <c>tf.layers.batch_normalization</c>: fixed mode (<c>fixedTraining</c> true/false) or a run-time bool tensor.</summary>
internal static class BatchNormLayer
{
    public static Tensor Build(Tensor inputs, int axis, double momentum, double epsilon, bool center, bool scale,
        Initializer betaInit, Initializer gammaInit, Initializer movingMeanInit, Initializer movingVarianceInit,
        Func<Tensor, Tensor> betaRegularizer, Func<Tensor, Tensor> gammaRegularizer,
        bool? fixedTraining, Tensor trainingTensor, bool trainable, string name, VariableReuse? reuse)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var shape = inputs.shape;
        if (!shape.HasRank) throw new ValueError($"Input {inputs.name} has undefined rank.");
        int rank = shape.ndim;
        int a = OpBuilder.NormalizeAxis(axis, rank);
        int channels = shape[a];
        if (channels < 0) throw new ValueError($"Input has undefined `axis` dimension. Input shape: {shape}");
        bool training = fixedTraining ?? true; // a tensor mode builds both paths
        var dtype = inputs.dtype;

        using var layer = LayerScope.Enter(name, "batch_normalization", reuse);
        var g = layer.Graph;
        var paramShape = new TensorShape(channels);
        var gamma = scale ? layer.AddWeight("gamma", paramShape, gammaInit ?? new OnesInitializer(dtype), gammaRegularizer, trainable, dtype) : null;
        var beta = center ? layer.AddWeight("beta", paramShape, betaInit ?? new ZerosInitializer(dtype), betaRegularizer, trainable, dtype) : null;
        var movingMean = layer.AddWeight("moving_mean", paramShape, movingMeanInit ?? new ZerosInitializer(dtype), null, false, dtype);
        var movingVariance = layer.AddWeight("moving_variance", paramShape, movingVarianceInit ?? new OnesInitializer(dtype), null, false, dtype);

        Tensor mean = movingMean, variance = movingVariance;
        if (training)
        {
            var reductionAxes = Enumerable.Range(0, rank).Where(k => k != a).ToArray();
            var (batchMean, batchVariance) = tf.nn.moments(inputs, reductionAxes);
            if (trainingTensor == null) (mean, variance) = (batchMean, batchVariance);
            else
            {
                mean = ComparisonOps.Select(trainingTensor, batchMean, movingMean);
                variance = ComparisonOps.Select(trainingTensor, batchVariance, movingVariance);
            }
            // decay = 1 − momentum while training; 0 (no change) when a run-time mode says inference.
            var decay = OpBuilder.Scalar(g, 1 - momentum, dtype, "decay");
            if (trainingTensor != null) decay = ComparisonOps.Select(trainingTensor, decay, OpBuilder.Scalar(g, 0, dtype));
            g.add_to_collection(GraphKeys.UPDATE_OPS, MovingAverageUpdate(movingMean, batchMean, decay, "AssignMovingAvg"));
            g.add_to_collection(GraphKeys.UPDATE_OPS, MovingAverageUpdate(movingVariance, batchVariance, decay, "AssignMovingAvg_1"));
        }

        if (a != rank - 1)
        {
            // Parameters of shape [C] broadcast along axis a as [1, …, C, …, 1].
            var broadcastShape = Enumerable.Range(0, rank).Select(k => k == a ? channels : 1).ToArray();
            Tensor Expand(Tensor t) => t == null ? null : ArrayOps.Reshape(t, OpBuilder.IntVector(g, broadcastShape));
            return tf.nn.batch_normalization(inputs, Expand(mean), Expand(variance), Expand(beta), Expand(gamma), epsilon);
        }
        return tf.nn.batch_normalization(inputs, mean, variance, beta, gamma, epsilon);
    }

    // TensorFlow's _assign_moving_average: variable −= (variable − value) · decay, written as one Assign.
    private static Tensor MovingAverageUpdate(RefVariable variable, Tensor value, Tensor decay, string name)
    {
        using var ns = variable.graph.name_scope(name);
        var delta = MathOps.Mul(MathOps.Sub(variable, value), decay);
        return variable.assign(MathOps.Sub(variable, delta), name: ns.Name + "/");
    }
}
