using System.Diagnostics;
using System.Globalization;
using GraphTrainer.Data;
using GraphTrainer.Runtime;
using NumSharp;

namespace GraphTrainer.Gpu.Tests.Check;

/// <summary>What a timed run of a tutorial's graph measured.</summary>
/// <param name="Model"><c>mlp</c> or <c>cnn</c>.</param>
/// <param name="EpochSeconds">Each timed epoch's wall time, host feeds to the device's last kernel.</param>
/// <param name="Steps">Training steps per epoch.</param>
/// <param name="Batch">Images per step.</param>
/// <param name="TestAccuracy">Accuracy of the trained graph on the evaluated test images.</param>
/// <param name="EvalRows">How many test images that was.</param>
/// <param name="OnDevice">Ops of the training step placed on GPU:0.</param>
/// <param name="OnHost">Ops of the training step placed on the CPU, Placeholders excepted (they are fed on the host).</param>
public sealed record EpochTiming(string Model, IReadOnlyList<double> EpochSeconds, int Steps, int Batch, double TestAccuracy, int EvalRows,
    int OnDevice, IReadOnlyList<Operation> OnHost)
{
    /// <summary>Median of <see cref="EpochSeconds"/>.</summary>
    public double Median
    {
        get
        {
            var sorted = EpochSeconds.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }

    /// <summary>
    /// The comparison line, in the format scripts/gpu_epoch_torch.py prints too:
    /// <c>epoch | mlp | graphtrainer | DEVICE | median 1.234 s | 3 timed after 1 warm-up | 550 steps x batch 100 | test accuracy 0.9781 (10000 images)</c>.
    /// </summary>
    public string Line(string device) => string.Create(CultureInfo.InvariantCulture,
        $"epoch | {Model} | graphtrainer | {device} | median {Median:0.000} s | {EpochSeconds.Count} timed after 1 warm-up | {Steps} steps x batch {Batch} | test accuracy {TestAccuracy:0.0000} ({EvalRows} images)");

    /// <summary>Where the training step's ops ran: <c>placement | mlp | 40 ops on GPU:0, 2 on the CPU: Foo, Bar</c>.</summary>
    public string PlacementLine(string device) => $"placement | {Model} | training step: {OnDevice} ops on {device}, {OnHost.Count} on the CPU" +
        (OnHost.Count == 0 ? "" : ": " + string.Join(", ", OnHost.GroupBy(op => op.Type).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} x{g.Count()}")));
}

/// <summary>
/// Times training epochs of a graph a tutorial built, in a fresh GPU-placed session: the tutorial's own placeholders,
/// training op and accuracy, fed MNIST's training images in order, batch after batch, as <c>feed_dict</c> does.
/// scripts/gpu_epoch_torch.py times the same workload in PyTorch the same way (one warm-up epoch, then the median).
/// </summary>
public static class EpochTimer
{
    /// <summary>A warm-up epoch slower than this is followed by one timed epoch only.</summary>
    public const double SlowEpochSeconds = 40;

    /// <summary>
    /// Runs one warm-up epoch and <paramref name="timedEpochs"/> timed ones of <paramref name="trainOpName"/> in
    /// <paramref name="graph"/>, then evaluates its accuracy. <paramref name="trainingFeeds"/> names extra placeholders
    /// fed during training (deep-mnist's dropout keep probability); they are fed 1 for the evaluation.
    /// </summary>
    public static EpochTiming Run(string model, Graph graph, string trainOpName, int batch, int? stepsPerEpoch, int timedEpochs, int? evalRows,
        IReadOnlyDictionary<string, float> trainingFeeds = null)
    {
        var mnist = input_data.read_data_sets("MNIST_data", one_hot: true);
        var train = graph.get_operation_by_name(trainOpName);
        var init = graph.get_operation_by_name("init");
        var accuracy = AccuracyOf(graph);
        var (images, labels) = Inputs(graph);
        var extra = (trainingFeeds ?? new Dictionary<string, float>()).ToDictionary(f => graph.get_tensor_by_name(f.Key), f => f.Value);

        int steps = stepsPerEpoch ?? mnist.train.num_examples / batch;
        var batchImages = new NDArray[steps];
        var batchLabels = new NDArray[steps];
        for (int b = 0; b < steps; b++)
        {
            batchImages[b] = mnist.train.images[$"{b * batch}:{(b + 1) * batch}"];
            batchLabels[b] = mnist.train.labels[$"{b * batch}:{(b + 1) * batch}"];
        }

        var device = EmulatedGpu.Device;
        using var sess = EmulatedGpu.Session(graph);
        sess.run(init);
        var feed = new FeedDict();
        foreach (var (tensor, value) in extra) feed[tensor] = value;
        void Epoch()
        {
            for (int b = 0; b < steps; b++)
            {
                feed[images] = batchImages[b];
                feed[labels] = batchLabels[b];
                sess.run(train, feed);
            }
            device.Synchronize();
        }

        var warmUp = Stopwatch.StartNew();
        Epoch(); // warm-up: kernels compiled, plan built, buffers allocated
        // The whole GPU check must finish within 10 minutes: a slow epoch is timed once rather than not at all.
        if (warmUp.Elapsed.TotalSeconds > SlowEpochSeconds) timedEpochs = 1;
        var seconds = new List<double>();
        for (int e = 0; e < timedEpochs; e++)
        {
            var watch = Stopwatch.StartNew();
            Epoch();
            seconds.Add(watch.Elapsed.TotalSeconds);
        }

        int rows = Math.Min(evalRows ?? mnist.test.num_examples, mnist.test.num_examples);
        var evalFeed = new FeedDict { [images] = mnist.test.images[$":{rows}"], [labels] = mnist.test.labels[$":{rows}"] };
        foreach (var tensor in extra.Keys) evalFeed[tensor] = 1f;
        double testAccuracy = (float)sess.run(accuracy, evalFeed);

        var placement = sess.Plans.First(p => p.Placement.ContainsKey(train)).Placement;
        int onDevice = placement.Count(p => !p.Value.IsHost);
        var onHost = placement.Where(p => p.Value.IsHost && p.Key.Type != "Placeholder").Select(p => p.Key).ToArray();
        return new EpochTiming(model, seconds, steps, batch, testAccuracy, rows, onDevice, onHost);
    }

    /// <summary>The tutorial's accuracy: <c>reduce_mean(cast(equal(...)))</c>.</summary>
    private static Tensor AccuracyOf(Graph graph)
    {
        var candidates = graph.get_operations().Where(op => op.Type == "Mean" && op.Inputs[0].op.Type == "Cast" && op.Inputs[0].op.Inputs[0].op.Type == "Equal").ToArray();
        return candidates.Length == 1
            ? candidates[0].Outputs[0]
            : throw new InvalidOperationException($"expected one accuracy (Mean of Cast of Equal) in the tutorial's graph, found {candidates.Length}");
    }

    /// <summary>The tutorial's image [?, 784] and one-hot label [?, 10] placeholders.</summary>
    private static (Tensor Images, Tensor Labels) Inputs(Graph graph)
    {
        var placeholders = graph.get_operations().Where(op => op.Type == "Placeholder" && op.Outputs[0].shape.ndim == 2).Select(op => op.Outputs[0]).ToArray();
        var images = placeholders.Where(t => t.shape[1] == 784).ToArray();
        var labels = placeholders.Where(t => t.shape[1] == 10).ToArray();
        return images.Length == 1 && labels.Length == 1
            ? (images[0], labels[0])
            : throw new InvalidOperationException($"expected one [?, 784] and one [?, 10] placeholder in the tutorial's graph, found {images.Length} and {labels.Length}");
    }
}
