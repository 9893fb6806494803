using GraphTrainer.Train;

namespace GraphTrainer;

public static partial class tf
{
    /// <summary>Optimizers and training utilities (tf.train).</summary>
    public static partial class train
    {
        /// <summary>Plain gradient descent.</summary>
        public static GradientDescentOptimizer GradientDescentOptimizer(double learning_rate, string name = "GradientDescent") => new(learning_rate, name);

        /// <summary>Adam (TensorFlow 1.x update rule and defaults).</summary>
        public static AdamOptimizer AdamOptimizer(double learning_rate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, string name = "Adam") =>
            new(learning_rate, beta1, beta2, epsilon, name);

        /// <summary>Momentum SGD.</summary>
        public static MomentumOptimizer MomentumOptimizer(double learning_rate, double momentum, bool use_nesterov = false, string name = "Momentum") =>
            new(learning_rate, momentum, use_nesterov, name);

        /// <summary>RMSProp.</summary>
        public static RMSPropOptimizer RMSPropOptimizer(double learning_rate, double decay = 0.9, double momentum = 0.0, double epsilon = 1e-10, string name = "RMSProp") =>
            new(learning_rate, decay, momentum, epsilon, name);

        /// <summary>Adagrad.</summary>
        public static AdagradOptimizer AdagradOptimizer(double learning_rate, double initial_accumulator_value = 0.1, string name = "Adagrad") =>
            new(learning_rate, initial_accumulator_value, name);
    }
}
