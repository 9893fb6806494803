namespace GraphTrainer;

/// <summary>
/// A session's compiled plans, bounded: beyond <see cref="Capacity"/> the least recently used plan is dropped (and
/// with it its buffers), so a program that builds a new fetch tensor every step keeps a bounded set of plans rather
/// than one per step. Hits allocate nothing. Not thread-safe: the session's run lock guards it.
/// </summary>
internal sealed class PlanCache
{
    /// <summary>Default bound: far more signatures than a training program alternates between.</summary>
    public const int DefaultCapacity = 128;

    private struct Entry
    {
        public ExecutionPlan Plan;
        public long LastUsed;
    }

    private Entry[] _entries = new Entry[8];
    private int _count;
    private long _clock;
    private int _capacity = DefaultCapacity;

    /// <summary>Plans currently cached.</summary>
    public int Count => _count;

    /// <summary>The most plans kept (at least 1).</summary>
    public int Capacity
    {
        get => _capacity;
        set
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(value), value, "The plan cache must hold at least one plan.");
            _capacity = value;
            while (_count > _capacity) EvictLeastRecentlyUsed();
        }
    }

    /// <summary>The plan compiled for exactly these fetches, feeds and targets, marked as just used; null when none.</summary>
    public ExecutionPlan Find(Tensor[] fetches, Tensor[] feeds, Operation[] targets)
    {
        for (int i = 0; i < _count; i++)
        {
            if (!_entries[i].Plan.Matches(fetches, feeds, targets)) continue;
            _entries[i].LastUsed = ++_clock;
            return _entries[i].Plan;
        }
        return null;
    }

    /// <summary>Adds a newly compiled plan, first dropping the least recently used one when full.</summary>
    public void Add(ExecutionPlan plan)
    {
        if (_count >= _capacity) EvictLeastRecentlyUsed();
        if (_count == _entries.Length) Array.Resize(ref _entries, _entries.Length * 2);
        _entries[_count++] = new Entry { Plan = plan, LastUsed = ++_clock };
    }

    /// <summary>Drops every plan.</summary>
    public void Clear()
    {
        Array.Clear(_entries, 0, _count);
        _count = 0;
    }

    /// <summary>The cached plans, oldest first.</summary>
    public ExecutionPlan[] Snapshot()
    {
        var plans = new ExecutionPlan[_count];
        for (int i = 0; i < _count; i++) plans[i] = _entries[i].Plan;
        return plans;
    }

    private void EvictLeastRecentlyUsed()
    {
        int oldest = 0;
        for (int i = 1; i < _count; i++)
            if (_entries[i].LastUsed < _entries[oldest].LastUsed) oldest = i;
        Array.Copy(_entries, oldest + 1, _entries, oldest, _count - oldest - 1);
        _entries[--_count] = default;
    }
}
