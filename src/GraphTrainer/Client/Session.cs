using NumSharp;
using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>
/// Runs a graph: holds variable values, compiles each (fetches, feeds, targets) signature into a pruned
/// <see cref="ExecutionPlan"/> once, and reuses it for every later run with that signature.
/// A session opened with <c>using (var sess = tf.Session())</c> serves <c>t.eval()</c> while it is open and its graph
/// is the default graph; <see cref="InteractiveSession"/> and <see cref="as_default"/> make a session the default
/// regardless of the default graph. An unreachable, undisposed session is collected like any object (nothing
/// static holds it), as TensorFlow frees a session when it is garbage.
/// </summary>
public partial class Session : IDisposable
{
    private readonly PlanCache _plans = new();
    private readonly object _runLock = new();
    private volatile bool _closed;
    private IDisposable _graphScope;

    /// <summary>
    /// Opens a session on <paramref name="graph"/> (default graph when null), configured by <paramref name="config"/>
    /// (TensorFlow's <c>tf.Session(graph=..., config=...)</c>; a default <see cref="ConfigProto"/> when null). Ops run where
    /// the placer puts them (GPU:0 when one is registered and has the kernel, else the CPU); <paramref name="device"/>
    /// (<c>"CPU"</c>, <c>"GPU"</c>) restricts unpinned ops to that device type.
    /// </summary>
    public Session(Graph graph = null, string device = null, ConfigProto config = null)
    {
        Config = config?.Clone() ?? new ConfigProto();
        this.graph = graph ?? Graph.Default;
        // As `with tf.Session(graph=g):` in TensorFlow, an explicit graph is the default graph while the session is open
        // (and reachable: a forgotten session does not keep its graph the default).
        if (graph != null) _graphScope = graph.AsDefaultFor(this);
        Device = device;
        State = new SessionState();
        DefaultSessions.Register(this, explicitDefault: this is InteractiveSession);
        LogDeviceMapping();
    }

    /// <summary>The graph this session runs.</summary>
    public Graph graph { get; }
    /// <summary>The device type unpinned ops are restricted to, or null when the placer chooses.</summary>
    public string Device { get; }
    /// <summary>The session's configuration: a copy of the one it was opened with, so later edits to that object do not apply.</summary>
    internal ConfigProto Config { get; }

    /// <summary>The placer's switches for plans compiled from now on.</summary>
    internal PlacementOptions Placement => PlacementOptions.From(Config, Device);
    /// <summary>Variable values and random-generator state.</summary>
    public SessionState State { get; private set; }

    /// <summary>Whether plans compiled from now on fuse op chains (<see cref="PlanFusion"/>); off to compare with the unfused ops.</summary>
    internal bool FuseKernels { get; set; } = true;

    /// <summary>Whether plans compiled from now on share buffers between outputs with disjoint lifetimes (<see cref="BufferPlan"/>).</summary>
    internal bool ShareBuffers { get; set; } = true;

    /// <summary>The plans cached now, oldest first (tests inspect what a signature runs).</summary>
    internal IReadOnlyList<ExecutionPlan> Plans { get { lock (_runLock) return _plans.Snapshot(); } }

    /// <summary>How many compiled plans the session keeps; the least recently used is dropped beyond this.</summary>
    internal int PlanCacheCapacity { get => _plans.Capacity; set { lock (_runLock) _plans.Capacity = value; } }

    /// <summary>True once <see cref="close"/> or <see cref="Dispose"/> ran.</summary>
    public bool IsClosed => _closed;

    /// <summary>
    /// The default session: the innermost open <see cref="as_default"/> scope or <see cref="InteractiveSession"/>, or the
    /// most recently opened session whose graph is the default graph; null when none.
    /// </summary>
    public static Session Default => DefaultSessions.Current();

    internal static Session RequireDefault(string caller) => Default ?? throw new ValueError(
        $"Cannot evaluate tensor using `{caller}`: No default session is registered. Open one with `using (var sess = tf.Session())` or tf.InteractiveSession(), or pass session: sess.");

    /// <summary>Makes this session the default again until the returned scope is disposed.</summary>
    public IDisposable as_default()
    {
        if (_closed) throw new InvalidOperationException("Attempted to use a closed Session.");
        return DefaultSessions.Push(this);
    }

    /// <summary>Closes the session: releases variable values and compiled plans; further runs fail.</summary>
    public void close() => Dispose();

    /// <inheritdoc/>
    public void Dispose()
    {
        _closed = true;
        Interlocked.Exchange(ref _graphScope, null)?.Dispose();
        DefaultSessions.Unregister(this);
        lock (_runLock)
        {
            _plans.Clear();
            State.ReleaseDeviceMemory(); // device memory is scarcer than the GC knows: free it now, not at finalization
            State = new SessionState(); // drops the variable values, so a kept reference to a closed session holds no memory
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>Number of cached plans (one per distinct run signature, at most <see cref="PlanCacheCapacity"/>).</summary>
    public int CompiledPlanCount { get { lock (_runLock) return _plans.Count; } }

    /// <summary>Throws TensorFlow's error for a closed session.</summary>
    internal void ThrowIfClosed()
    {
        if (_closed) throw new InvalidOperationException("Attempted to use a closed Session.");
    }

    /// <summary>
    /// The core run: fetch tensors, run targets, with feeds. Returns one value per fetch tensor, copied out
    /// of the plan's buffers.
    /// </summary>
    internal NDArray[] RunCore(Tensor[] fetches, Operation[] targets, FeedDict feed_dict, StepStatsCollector stats = null)
    {
        ThrowIfClosed();
        var feeds = feed_dict ?? s_emptyFeed;
        var feedTensors = new Tensor[feeds.Count];
        var feedValues = new object[feeds.Count];
        int n = 0;
        foreach (var (tensor, value) in feeds) { feedTensors[n] = tensor; feedValues[n++] = value; }
        foreach (var t in fetches) CheckGraph(t?.op ?? throw NoneFetch());
        foreach (var t in targets) CheckGraph(t ?? throw NoneFetch());

        lock (_runLock)
        {
            ThrowIfClosed();
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

    /// <summary>TensorFlow's error for a None fetch.</summary>
    internal static TypeError NoneFetch() => new("Fetch argument None has invalid type <class 'NoneType'>");

    private void CheckGraph(Operation op)
    {
        if (op.Graph != graph)
            throw new ValueError($"Fetch argument {op.Name} cannot be interpreted as a Tensor or Operation of this session's graph (it belongs to another graph).");
    }

    private ExecutionPlan FindOrCompile(Tensor[] fetches, Tensor[] feeds, Operation[] targets)
    {
        var plan = _plans.Find(fetches, feeds, targets);
        if (plan != null) return plan;
        plan = new ExecutionPlan(graph, fetches, feeds, targets, State, Placement, FuseKernels, ShareBuffers);
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
