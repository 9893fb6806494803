namespace GraphTrainer.Runtime;

/// <summary>Computes one node: reads inputs from, and writes outputs to, its <see cref="KernelContext"/>.</summary>
public delegate void Kernel(KernelContext ctx);

/// <summary>
/// The per-node execution context, created once per compiled plan step and reused every run so a
/// steady-state step allocates nothing: outputs reuse the previous run's buffer when it is big enough.
/// </summary>
public sealed class KernelContext
{
    private readonly TensorValue[] _outputCache;
    private readonly TensorValue[] _viewCache;

    internal KernelContext(NodeInfo node, int inputCount, int outputCount, SessionState state, ComputeDevice device = null)
    {
        Node = node;
        Device = device ?? ComputeDevice.Host;
        Inputs = new TensorValue[inputCount];
        Outputs = new TensorValue[outputCount];
        _outputCache = new TensorValue[outputCount];
        _viewCache = new TensorValue[outputCount];
        State = state;
    }

    /// <summary>The node being computed.</summary>
    public NodeInfo Node { get; }
    /// <summary>The device this node runs on: its inputs are there, and <see cref="Output"/> allocates there.</summary>
    public ComputeDevice Device { get; }
    /// <summary>Per-session state: variables and random generators.</summary>
    public SessionState State { get; }
    internal TensorValue[] Inputs { get; }
    internal TensorValue[] Outputs { get; }

    /// <summary>Input <paramref name="i"/>.</summary>
    public TensorValue Input(int i) => Inputs[i];

    /// <summary>Number of inputs.</summary>
    public int InputCount => Inputs.Length;

    // Buffers shared between the outputs of different steps whose lifetimes do not overlap (BufferPlan), and this
    // step's buffer per output (-1: a buffer of its own in _outputCache). Null when the plan shares nothing here.
    private TensorValue[] _shared;
    private int[] _sharedIds;

    /// <summary>Makes output i use shared buffer ids[i] (when not -1) of <paramref name="shared"/>.</summary>
    internal void UseSharedBuffers(TensorValue[] shared, int[] ids)
    {
        _shared = shared;
        _sharedIds = ids;
    }

    /// <summary>Allocates (or reuses) output <paramref name="i"/> with the given shape; contents are unspecified.</summary>
    public TensorValue Output(int i, ReadOnlySpan<int> shape)
    {
        var dtype = Node.OutputDTypes[i];
        int id = _sharedIds == null ? -1 : _sharedIds[i];
        ref var cached = ref id < 0 ? ref _outputCache[i] : ref _shared[id];
        if (cached == null || !cached.TryReuse(dtype, shape))
            cached = TensorValue.AllocateOn(Device, dtype, shape);
        Outputs[i] = cached;
        return cached;
    }

    // An output planned into a shared buffer must be written there: a forwarded value would escape the plan's lifetimes.
    private void RequireOwnBuffer(int i)
    {
        if (_sharedIds != null && _sharedIds[i] >= 0)
            throw new InvalidOperationException(
                $"Kernel {Node.Type} ('{Node.Name}') forwards output {i}, but the plan shares that output's buffer; its OpDef must declare AliasesOutputs.");
    }

    /// <summary>Output <paramref name="i"/> becomes a view of <paramref name="source"/> with another shape (no copy).</summary>
    public TensorValue OutputView(int i, TensorValue source, ReadOnlySpan<int> shape)
    {
        RequireOwnBuffer(i);
        var view = _viewCache[i] ??= TensorValue.Allocate(source.DType, Array.Empty<int>());
        if (view.DType != source.DType) _viewCache[i] = view = TensorValue.Allocate(source.DType, Array.Empty<int>());
        view.Alias(source, shape);
        Outputs[i] = view;
        return view;
    }

    /// <summary>Sets output <paramref name="i"/> to an existing value (forwarding, as Identity does).</summary>
    public void SetOutput(int i, TensorValue value)
    {
        RequireOwnBuffer(i);
        Outputs[i] = value;
    }
}
