using GraphTrainer.Runtime;
using System.Diagnostics;
using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Cli.Bench;

/// <summary>
/// The peer's MLP workloads (../shared/peers/torchsharp) written the way a TF1 program is: placeholders fed
/// through <c>feed_dict</c> every step and <c>sess.run(train_op)</c>. Synthetic data: pixels U[0,1), random
/// one-hot labels, batches of 100 taken in order (views, as the peer's <c>narrow</c>).
/// </summary>
internal sealed class MlpBenchmark
{
    public const int NTrain = 55_000, NTest = 10_000, NIn = 784, NOut = 10, Batch = 100;

    private readonly NDArray[] _batchX, _batchY;
    private readonly NDArray _testX, _testY;

    public MlpBenchmark(int seed = 1234)
    {
        var rng = new Random(seed);
        (var trainX, var trainY) = Synthetic(rng, NTrain);
        (_testX, _testY) = Synthetic(rng, NTest);
        _batchX = new NDArray[NTrain / Batch];
        _batchY = new NDArray[NTrain / Batch];
        for (int b = 0; b < _batchX.Length; b++)
        {
            _batchX[b] = trainX[$"{b * Batch}:{(b + 1) * Batch}"];
            _batchY[b] = trainY[$"{b * Batch}:{(b + 1) * Batch}"];
        }
    }

    internal static (NDArray, NDArray) Synthetic(Random rng, int rows)
    {
        var x = new float[rows * NIn];
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextSingle();
        var y = new float[rows * NOut];
        for (int r = 0; r < rows; r++) y[r * NOut + rng.Next(NOut)] = 1f;
        return (new NDArray(x, new Shape(rows, NIn)), new NDArray(y, new Shape(rows, NOut)));
    }

    /// <summary>One configured model in its own graph and session.</summary>
    public sealed class Model : IDisposable
    {
        private readonly MlpBenchmark _data;
        private readonly Session _session;
        private readonly Tensor _x, _y, _accuracy;
        private readonly Operation _train;
        private readonly FeedDict _feed = new();
        private int _cursor;

        public Model(MlpBenchmark data, int hidden, Func<Train.Optimizer> optimizer, string device = KernelRegistry.Cpu)
        {
            _data = data;
            var graph = new Graph();
            using (graph.as_default())
            {
                tf.set_random_seed(42);
                _x = tf.placeholder(tf.float32, (None, NIn), name: "x");
                _y = tf.placeholder(tf.float32, (None, NOut), name: "y");
                var W1 = tf.Variable(tf.random_uniform(new[] { NIn, hidden }, -0.0357f, 0.0357f), name: "W1");
                var b1 = tf.Variable(tf.zeros(hidden), name: "b1");
                var W2 = tf.Variable(tf.random_uniform(new[] { hidden, NOut }, -0.0577f, 0.0577f), name: "W2");
                var b2 = tf.Variable(tf.zeros(NOut), name: "b2");
                var logits = tf.matmul(tf.nn.relu(tf.matmul(_x, W1) + b1), W2) + b2;
                var loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels: _y, logits: logits));
                _train = optimizer().minimize(loss);
                _accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), tf.argmax(_y, 1)), tf.float32));
                _session = new Session(graph, device: device);
                _session.run(tf.global_variables_initializer());
            }
        }

        /// <summary>Runs <paramref name="n"/> training steps on consecutive batches.</summary>
        public void Steps(int n)
        {
            for (int i = 0; i < n; i++)
            {
                _feed[_x] = _data._batchX[_cursor];
                _feed[_y] = _data._batchY[_cursor];
                _cursor = (_cursor + 1) % _data._batchX.Length;
                _session.run(_train, _feed);
            }
        }

        /// <summary>Restarts from the first batch (the peer resets its cursor before each timed run).</summary>
        public void Rewind() => _cursor = 0;

        /// <summary>Forward over the 10,000 test rows plus argmax/equal/mean, fetched as a scalar.</summary>
        public float Eval() => (float)_session.run(_accuracy, new FeedDict { [_x] = _data._testX, [_y] = _data._testY });

        public void Dispose() => _session.Dispose();
    }

    /// <summary>Median of <paramref name="runs"/> timings of <paramref name="action"/> in seconds.</summary>
    public static double MedianSeconds(int runs, Action before, Action action)
    {
        var times = new List<double>();
        for (int r = 0; r < runs; r++)
        {
            before();
            var sw = Stopwatch.StartNew();
            action();
            times.Add(sw.Elapsed.TotalSeconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
