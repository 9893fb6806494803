namespace GraphTrainer;

public static partial class tf
{
    public static partial class nn
    {
        /// <summary>
        /// TF1's <c>tf.nn.fused_batch_norm</c> over a 4-D <paramref name="x"/> (NHWC or NCHW), per channel:
        /// <c>y = scale · (x − μ) / √(σ² + ε) + offset</c>. Training (<paramref name="is_training"/>, the default) normalizes
        /// with the batch's mean and biased variance and returns the variance Bessel-corrected (n/(n − 1), n values per
        /// channel), as TensorFlow's op returns it for moving averages; inference uses <paramref name="mean"/> and
        /// <paramref name="variance"/> and returns them. ε below 1.001e-5 is raised to it, as TensorFlow does.
        /// Built from primitive ops (its gradient is theirs), not TensorFlow's single FusedBatchNorm op.
        /// </summary>
        public static (Tensor y, Tensor batch_mean, Tensor batch_variance) fused_batch_norm(Tensor x, Tensor scale, Tensor offset,
            Tensor mean = null, Tensor variance = null, double epsilon = 0.001, string data_format = "NHWC", bool is_training = true, string name = null)
        {
            ConvAttrs.RequireOneOf("data_format", data_format, "NHWC", "NCHW");
            if (x.shape.HasRank && x.shape.ndim != 4) throw new ValueError($"Shape must be rank 4 but is rank {x.shape.ndim}");
            if (!is_training && (mean == null || variance == null))
                throw new ValueError("When is_training=false, mean and variance must be given (the running averages).");
            bool channelsFirst = data_format == "NCHW";
            double eps = Math.Max(epsilon, 1.001e-5);
            using var scope = x.graph.name_scope(name ?? "FusedBatchNorm");
            // Per-channel vectors broadcast over [n, c, h, w] as [c, 1, 1].
            Tensor PerChannel(Tensor v) => channelsFirst ? tf.reshape(v, new[] { -1, 1, 1 }) : v;
            Tensor batchMean = mean, batchVariance = variance, normalizingVariance = variance;
            if (is_training)
            {
                (batchMean, normalizingVariance) = moments(x, channelsFirst ? new[] { 0, 2, 3 } : new[] { 0, 1, 2 });
                var perChannel = MathOps.RealDiv(tf.cast(tf.size(x), x.dtype), tf.cast(tf.shape(x)[channelsFirst ? 1 : 3], x.dtype));
                var one = OpBuilder.Scalar(x.graph, 1, x.dtype);
                batchVariance = MathOps.Mul(normalizingVariance, MathOps.RealDiv(perChannel, MathOps.Maximum(MathOps.Sub(perChannel, one), one)));
            }
            var y = batch_normalization(x, PerChannel(batchMean), PerChannel(normalizingVariance), PerChannel(offset), PerChannel(scale), eps);
            return (y, batchMean, batchVariance);
        }
    }
}
