using NumSharp;
using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>
/// Runs a graph: holds variable values, compiles each (fetches, feeds, targets) signature into a pruned
/// <see cref="ExecutionPlan"/> once, and reuses it for every later run with that signature.
/// A session becomes the default session while it is open (so <c>t.eval()</c> works inside
/// <c>using (var sess = tf.Session())</c>), and stops being default when disposed.
/// </summary>
public partial class Session : IDisposable
{
    private static readonly object s_lock = new();
    private static readonly List<Session> s_defaults = new();

    private readonly List<ExecutionPlan> _plans = new();
    private readonly object _runLock = new();
    private bool _closed;
    private IDisposable _graphScope;

    /// <summary>Opens a session on <paramref name="graph"/> (default graph when null) on <paramref name="device"/>.</summary>
    public Session(Graph graph = null, string device = KernelRegistry.Cpu)
    {
        this.graph = graph ?? Graph.Default;
        // As `with tf.Session(graph=g):` in TensorFlow, an explicit graph is the default graph while the session is open.
        if (graph != null) _graphScope = graph.as_default();
        Device = device;
        State = new SessionState();
        lock (s_lock) s_defaults.Add(this);
    }

    /// <summary>The graph this session runs.</summary>
    public Graph graph { get; }
    /// <summary>The device kernels are chosen for.</summary>
    public string Device { get; }
    /// <summary>Variable values and random-generator state.</summary>
    public SessionState State { get; }

    /// <summary>Whether plans compiled from now on fuse op chains (<see cref="PlanFusion"/>); off to compare with the unfused ops.</summary>
    internal bool FuseKernels { get; set; } = true;

    /// <summary>Whether plans compiled from now on share buffers between outputs with disjoint lifetimes (<see cref="BufferPlan"/>).</summary>
    internal bool ShareBuffers { get; set; } = true;

    /// <summary>The plans compiled so far, oldest first (tests inspect what a signature runs).</summary>
    internal IReadOnlyList<ExecutionPlan> Plans => _plans;

    /// <summary>The most recently opened session that is still open, or null.</summary>
    public static Session Default { get { lock (s_lock) return s_defaults.Count > 0 ? s_defaults[^1] : null; } }

    internal static Session RequireDefault(string caller) => Default ?? throw new ValueError(
        $"Cannot evaluate tensor using `{caller}`: No default session is registered. Open one with `using (var sess = tf.Session())` or tf.InteractiveSession(), or pass session: sess.");

    /// <summary>Makes this session the default again until the returned scope is disposed.</summary>
    public IDisposable as_default()
    {
        lock (s_lock) s_defaults.Add(this);
        return new ScopeExit(() => { lock (s_lock) s_defaults.Remove(this); });
    }

    /// <summary>Closes the session: releases variable values; further runs fail.</summary>
    public void close() => Dispose();

    /// <inheritdoc/>
    public void Dispose()
    {
        _closed = true;
        Interlocked.Exchange(ref _graphScope, null)?.Dispose();
        lock (s_lock) s_defaults.RemoveAll(s => ReferenceEquals(s, this));
        GC.SuppressFinalize(this);
    }

    /// <summary>Number of compiled plans (one per distinct run signature).</summary>
    public int CompiledPlanCount { get { lock (_runLock) return _plans.Count; } }

    /// <summary>
    /// The core run: fetch tensors, run targets, with feeds. Returns one value per fetch tensor, copied out
    /// of the plan's buffers.
    /// </summary>
    internal NDArray[] RunCore(Tensor[] fetches, Operation[] targets, FeedDict feed_dict, StepStatsCollector stats = null)
    {
        if (_closed) throw new InvalidOperationException("Attempted to use a closed Session.");
        var feeds = feed_dict ?? s_emptyFeed;
        var feedTensors = new Tensor[feeds.Count];
        var feedValues = new object[feeds.Count];
        int n = 0;
        foreach (var (tensor, value) in feeds) { feedTensors[n] = tensor; feedValues[n++] = value; }
        foreach (var t in fetches) CheckGraph(t.op);
        foreach (var t in targets) CheckGraph(t);

        lock (_runLock)
        {
            var plan = FindOrCompile(fetches, feedTensors, targets);
            try
            {
                var results = plan.Run(ConvertFeeds(plan, feedValues), stats);
                var arrays = new NDArray[results.Length];
                for (int i = 0; i < results.Length; i++) arrays[i] = ValueConversion.ToNDArray(results[i]);
                return arrays;
            }
            finally
            {
                plan.ReleaseFeeds(); // fed arrays are read in place only during the run
            }
        }
    }

    private static readonly FeedDict s_emptyFeed = new();

    private void CheckGraph(Operation op)
    {
        if (op.Graph != graph)
            throw new ValueError($"Fetch argument {op.Name} cannot be interpreted as a Tensor or Operation of this session's graph (it belongs to another graph).");
    }

    private ExecutionPlan FindOrCompile(Tensor[] fetches, Tensor[] feeds, Operation[] targets)
    {
        foreach (var p in _plans)
            if (p.Matches(fetches, feeds, targets)) return p;
        var plan = new ExecutionPlan(graph, fetches, feeds, targets, State, Device, FuseKernels, ShareBuffers);
        _plans.Add(plan);
        return plan;
    }

    private TensorValue[] ConvertFeeds(ExecutionPlan plan, object[] values)
    {
        var converted = new TensorValue[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            var tensor = plan.Feeds[i];
            if (tensor.graph != graph)
                throw new ValueError($"Cannot feed {tensor.name}: it belongs to another graph.");
            converted[i] = plan.FeedBuffer(i, tensor, values[i]);
        }
        return converted;
    }
}
