using GraphTrainer.Runtime;
using NumSharp;
using GraphTrainer.Cli.Model;
using static GraphTrainer.Binding;

namespace GraphTrainer.Cli.Bench;

/// <summary>
/// The peer's CNN workload (../shared/peers/run-torchsharp-cnn.sh): mnist_deep's network, Adam 1e-4, batch 50, as a TF1
/// program runs it: <c>train_step.run(feed_dict={x, y_, keep_prob: 0.5})</c> every step, and one <c>accuracy.eval</c> over
/// 10,000 images with keep_prob 1. Synthetic data as the MLP benchmark's (pixels U[0,1), random one-hot labels).
/// </summary>
internal sealed class CnnBenchmark : IDisposable
{
    public const int Batch = 50, Side = 28, Classes = 10, NTrain = 5_000, NTest = 10_000;

    private readonly NDArray[] _batchX, _batchY;
    private readonly NDArray _testX, _testY;
    private readonly Session _session;
    private readonly Tensor _x, _y, _keepProb, _accuracy;
    private readonly Operation _train;
    private readonly FeedDict _feed = new();
    private int _cursor;

    /// <param name="seed">Seed of the synthetic data.</param>
    /// <param name="device">The device type the session is restricted to (<c>CPU</c>, <c>GPU</c>).</param>
    public CnnBenchmark(int seed = 1234, string device = KernelRegistry.Cpu)
    {
        var rng = new Random(seed);
        var (trainX, trainY) = MlpBenchmark.Synthetic(rng, NTrain);
        (_testX, _testY) = MlpBenchmark.Synthetic(rng, NTest);
        _batchX = new NDArray[NTrain / Batch];
        _batchY = new NDArray[NTrain / Batch];
        for (int b = 0; b < _batchX.Length; b++)
        {
            _batchX[b] = trainX[$"{b * Batch}:{(b + 1) * Batch}"];
            _batchY[b] = trainY[$"{b * Batch}:{(b + 1) * Batch}"];
        }
        var graph = new Graph();
        using (graph.as_default())
        {
            tf.set_random_seed(42);
            _x = tf.placeholder(tf.float32, (None, Side * Side), name: "x");
            _y = tf.placeholder(tf.float32, (None, Classes), name: "y_");
            var body = new CnnArchitecture().Build(new ModelInput(_x, Side, Side, Classes), new RunConfig { Hidden = null });
            var logits = body.Logits;
            _keepProb = body.TrainingFeeds.Keys.Single();
            var loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels: _y, logits: logits));
            _train = tf.train.AdamOptimizer(1e-4).minimize(loss);
            _accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), tf.argmax(_y, 1)), tf.float32));
            _session = new Session(graph, device: device);
            _session.run(tf.global_variables_initializer());
        }
    }

    /// <summary>Runs <paramref name="n"/> training steps with keep_prob 0.5 on consecutive batches.</summary>
    public void Steps(int n)
    {
        _feed[_keepProb] = 0.5f;
        for (int i = 0; i < n; i++)
        {
            _feed[_x] = _batchX[_cursor];
            _feed[_y] = _batchY[_cursor];
            _cursor = (_cursor + 1) % _batchX.Length;
            _session.run(_train, _feed);
        }
    }

    /// <summary>Restarts from the first batch.</summary>
    public void Rewind() => _cursor = 0;

    /// <summary>Accuracy over the 10,000 test images in one run, dropout off (keep_prob fed 1, as mnist_deep feeds it).</summary>
    public float Eval() => (float)_session.run(_accuracy, new FeedDict { [_x] = _testX, [_y] = _testY, [_keepProb] = 1f });

    public void Dispose() => _session.Dispose();
}
