using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>
/// A compiled (fetches, feeds, targets) signature: the pruned ops in creation order (a valid topological
/// order), chains fused where nothing else reads their intermediates (<see cref="PlanFusion"/>), their bound
/// kernels and contexts, and slot indices wiring outputs to inputs. Built once, then reused by every run with the
/// same signature.
/// </summary>
internal sealed partial class ExecutionPlan
{
    private readonly Step[] _steps;
    private readonly TensorValue[] _slots;
    private readonly int[] _feedSlots;
    private readonly int[] _fetchSlots;
    private readonly Tensor[] _fetchTensors;
    private readonly TensorValue[] _feedBuffers;
    // Feeds that a step updates in place (a fed variable or optimizer slot passed to Assign or Apply*): copied, never borrowed.
    private readonly bool[] _feedWritten;
    private readonly ComputeDevice[] _devicesUsed;

    private sealed class Step
    {
        public Kernel Kernel;
        public KernelContext Context;
        public int[] InputSlots;
        public int[] OutputSlots;
        public bool AllowUninitializedInput0;
        public Operation Op;
        // A host↔device copy the plan inserted (Op is the producer of the copied tensor).
        public bool Transfer;
    }

    public Tensor[] Fetches { get; }
    public Tensor[] Feeds { get; }
    public Operation[] Targets { get; }

    /// <summary>How many ops this plan runs (pruning is observable through this).</summary>
    public int StepCount => _steps.Length;

    /// <summary>Names of the ops this plan runs, in order (a fused step is named after the op whose output it makes).</summary>
    public IEnumerable<string> OpNames => _steps.Select(s => s.Op.Name);

    /// <summary>The kernel type of each step, in order (fused steps show their fused type).</summary>
    public IEnumerable<string> KernelTypes => _steps.Select(s => s.Context.Node.Type);

    /// <summary>Buffers shared between outputs with disjoint lifetimes (<see cref="BufferPlan"/>).</summary>
    public int SharedBufferCount { get; }

    /// <summary>Outputs written into shared buffers.</summary>
    public int SharedOutputCount { get; }

    public ExecutionPlan(Graph graph, Tensor[] fetches, Tensor[] feeds, Operation[] targets, SessionState state,
        PlacementOptions placement = null, bool fuse = true, bool shareBuffers = true)
    {
        Fetches = fetches;
        Feeds = feeds;
        Targets = targets;
        var fed = new HashSet<Tensor>(feeds);
        var needed = Prune(fetches, targets, fed);
        var ordered = needed.OrderBy(op => op.Id).ToArray();
        Placement = Placer.Place(ordered, placement ?? PlacementOptions.Default);
        var devices = new SlotDevices(fed, Placement);

        _feedSlots = feeds.Select(devices.Home).ToArray();
        var fusions = fuse ? PlanFusion.Find(ordered, fed, fetches, op => Placement[op].DeviceType) : new();
        var absorbed = new HashSet<Operation>(fusions.Values.SelectMany(f => f.Absorbed));
        var steps = new List<Step>();
        Step Bind(Operation op, NodeInfo node, Tensor[] inputs, DType kernelDType, bool writesInput0)
        {
            var device = Placement[op];
            var inputSlots = inputs.Select((t, i) => devices.SlotFor(t, Needs(node.Type, i, device), steps)).ToArray();
            // The placer colocates an op that updates an input in place (Assign, Apply*) with it: a copy would take the update.
            int updated = Math.Max(op.Def.UpdatedInputs, writesInput0 ? 1 : 0);
            for (int i = 0; i < updated && i < inputSlots.Length; i++)
                if (devices.IsCopy(inputSlots[i]))
                    throw new InvalidOperationException($"'{op.Name}' ({op.Type}) on {device.Name} would update a copy of {inputs[i].name}; it must run where that value lives.");
            return new()
            {
                Op = op,
                Kernel = KernelRegistry.Create(node, device.DeviceType, kernelDType),
                Context = new KernelContext(node, inputs.Length, op.Outputs.Length, state, device),
                InputSlots = inputSlots,
                OutputSlots = op.Outputs.Select(o => fed.Contains(o) ? -1 : devices.Home(o)).ToArray(),
                AllowUninitializedInput0 = writesInput0,
            };
        }
        foreach (var op in ordered)
        {
            if (absorbed.Contains(op)) continue;
            if (fusions.TryGetValue(op, out var fused))
            {
                steps.Add(Bind(op, fused.Node, fused.Inputs, op.Outputs[0].dtype, writesInput0: false));
                continue;
            }
            if (op.Type == "Placeholder" && op.Outputs.All(fed.Contains)) continue;
            if (op.Type == "Placeholder")
                throw new InvalidArgumentError(ConstantOps.MissingFeedMessage(NodeInfo.From(op)));
            steps.Add(Bind(op, NodeInfo.From(op), op.Inputs, op.Def.KernelDType(op), op.Def.WritesInput0));
        }
        // Fetched values are returned from the host.
        _fetchSlots = fetches.Select(t => devices.SlotFor(t, ComputeDevice.Host, steps)).ToArray();
        _steps = steps.ToArray();
        _fetchTensors = fetches;
        _devicesUsed = Placement.Values.Where(d => !d.IsHost).Distinct().OrderBy(d => d.Name, StringComparer.Ordinal).ToArray();
        _slots = new TensorValue[devices.Count];
        _feedBuffers = new TensorValue[feeds.Length];
        if (shareBuffers)
        {
            // Only host outputs share buffers: a shared buffer must stay on one device.
            var slots = _steps.Select(st => new BufferPlan.StepSlots(st.Op, st.InputSlots, st.OutputSlots, st.Context.Node.OutputDTypes,
                MayAliasOutputs: st.Transfer ? false : st.Op.Def.MayAliasOutputs, Shareable: !st.Transfer && st.Context.Device.IsHost)).ToArray();
            var ids = BufferPlan.Assign(slots, _slots.Length, _fetchSlots, out int bufferCount);
            var shared = new TensorValue[bufferCount];
            for (int s = 0; s < _steps.Length; s++)
                if (ids[s].Any(id => id >= 0)) _steps[s].Context.UseSharedBuffers(shared, ids[s]);
            SharedBufferCount = bufferCount;
            SharedOutputCount = ids.Sum(row => row.Count(id => id >= 0));
        }
        var writtenSlots = _steps.Where(s => !s.Transfer).SelectMany(s => s.InputSlots.Take(s.Op.Def.UpdatedInputs)).ToHashSet();
        _feedWritten = _feedSlots.Select(writtenSlots.Contains).ToArray();
    }

    /// <summary>The device each op of the plan runs on.</summary>
    public IReadOnlyDictionary<Operation, ComputeDevice> Placement { get; }

    /// <summary>The host↔device copies this plan makes per run (TensorFlow's Send/Recv pairs).</summary>
    public int TransferCount => _steps.Count(s => s.Transfer);

    // Where a kernel on `device` reads input i: the host for host-memory inputs, anywhere for shape-only ones (null).
    private static ComputeDevice Needs(string opType, int input, ComputeDevice device) =>
        KernelRegistry.IsShapeOnlyInput(opType, input) ? null
        : device.IsHost || KernelRegistry.IsHostMemoryInput(opType, device.DeviceType, input) ? ComputeDevice.Host
        : device;

    // Reverse reachability from fetches and targets through data and control inputs, stopping at fed tensors.
    private static HashSet<Operation> Prune(Tensor[] fetches, Operation[] targets, HashSet<Tensor> fed)
    {
        var needed = new HashSet<Operation>();
        var stack = new Stack<Operation>();
        foreach (var f in fetches) if (!fed.Contains(f)) stack.Push(f.op);
        foreach (var t in targets) stack.Push(t);
        while (stack.Count > 0)
        {
            var op = stack.Pop();
            if (!needed.Add(op)) continue;
            foreach (var input in op.Inputs) if (!fed.Contains(input)) stack.Push(input.op);
            foreach (var control in op.ControlInputs) stack.Push(control);
        }
        return needed;
    }

    /// <summary>
    /// Runs the plan with fed values already converted; returns the fetched values (owned by the plan until the next
    /// run). With <paramref name="stats"/>, each step's start, duration and outputs are recorded (RunOptions FULL_TRACE).
    /// </summary>
    public TensorValue[] Run(TensorValue[] feedValues, StepStatsCollector stats = null)
    {
        if (_devicesUsed.Length == 0) return RunSteps(feedValues, stats);
        // One queue per device is shared by every session: hold it for the whole run (devices in a fixed order).
        foreach (var device in _devicesUsed) Monitor.Enter(device.SyncRoot);
        try
        {
            return RunSteps(feedValues, stats);
        }
        finally
        {
            foreach (var device in _devicesUsed) Monitor.Exit(device.SyncRoot);
        }
    }

    private TensorValue[] RunSteps(TensorValue[] feedValues, StepStatsCollector stats)
    {
        for (int i = 0; i < _feedSlots.Length; i++) _slots[_feedSlots[i]] = feedValues[i];
        foreach (var step in _steps)
        {
            var ctx = step.Context;
            for (int i = 0; i < step.InputSlots.Length; i++)
            {
                var value = _slots[step.InputSlots[i]];
                if (value == null && !(i == 0 && step.AllowUninitializedInput0))
                    throw new FailedPreconditionError(UninitializedMessage(step.Op.Inputs[i], step.Op));
                ctx.Inputs[i] = value;
            }
            long started = stats != null ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
            step.Kernel(ctx);
            stats?.Record(step.Op, ctx, started);
            for (int i = 0; i < step.OutputSlots.Length; i++)
                if (step.OutputSlots[i] >= 0) _slots[step.OutputSlots[i]] = ctx.Outputs[i];
        }
        // As TensorFlow's run, return only when the devices have finished (errors surface in this run, not the next).
        foreach (var device in _devicesUsed) device.Synchronize();
        var results = new TensorValue[_fetchSlots.Length];
        for (int i = 0; i < results.Length; i++)
            results[i] = _slots[_fetchSlots[i]] ?? throw new FailedPreconditionError(UninitializedMessage(_fetchTensors[i], null));
        return results;
    }

    private static string UninitializedMessage(Tensor t, Operation consumer) =>
        $"Attempting to use uninitialized value {t.op.Name}" + (consumer != null ? $"\n\t [[node {consumer.Name}]]" : "");

    /// <summary>Feed <paramref name="index"/> as a tensor value: read in place where it can be, else copied into this plan's reusable buffer.</summary>
    public TensorValue FeedBuffer(int index, Tensor tensor, object value) =>
        FeedConversion.Into(ref _feedBuffers[index], tensor, value, mayBorrow: !_feedWritten[index]);

    /// <summary>Ends this run's borrowing of fed arrays (call once the fetched values have been copied out).</summary>
    public void ReleaseFeeds()
    {
        foreach (var buffer in _feedBuffers) buffer?.EndBorrow();
    }

    /// <summary>True when this plan was compiled for exactly these fetches, feeds and targets (reference equality).</summary>
    public bool Matches(ReadOnlySpan<Tensor> fetches, ReadOnlySpan<Tensor> feeds, ReadOnlySpan<Operation> targets) =>
        SameRefs(Fetches, fetches) && SameRefs(Feeds, feeds) && SameRefs(Targets, targets);

    private static bool SameRefs<T>(T[] a, ReadOnlySpan<T> b) where T : class
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++) if (!ReferenceEquals(a[i], b[i])) return false;
        return true;
    }
}
