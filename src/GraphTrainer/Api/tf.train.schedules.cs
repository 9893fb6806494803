using GraphTrainer.Train;

namespace GraphTrainer;

public static partial class tf
{
    public static partial class train
    {
        /// <summary>The graph's global step (GLOBAL_STEP collection, else the tensor <c>global_step:0</c>), or null.</summary>
        public static RefVariable get_global_step(Graph graph = null) => GlobalStep.Get(graph ?? get_default_graph());

        /// <summary>Creates the global step: a non-trainable int64 scalar variable <c>global_step</c> starting at 0. Fails if one exists.</summary>
        public static RefVariable create_global_step(Graph graph = null) => GlobalStep.Create(graph ?? get_default_graph());

        /// <summary>The graph's global step, created when it has none (pass it to <c>minimize(loss, global_step:)</c>).</summary>
        public static RefVariable get_or_create_global_step(Graph graph = null) => GlobalStep.GetOrCreate(graph ?? get_default_graph());

        /// <summary>The value of <paramref name="global_step_tensor"/> in <paramref name="sess"/>, as an integer.</summary>
        public static long global_step(Session sess, Tensor global_step_tensor) =>
            (long)sess.run(global_step_tensor);

        /// <summary>
        /// learning_rate · decay_rate^(global_step / decay_steps); with <paramref name="staircase"/> the exponent is
        /// floored, so the rate drops every <paramref name="decay_steps"/> steps.
        /// </summary>
        public static Tensor exponential_decay(double learning_rate, Tensor global_step, double decay_steps, double decay_rate, bool staircase = false, string name = null) =>
            LearningRateSchedules.ExponentialDecay(RateConstant(global_step, learning_rate), global_step, decay_steps, decay_rate, staircase, name);

        /// <inheritdoc cref="exponential_decay(double, Tensor, double, double, bool, string)"/>
        public static Tensor exponential_decay(Tensor learning_rate, Tensor global_step, double decay_steps, double decay_rate, bool staircase = false, string name = null) =>
            LearningRateSchedules.ExponentialDecay(learning_rate, global_step, decay_steps, decay_rate, staircase, name);

        /// <summary>learning_rate / (1 + decay_rate · global_step / decay_steps); with <paramref name="staircase"/> the ratio is floored.</summary>
        public static Tensor inverse_time_decay(double learning_rate, Tensor global_step, double decay_steps, double decay_rate, bool staircase = false, string name = null) =>
            LearningRateSchedules.InverseTimeDecay(RateConstant(global_step, learning_rate), global_step, decay_steps, decay_rate, staircase, name);

        /// <inheritdoc cref="inverse_time_decay(double, Tensor, double, double, bool, string)"/>
        public static Tensor inverse_time_decay(Tensor learning_rate, Tensor global_step, double decay_steps, double decay_rate, bool staircase = false, string name = null) =>
            LearningRateSchedules.InverseTimeDecay(learning_rate, global_step, decay_steps, decay_rate, staircase, name);

        /// <summary>
        /// values[0] while x ≤ boundaries[0], values[i] while boundaries[i−1] &lt; x ≤ boundaries[i], the last value
        /// after the last boundary (float32, as TensorFlow makes Python floats).
        /// </summary>
        public static Tensor piecewise_constant(Tensor x, double[] boundaries, double[] values, string name = null) =>
            LearningRateSchedules.PiecewiseConstant(x, boundaries, values, DType.Float32, name);

        /// <summary>Gradient descent with a learning-rate tensor (a decay schedule or a placeholder).</summary>
        public static GradientDescentOptimizer GradientDescentOptimizer(Tensor learning_rate, string name = "GradientDescent") => new(learning_rate, name);

        /// <summary>Adam with a learning-rate tensor.</summary>
        public static AdamOptimizer AdamOptimizer(Tensor learning_rate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, string name = "Adam") =>
            new(learning_rate, beta1, beta2, epsilon, name);

        /// <summary>Momentum SGD with a learning-rate tensor.</summary>
        public static MomentumOptimizer MomentumOptimizer(Tensor learning_rate, double momentum, bool use_nesterov = false, string name = "Momentum") =>
            new(learning_rate, momentum, use_nesterov, name);

        /// <summary>RMSProp with a learning-rate tensor.</summary>
        public static RMSPropOptimizer RMSPropOptimizer(Tensor learning_rate, double decay = 0.9, double momentum = 0.0, double epsilon = 1e-10, string name = "RMSProp") =>
            new(learning_rate, decay, momentum, epsilon, name);

        /// <summary>Adagrad with a learning-rate tensor.</summary>
        public static AdagradOptimizer AdagradOptimizer(Tensor learning_rate, double initial_accumulator_value = 0.1, string name = "Adagrad") =>
            new(learning_rate, initial_accumulator_value, name);

        /// <summary>Maintains moving averages of variables (shadow variables updated by the op <c>apply()</c> returns).</summary>
        public static ExponentialMovingAverage ExponentialMovingAverage(double decay, Tensor num_updates = null, string name = "ExponentialMovingAverage") =>
            new(decay, num_updates, name);

        // A Python float learning rate becomes a float32 constant named "learning_rate" inside the schedule's scope in
        // TensorFlow; here it is created before the scope, in the global step's graph.
        private static Tensor RateConstant(Tensor globalStep, double learningRate)
        {
            if (globalStep == null) return null;
            return OpBuilder.Scalar(globalStep.graph, learningRate, DType.Float32, "learning_rate");
        }
    }
}
