namespace GraphTrainer;

public static partial class tf
{
    /// <summary>Element-wise ⌊x⌋.</summary>
    public static Tensor floor(Tensor x, string name = null) => UnaryOps.Unary("Floor", x, name);

    public static partial class nn
    {
        /// <summary>
        /// TF1's dropout: keeps each element with probability <paramref name="keep_prob"/> and scales it by 1/keep_prob, else 0.
        /// <paramref name="keep_prob"/> may be a fed placeholder (feed 1.0 to evaluate without dropout). Built as TensorFlow
        /// builds it: x / keep_prob · ⌊keep_prob + uniform[0, 1)⌋, the uniform of <paramref name="noise_shape"/> (default shape(x)).
        /// </summary>
        public static Tensor dropout(Tensor x, Tensor keep_prob = null, Tensor noise_shape = null, int? seed = null, string name = null, double? rate = null)
        {
            if (keep_prob == null && rate == null) throw new ValueError("You must provide a rate to dropout.");
            if (keep_prob != null && rate != null) throw new ValueError("You cannot provide both keep_prob and rate.");
            return rate is double r ? Dropout(x, 1 - r, null, noise_shape, seed, name) : Dropout(x, null, keep_prob, noise_shape, seed, name);
        }

        /// <summary>Dropout with a constant keep probability in (0, 1]; 1 returns <paramref name="x"/> unchanged, as in TensorFlow.</summary>
        public static Tensor dropout(Tensor x, double keep_prob, Tensor noise_shape = null, int? seed = null, string name = null) =>
            Dropout(x, keep_prob, null, noise_shape, seed, name);

        /// <summary>Dropout with a constant keep probability in (0, 1].</summary>
        public static Tensor dropout(Tensor x, float keep_prob, Tensor noise_shape = null, int? seed = null, string name = null) =>
            Dropout(x, keep_prob, null, noise_shape, seed, name);

        private static Tensor Dropout(Tensor x, double? keepValue, Tensor keepTensor, Tensor noiseShape, int? seed, string name)
        {
            if (keepValue is double k && !(k > 0 && k <= 1))
                throw new ValueError($"keep_prob must be a scalar tensor or a float in the range (0, 1], got {k:G}");
            var g = x.graph;
            using var scope = g.name_scope(name ?? "dropout");
            var keepProb = keepTensor ?? OpBuilder.Scalar(g, keepValue.Value, x.dtype, "keep_prob");
            if (keepProb.dtype != x.dtype)
                throw new TypeError($"keep_prob has type {keepProb.dtype.Name()} that does not match type {x.dtype.Name()} of x.");
            if (!keepProb.shape.IsCompatibleWith(TensorShape.Scalar))
                throw new ValueError($"Shapes {keepProb.shape} and () are incompatible (keep_prob must be a scalar)");
            if (keepValue == 1 || (OpBuilder.ConstantValue(keepProb) is { Length: 1 } constant && Runtime.ValueConversion.Cast(constant, DType.Float64).Span<double>()[0] == 1)) return x;
            var random = MathOps.Add(keepProb, RandomOps.Uniform(noiseShape ?? ArrayOps.Shape(x), 0, 1, x.dtype, seed, null), "add");
            var binary = floor(random, "Floor");
            var result = MathOps.Mul(MathOps.RealDiv(x, keepProb, "div"), binary, "mul");
            if (noiseShape == null) result.SetShape(x.shape);
            return result;
        }
    }
}
