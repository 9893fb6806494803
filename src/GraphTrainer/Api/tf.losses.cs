namespace GraphTrainer;

public static partial class tf
{
    /// <summary>
    /// TF1's <c>tf.losses</c>: each loss weights its per-element losses, reduces them (by default the weighted sum over
    /// the number of nonzero weights) and adds the result to <see cref="GraphKeys.LOSSES"/>, built from primitive ops
    /// as TensorFlow's losses_impl builds them.
    /// </summary>
    public static class losses
    {
        /// <summary>TensorFlow's <c>tf.losses.Reduction</c>: how per-element losses become the returned loss.</summary>
        public static class Reduction
        {
            /// <summary>No reduction: the weighted per-element losses.</summary>
            public const string NONE = "none";
            /// <summary>Sum of the weighted losses.</summary>
            public const string SUM = "weighted_sum";
            /// <summary>Sum of the weighted losses divided by the number of elements.</summary>
            public const string SUM_OVER_BATCH_SIZE = "weighted_sum_over_batch_size";
            /// <summary>Sum of the weighted losses divided by the sum of the weights.</summary>
            public const string MEAN = "weighted_mean";
            /// <summary>Sum of the weighted losses divided by the number of nonzero weights (the default).</summary>
            public const string SUM_BY_NONZERO_WEIGHTS = "weighted_sum_by_nonzero_weights";
            /// <summary>Same as <see cref="SUM_BY_NONZERO_WEIGHTS"/>.</summary>
            public const string SUM_OVER_NONZERO_WEIGHTS = SUM_BY_NONZERO_WEIGHTS;
        }

        /// <summary>
        /// Weights <paramref name="losses"/> and reduces them by <paramref name="reduction"/> (name scope <c>weighted_loss</c>),
        /// then adds the result to <paramref name="loss_collection"/> (none when null). <paramref name="weights"/> null means
        /// TensorFlow's default 1.0; a tensor must broadcast to the losses' shape. An empty or all-zero-weight reduction gives 0.
        /// </summary>
        public static Tensor compute_weighted_loss(Tensor losses, Tensor weights = null, string scope = null,
            string loss_collection = GraphTrainer.GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS)
        {
            var g = losses.graph;
            Tensor loss;
            using (g.name_scope(scope ?? "weighted_loss"))
            {
                var w = weights == null ? OpBuilder.Scalar(g, 1, losses.dtype, "weights") : CastOps.Cast(weights, losses.dtype);
                var weighted = MathOps.Mul(losses, w);
                if (reduction == Reduction.NONE) loss = weighted;
                else
                {
                    var sum = ReductionOps.Sum(weighted, ReductionOps.AxesFor(weighted, null));
                    loss = reduction switch
                    {
                        Reduction.SUM => sum,
                        Reduction.MEAN => SafeMean(sum, Total(MathOps.Mul(FillOps.OnesLike(losses), w))),
                        Reduction.SUM_BY_NONZERO_WEIGHTS => SafeMean(sum, weights == null ? NumElements(losses) : NumPresent(losses, w)),
                        Reduction.SUM_OVER_BATCH_SIZE => SafeMean(sum, NumElements(losses)),
                        _ => throw new ValueError($"Invalid Reduction Key {reduction}."),
                    };
                }
            }
            if (loss_collection != null) g.add_to_collection(loss_collection, loss);
            return loss;
        }

        private static Tensor Total(Tensor t) => ReductionOps.Sum(t, ReductionOps.AxesFor(t, null));

        // total / count, or 0 where count is 0 (TensorFlow's _safe_mean).
        private static Tensor SafeMean(Tensor total, Tensor count)
        {
            var zero = FillOps.ZerosLike(count);
            var positive = ComparisonOps.Compare("Greater", count, zero);
            var safeCount = ComparisonOps.Select(positive, count, FillOps.OnesLike(count));
            return ComparisonOps.Select(positive, MathOps.RealDiv(total, safeCount), FillOps.ZerosLike(total), "value");
        }

        private static Tensor NumElements(Tensor losses) => CastOps.Cast(ArrayOps.Size(losses, "num_elements"), losses.dtype);

        // How many losses carry a nonzero weight once the weights are broadcast to the losses' shape.
        private static Tensor NumPresent(Tensor losses, Tensor weights)
        {
            using (losses.graph.name_scope("num_present"))
            {
                var isZero = CompareOps.Equal(weights, FillOps.ZerosLike(weights));
                var present = ComparisonOps.Select(isZero, FillOps.ZerosLike(weights), FillOps.OnesLike(weights));
                var broadcast = MathOps.Mul(present, FillOps.OnesLike(losses));
                return ReductionOps.Sum(broadcast, ReductionOps.AxesFor(broadcast, null), name: "value");
            }
        }

        /// <summary>
        /// Softmax cross-entropy of <paramref name="logits"/> against <paramref name="onehot_labels"/> (scope
        /// <c>softmax_cross_entropy_loss</c>); <paramref name="label_smoothing"/> s mixes the labels toward uniform:
        /// <c>labels·(1 − s) + s / num_classes</c>.
        /// </summary>
        public static Tensor softmax_cross_entropy(Tensor onehot_labels, Tensor logits, Tensor weights = null, double label_smoothing = 0,
            string scope = null, string loss_collection = GraphTrainer.GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS)
        {
            RequireBoth(onehot_labels, logits, "onehot_labels", "logits");
            using var ns = logits.graph.name_scope(scope ?? "softmax_cross_entropy_loss");
            var labels = CastOps.Cast(onehot_labels, logits.dtype);
            if (!logits.shape.IsCompatibleWith(labels.shape))
                throw new ValueError($"Shapes {logits.shape} and {labels.shape} are incompatible");
            if (label_smoothing > 0)
            {
                if (!logits.shape.HasRank || logits.shape[-1] < 0) throw new ValueError("label_smoothing needs the number of classes (the last dimension of logits) to be known.");
                var keep = OpBuilder.Scalar(logits.graph, 1 - label_smoothing, logits.dtype);
                var spread = OpBuilder.Scalar(logits.graph, label_smoothing / logits.shape[-1], logits.dtype);
                labels = MathOps.Add(MathOps.Mul(labels, keep), spread);
            }
            var losses = NnOps.SoftmaxCrossEntropyWithLogits(logits, labels, "xentropy").Outputs[0];
            return compute_weighted_loss(losses, weights, ns, loss_collection, reduction);
        }

        /// <summary>Sparse softmax cross-entropy: integer class <paramref name="labels"/> against <paramref name="logits"/> (scope <c>sparse_softmax_cross_entropy_loss</c>).</summary>
        public static Tensor sparse_softmax_cross_entropy(Tensor labels, Tensor logits, Tensor weights = null, string scope = null,
            string loss_collection = GraphTrainer.GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS)
        {
            RequireBoth(labels, logits, "labels", "logits");
            using var ns = logits.graph.name_scope(scope ?? "sparse_softmax_cross_entropy_loss");
            var losses = nn.sparse_softmax_cross_entropy_with_logits(labels: labels, logits: logits, name: "xentropy");
            return compute_weighted_loss(losses, weights, ns, loss_collection, reduction);
        }

        /// <summary>Sigmoid cross-entropy of <paramref name="logits"/> against <paramref name="multi_class_labels"/> in [0, 1] (scope <c>sigmoid_cross_entropy_loss</c>).</summary>
        public static Tensor sigmoid_cross_entropy(Tensor multi_class_labels, Tensor logits, Tensor weights = null, string scope = null,
            string loss_collection = GraphTrainer.GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS)
        {
            RequireBoth(multi_class_labels, logits, "multi_class_labels", "logits");
            using var ns = logits.graph.name_scope(scope ?? "sigmoid_cross_entropy_loss");
            var losses = nn.sigmoid_cross_entropy_with_logits(labels: CastOps.Cast(multi_class_labels, logits.dtype), logits: logits);
            return compute_weighted_loss(losses, weights, ns, loss_collection, reduction);
        }

        /// <summary>Weighted mean of (predictions − labels)² (scope <c>mean_squared_error</c>).</summary>
        public static Tensor mean_squared_error(Tensor labels, Tensor predictions, Tensor weights = null, string scope = null,
            string loss_collection = GraphTrainer.GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS)
        {
            RequireBoth(labels, predictions, "labels", "predictions");
            using var ns = predictions.graph.name_scope(scope ?? "mean_squared_error");
            var l = CastOps.Cast(labels, predictions.dtype);
            RequireCompatible(predictions, l);
            return compute_weighted_loss(MathOps.SquaredDifference(predictions, l), weights, ns, loss_collection, reduction);
        }

        /// <summary>
        /// Weighted log loss <c>−y·log(p + ε) − (1 − y)·log(1 − p + ε)</c> of probabilities <paramref name="predictions"/>
        /// (scope <c>log_loss</c>).
        /// </summary>
        public static Tensor log_loss(Tensor labels, Tensor predictions, Tensor weights = null, double epsilon = 1e-7, string scope = null,
            string loss_collection = GraphTrainer.GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS)
        {
            RequireBoth(labels, predictions, "labels", "predictions");
            var g = predictions.graph;
            using var ns = g.name_scope(scope ?? "log_loss");
            var y = CastOps.Cast(labels, predictions.dtype);
            RequireCompatible(predictions, y);
            var eps = OpBuilder.Scalar(g, epsilon, y.dtype);
            var one = OpBuilder.Scalar(g, 1, y.dtype);
            var positive = MathOps.Mul(y, UnaryOps.Unary("Log", MathOps.Add(predictions, eps)));
            var negative = MathOps.Mul(MathOps.Sub(one, y), UnaryOps.Unary("Log", MathOps.Add(MathOps.Sub(one, predictions), eps)));
            var losses = MathOps.Sub(MathOps.Neg(positive), negative);
            return compute_weighted_loss(losses, weights, ns, loss_collection, reduction);
        }

        /// <summary>Weighted mean of |predictions − labels| (scope <c>absolute_difference</c>).</summary>
        public static Tensor absolute_difference(Tensor labels, Tensor predictions, Tensor weights = null, string scope = null,
            string loss_collection = GraphTrainer.GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS)
        {
            RequireBoth(labels, predictions, "labels", "predictions");
            using var ns = predictions.graph.name_scope(scope ?? "absolute_difference");
            var l = CastOps.Cast(labels, predictions.dtype);
            RequireCompatible(predictions, l);
            return compute_weighted_loss(UnaryOps.Unary("Abs", MathOps.Sub(predictions, l)), weights, ns, loss_collection, reduction);
        }

        /// <summary>
        /// Weighted Huber loss (scope <c>huber_loss</c>): with e = |predictions − labels|, <c>0.5·e²</c> where e ≤ δ and
        /// <c>0.5·δ² + δ·(e − δ)</c> beyond, written as TensorFlow does with q = min(e, δ): <c>0.5·q² + δ·(e − q)</c>.
        /// </summary>
        public static Tensor huber_loss(Tensor labels, Tensor predictions, Tensor weights = null, double delta = 1.0, string scope = null,
            string loss_collection = GraphTrainer.GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS)
        {
            RequireBoth(labels, predictions, "labels", "predictions");
            var g = predictions.graph;
            using var ns = g.name_scope(scope ?? "huber_loss");
            var l = CastOps.Cast(labels, predictions.dtype);
            RequireCompatible(predictions, l);
            var error = UnaryOps.Unary("Abs", MathOps.Sub(predictions, l));
            var d = OpBuilder.Scalar(g, delta, error.dtype, "delta");
            var quadratic = MathOps.Minimum(error, d);
            var linear = MathOps.Sub(error, quadratic);
            var losses = MathOps.Add(MathOps.Mul(OpBuilder.Scalar(g, 0.5, error.dtype), MathOps.Mul(quadratic, quadratic)), MathOps.Mul(d, linear));
            return compute_weighted_loss(losses, weights, ns, loss_collection, reduction);
        }

        /// <summary>Weighted hinge loss <c>max(0, 1 − (2y − 1)·logits)</c> for labels y in {0, 1} (scope <c>hinge_loss</c>).</summary>
        public static Tensor hinge_loss(Tensor labels, Tensor logits, Tensor weights = null, string scope = null,
            string loss_collection = GraphTrainer.GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS)
        {
            RequireBoth(labels, logits, "labels", "logits");
            using var ns = logits.graph.name_scope(scope ?? "hinge_loss");
            var y = CastOps.Cast(labels, logits.dtype);
            RequireCompatible(logits, y);
            var ones = FillOps.OnesLike(y);
            var signs = MathOps.Sub(MathOps.Mul(OpBuilder.Scalar(logits.graph, 2, y.dtype), y), ones);
            var losses = UnaryOps.Unary("Relu", MathOps.Sub(ones, MathOps.Mul(signs, logits)));
            return compute_weighted_loss(losses, weights, ns, loss_collection, reduction);
        }

        /// <summary>Adds <paramref name="loss"/> to <paramref name="loss_collection"/> (TensorFlow's tf.losses.add_loss).</summary>
        public static void add_loss(Tensor loss, string loss_collection = GraphTrainer.GraphKeys.LOSSES)
        {
            if (loss_collection != null) loss.graph.add_to_collection(loss_collection, loss);
        }

        /// <summary>The losses in <paramref name="loss_collection"/> whose names start with <paramref name="scope"/> (all when null).</summary>
        public static Tensor[] get_losses(string scope = null, string loss_collection = GraphTrainer.GraphKeys.LOSSES) =>
            Collected(loss_collection, scope);

        /// <summary>The regularization losses (layer and variable regularizers), optionally filtered by name <paramref name="scope"/>.</summary>
        public static Tensor[] get_regularization_losses(string scope = null) => Collected(GraphTrainer.GraphKeys.REGULARIZATION_LOSSES, scope);

        /// <summary>The sum of the regularization losses (AddN named <paramref name="name"/>), or a 0.0 constant when there are none.</summary>
        public static Tensor get_regularization_loss(string scope = null, string name = "total_regularization_loss")
        {
            var all = get_regularization_losses(scope);
            return all.Length == 0 ? constant(0.0f) : AddNamed(all, name);
        }

        /// <summary>The sum of the collected losses and (by default) the regularization losses.</summary>
        /// <exception cref="ValueError">There are no losses to add.</exception>
        public static Tensor get_total_loss(bool add_regularization_losses = true, string name = "total_loss", string scope = null)
        {
            var all = get_losses(scope).Concat(add_regularization_losses ? get_regularization_losses(scope) : Array.Empty<Tensor>()).ToArray();
            if (all.Length == 0) throw new ValueError("No losses were added.");
            return AddNamed(all, name);
        }

        private static Tensor AddNamed(Tensor[] all, string name) =>
            all.Length == 1 ? ConstantOps.Identity(all[0], name) : MathOps.AddN(all, name);

        private static Tensor[] Collected(string key, string scope) =>
            get_default_graph().get_collection<Tensor>(key).Where(t => scope == null || t.op.Name.StartsWith(scope, StringComparison.Ordinal)).ToArray();

        private static void RequireBoth(Tensor a, Tensor b, string aName, string bName)
        {
            if (a == null) throw new ValueError($"{aName} must not be None.");
            if (b == null) throw new ValueError($"{bName} must not be None.");
        }

        private static void RequireCompatible(Tensor predictions, Tensor labels)
        {
            if (!predictions.shape.IsCompatibleWith(labels.shape))
                throw new ValueError($"Shapes {predictions.shape} and {labels.shape} are incompatible");
        }
    }
}
