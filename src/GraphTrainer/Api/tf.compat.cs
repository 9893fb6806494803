using GraphTrainer.Train;

namespace GraphTrainer;

public static partial class tf
{
    /// <summary>TensorFlow's <c>tf.compat</c>.</summary>
    public static partial class compat
    {
        /// <summary>
        /// <c>tf.compat.v1</c>: the TF1 graph-mode names that TensorFlow 2 moved here, as aliases of the same
        /// functions on <see cref="tf"/>, so code written as <c>tf.compat.v1.get_variable(...)</c> ports unchanged.
        /// Names that are the same in both versions (<c>tf.matmul</c>, <c>tf.reduce_mean</c>) stay on <see cref="tf"/>.
        /// </summary>
        public static partial class v1
        {
            /// <inheritdoc cref="tf.placeholder(DType, TensorShape, string)"/>
            public static Tensor placeholder(DType dtype, TensorShape shape = null, string name = null) => tf.placeholder(dtype, shape, name);
            /// <inheritdoc cref="tf.get_variable"/>
            public static RefVariable get_variable(string name, TensorShape shape = null, DType? dtype = null, Initializer initializer = null, bool trainable = true) =>
                tf.get_variable(name, shape, dtype, initializer, trainable);
            /// <inheritdoc cref="tf.variable_scope(string, VariableReuse?, Initializer)"/>
            public static VariableScope variable_scope(string name_or_scope, VariableReuse? reuse = null, Initializer initializer = null) =>
                tf.variable_scope(name_or_scope, reuse, initializer);
            /// <inheritdoc cref="tf.variable_scope(VariableScope, VariableReuse?, Initializer)"/>
            public static VariableScope variable_scope(VariableScope name_or_scope, VariableReuse? reuse = null, Initializer initializer = null) =>
                tf.variable_scope(name_or_scope, reuse, initializer);
            /// <inheritdoc cref="tf.get_variable_scope"/>
            public static VariableScope get_variable_scope() => tf.get_variable_scope();
            /// <inheritdoc cref="tf.AUTO_REUSE"/>
            public static VariableReuse AUTO_REUSE => tf.AUTO_REUSE;
            /// <inheritdoc cref="tf.Variable"/>
            public static RefVariable Variable(Tensor initial_value, string name = null, bool trainable = true, DType? dtype = null) =>
                tf.Variable(initial_value, name, trainable, dtype);
            /// <inheritdoc cref="tf.Session"/>
            public static Session Session(Graph graph = null, ConfigProto config = null) => tf.Session(graph, config);
            /// <inheritdoc cref="tf.InteractiveSession"/>
            public static InteractiveSession InteractiveSession(Graph graph = null, ConfigProto config = null) => tf.InteractiveSession(graph, config);
            /// <inheritdoc cref="tf.get_default_session"/>
            public static Session get_default_session() => tf.get_default_session();
            /// <inheritdoc cref="tf.get_default_graph"/>
            public static Graph get_default_graph() => tf.get_default_graph();
            /// <inheritdoc cref="tf.reset_default_graph"/>
            public static void reset_default_graph() => tf.reset_default_graph();
            /// <inheritdoc cref="tf.set_random_seed"/>
            public static void set_random_seed(int seed) => tf.set_random_seed(seed);
            /// <inheritdoc cref="tf.global_variables_initializer"/>
            public static Operation global_variables_initializer() => tf.global_variables_initializer();
            /// <inheritdoc cref="tf.global_variables"/>
            public static RefVariable[] global_variables() => tf.global_variables();
            /// <inheritdoc cref="tf.trainable_variables"/>
            public static RefVariable[] trainable_variables() => tf.trainable_variables();
            /// <inheritdoc cref="tf.random_normal"/>
            public static Tensor random_normal(TensorShape shape, float mean = 0f, float stddev = 1f, DType dtype = DType.Float32, int? seed = null, string name = null) =>
                tf.random_normal(shape, mean, stddev, dtype, seed, name);
            /// <inheritdoc cref="tf.truncated_normal"/>
            public static Tensor truncated_normal(TensorShape shape, float mean = 0f, float stddev = 1f, DType dtype = DType.Float32, int? seed = null, string name = null) =>
                tf.truncated_normal(shape, mean, stddev, dtype, seed, name);
            /// <inheritdoc cref="tf.zeros_initializer"/>
            public static ZerosInitializer zeros_initializer(DType dtype = DType.Float32) => tf.zeros_initializer(dtype);
            /// <inheritdoc cref="tf.constant_initializer"/>
            public static ConstantInitializer constant_initializer(double value = 0, DType dtype = DType.Float32) => tf.constant_initializer(value, dtype);
            /// <inheritdoc cref="tf.truncated_normal_initializer"/>
            public static TruncatedNormalInitializer truncated_normal_initializer(float mean = 0f, float stddev = 1f, int? seed = null, DType dtype = DType.Float32) =>
                tf.truncated_normal_initializer(mean, stddev, seed, dtype);
            /// <inheritdoc cref="tf.random_normal_initializer"/>
            public static RandomNormalInitializer random_normal_initializer(float mean = 0f, float stddev = 1f, int? seed = null, DType dtype = DType.Float32) =>
                tf.random_normal_initializer(mean, stddev, seed, dtype);
            /// <inheritdoc cref="tf.glorot_uniform_initializer"/>
            public static GlorotInitializer glorot_uniform_initializer(int? seed = null, DType dtype = DType.Float32) => tf.glorot_uniform_initializer(seed, dtype);

            /// <summary><c>tf.compat.v1.nn</c>: the TF1 signatures of the nn functions the tutorials use.</summary>
            public static class nn
            {
                /// <inheritdoc cref="tf.nn.softmax_cross_entropy_with_logits"/>
                public static Tensor softmax_cross_entropy_with_logits(Tensor _sentinel = null, Tensor labels = null, Tensor logits = null, int dim = -1, string name = null) =>
                    tf.nn.softmax_cross_entropy_with_logits(_sentinel, labels, logits, dim, name);
            }

            /// <summary><c>tf.compat.v1.train</c>: the TF1 optimizers.</summary>
            public static class train
            {
                /// <inheritdoc cref="tf.train.GradientDescentOptimizer"/>
                public static GradientDescentOptimizer GradientDescentOptimizer(double learning_rate, string name = "GradientDescent") =>
                    tf.train.GradientDescentOptimizer(learning_rate, name);
                /// <inheritdoc cref="tf.train.AdamOptimizer"/>
                public static AdamOptimizer AdamOptimizer(double learning_rate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, string name = "Adam") =>
                    tf.train.AdamOptimizer(learning_rate, beta1, beta2, epsilon, name);
            }
        }
    }
}

/// <summary>
/// TensorFlow's <c>tensorflow.python.framework.ops</c> module, for code that imports it directly
/// (<c>from tensorflow.python.framework import ops; ops.reset_default_graph()</c>).
/// </summary>
public static class ops
{
    /// <inheritdoc cref="tf.reset_default_graph"/>
    public static void reset_default_graph() => tf.reset_default_graph();

    /// <inheritdoc cref="tf.get_default_graph"/>
    public static Graph get_default_graph() => tf.get_default_graph();
}
