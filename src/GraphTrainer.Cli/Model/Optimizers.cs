using GraphTrainer.Train;

namespace GraphTrainer.Cli.Model;

/// <summary>The optimizer names <c>--optimizer</c> accepts, their default learning rates, and the tf.train constructors.</summary>
public static class Optimizers
{
    /// <summary>tf.train.GradientDescentOptimizer.</summary>
    public const string Sgd = "sgd";
    /// <summary>tf.train.MomentumOptimizer with momentum 0.9.</summary>
    public const string Momentum = "momentum";
    /// <summary>tf.train.AdamOptimizer.</summary>
    public const string Adam = "adam";
    /// <summary>tf.train.RMSPropOptimizer.</summary>
    public const string RmsProp = "rmsprop";
    /// <summary>tf.train.AdagradOptimizer.</summary>
    public const string Adagrad = "adagrad";

    /// <summary>All optimizer names.</summary>
    public static readonly IReadOnlyList<string> All = new[] { Sgd, Momentum, Adam, RmsProp, Adagrad };

    /// <summary>
    /// A learning rate that trains the default MLP well with this optimizer, used when <c>--lr</c> is not given:
    /// adaptive methods want ~1e-3, plain SGD on a mean cross-entropy wants ~0.5 (the seed tutorial's value).
    /// </summary>
    public static double DefaultLearningRate(string optimizer) => optimizer switch
    {
        Sgd => 0.5,
        Momentum => 0.05,
        Adam => 0.001,
        RmsProp => 0.001,
        Adagrad => 0.1,
        _ => throw new ArgumentOutOfRangeException(nameof(optimizer), optimizer, "Unknown optimizer."),
    };

    /// <summary>Slot variables the optimizer keeps per trainable variable (Adam: m and v; SGD: none).</summary>
    public static int SlotsPerVariable(string optimizer) => optimizer switch
    {
        Sgd => 0,
        Momentum => 1,
        Adam => 2,
        RmsProp => 2,
        Adagrad => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(optimizer), optimizer, "Unknown optimizer."),
    };

    /// <summary>Creates the tf.train optimizer with a learning-rate tensor (a decay schedule of the global step).</summary>
    public static Optimizer Create(string optimizer, Tensor learningRate) => optimizer switch
    {
        Sgd => tf.train.GradientDescentOptimizer(learningRate),
        Momentum => tf.train.MomentumOptimizer(learningRate, momentum: 0.9),
        Adam => tf.train.AdamOptimizer(learningRate),
        RmsProp => tf.train.RMSPropOptimizer(learningRate),
        Adagrad => tf.train.AdagradOptimizer(learningRate),
        _ => throw new ArgumentOutOfRangeException(nameof(optimizer), optimizer, "Unknown optimizer."),
    };

    /// <summary>Creates the tf.train optimizer.</summary>
    public static Optimizer Create(string optimizer, double learningRate) => optimizer switch
    {
        Sgd => tf.train.GradientDescentOptimizer(learningRate),
        Momentum => tf.train.MomentumOptimizer(learningRate, momentum: 0.9),
        Adam => tf.train.AdamOptimizer(learningRate),
        RmsProp => tf.train.RMSPropOptimizer(learningRate),
        Adagrad => tf.train.AdagradOptimizer(learningRate),
        _ => throw new ArgumentOutOfRangeException(nameof(optimizer), optimizer, "Unknown optimizer."),
    };
}
