using System.ComponentModel;
using Spectre.Console.Cli;

namespace GraphTrainer.Cli.Commands;

/// <summary>The options of <c>graphtrainer train</c> as typed (validated by <see cref="TrainOptions.From"/>).</summary>
public sealed class TrainSettings : CommandSettings
{
    /// <summary>--model.</summary>
    [CommandOption("--model <NAME>")]
    [Description("Model architecture (default mlp); the models are listed below.")]
    public string Model { get; set; }

    /// <summary>--hidden.</summary>
    [CommandOption("--hidden <SIZES>")]
    [Description("Hidden layer sizes of the mlp, e.g. 300 or 256,128 (default 300).")]
    public string Hidden { get; set; }

    /// <summary>--optimizer.</summary>
    [CommandOption("--optimizer <NAME>")]
    [Description("Optimizer: sgd | momentum | adam | rmsprop | adagrad (default adam).")]
    public string Optimizer { get; set; }

    /// <summary>--lr.</summary>
    [CommandOption("--lr|--learning-rate <RATE>")]
    [Description("Learning rate (default per optimizer: adam/rmsprop 0.001, sgd 0.5, momentum 0.05, adagrad 0.1).")]
    public string LearningRate { get; set; }

    /// <summary>--lr-decay.</summary>
    [CommandOption("--lr-decay <RATE>")]
    [Description("Multiply the learning rate by RATE per epoch, smoothly at every step (tf.train.exponential_decay on the global step); 1 keeps it constant (default: cnn 0.7, other models 1).")]
    public string LearningRateDecay { get; set; }

    /// <summary>--epochs.</summary>
    [CommandOption("--epochs <N>")]
    [Description("Epochs to train to, counting epochs already done when resuming (default 5, cnn 6).")]
    public string Epochs { get; set; }

    /// <summary>--batch-size.</summary>
    [CommandOption("--batch-size|--batch <N>")]
    [Description("Examples per step (default 100; at most the number of training examples).")]
    public string BatchSize { get; set; }

    /// <summary>--seed.</summary>
    [CommandOption("--seed <N>")]
    [Description("Random seed for weights and shuffling (default 42).")]
    public string Seed { get; set; }

    /// <summary>--data.</summary>
    [CommandOption("--data <DIR>")]
    [Description("Directory with the four idx files (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-...; .gz or uncompressed). Any image size and number of classes; default data/MNIST_data.")]
    public string Data { get; set; }

    /// <summary>--class-names.</summary>
    [CommandOption("--class-names <NAMES>")]
    [Description("Class names for plots and predict: a comma-separated list or a file with one name per line (default: class-names.txt beside the data, else the class numbers).")]
    public string ClassNames { get; set; }

    /// <summary>--output.</summary>
    [CommandOption("-o|--output <DIR>")]
    [Description("Run directory for checkpoints, run.json, TensorBoard logs and plots (default a new data/runs/run-<time>).")]
    public string Output { get; set; }

    /// <summary>--resume.</summary>
    [CommandOption("--resume")]
    [Description("Continue the run in --output (default: the newest run under data/runs) from its latest checkpoint.")]
    public bool Resume { get; set; }

    /// <summary>--keep.</summary>
    [CommandOption("--keep <N>")]
    [Description("Checkpoints to keep (tf.train.Saver max_to_keep; default 5).")]
    public string Keep { get; set; }

    /// <summary>--log-every.</summary>
    [CommandOption("--log-every <N>")]
    [Description("Steps between TensorBoard loss/accuracy points (default 50).")]
    public string LogEvery { get; set; }

    /// <summary>--quiet.</summary>
    [CommandOption("-q|--quiet")]
    [Description("Print only the final 'Test accuracy: ...' line.")]
    public bool Quiet { get; set; }

    /// <summary>--json.</summary>
    [CommandOption("--device <DEVICE>")]
    [Description("cpu | gpu (default: the GPU when one is present, else the CPU).")]
    public string Device { get; set; }

    /// <summary>--json.</summary>
    [CommandOption("--json")]
    [Description("Print one JSON object with the results instead of text.")]
    public bool Json { get; set; }
}
