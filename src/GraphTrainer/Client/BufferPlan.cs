using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>
/// Liveness-based buffer sharing for an execution plan, as TensorFlow's allocator reuses freed memory: an output whose
/// last reader has run hands its buffer to a later output of the same dtype, so a plan holds about as many buffers
/// as are alive at once rather than one per op (and a step touches buffers that are still in cache).
/// <list type="bullet">
/// <item>Only outputs that a kernel writes into a buffer of its own are shared; ops that may forward a value they do
/// not own (<see cref="OpDef.MayAliasOutputs"/>: Identity, Reshape, variables, Apply*) keep theirs, and everything
/// they read stays alive to the end of the run, since their outputs may be it.</item>
/// <item>A step's outputs are assigned before its inputs are released, so no kernel writes over what it reads.</item>
/// <item>Fetched tensors are never released; string tensors are not shared.</item>
/// </list>
/// </summary>
internal static class BufferPlan
{
    /// <summary>
    /// One step as the planner sees it: its op, input and output slots (-1: a fed output), output dtypes, whether its
    /// outputs may be values it does not own (<see cref="OpDef.MayAliasOutputs"/>) and whether they may share buffers
    /// at all (host outputs only: a shared buffer stays on one device).
    /// </summary>
    public readonly record struct StepSlots(Operation Op, int[] Inputs, int[] Outputs, DType[] OutputDTypes, bool MayAliasOutputs, bool Shareable = true);

    /// <summary>For each step, the shared buffer id of each output, or -1 where the output keeps its own buffer.</summary>
    public static int[][] Assign(IReadOnlyList<StepSlots> steps, int slotCount, IEnumerable<int> fetchSlots, out int bufferCount)
    {
        var lastUse = LastUses(steps, slotCount, fetchSlots);
        var ids = new int[steps.Count][];
        var free = new Dictionary<DType, Stack<int>>();
        var releaseAfter = new List<(int Id, DType DType)>[steps.Count];
        bufferCount = 0;
        for (int s = 0; s < steps.Count; s++)
        {
            var step = steps[s];
            ids[s] = Enumerable.Repeat(-1, step.Outputs.Length).ToArray();
            for (int j = 0; j < step.Outputs.Length && !step.MayAliasOutputs && step.Shareable; j++)
            {
                int slot = step.Outputs[j];
                var dtype = step.OutputDTypes[j];
                if (slot < 0 || dtype == DType.String) continue;
                int id = free.TryGetValue(dtype, out var stack) && stack.Count > 0 ? stack.Pop() : bufferCount++;
                ids[s][j] = id;
                int end = lastUse[slot];
                if (end == Forever) continue;
                (releaseAfter[Math.Max(end, s)] ??= new()).Add((id, dtype)); // never read: free after this step
            }
            foreach (var (id, dtype) in releaseAfter[s] ?? Enumerable.Empty<(int, DType)>())
            {
                if (!free.TryGetValue(dtype, out var stack)) free[dtype] = stack = new Stack<int>();
                stack.Push(id);
            }
        }
        return ids;
    }

    private const int Forever = int.MaxValue;

    // The index of each slot's last reader (-1: none); Forever for fetched slots and inputs of ops that may alias.
    private static int[] LastUses(IReadOnlyList<StepSlots> steps, int slotCount, IEnumerable<int> fetchSlots)
    {
        var lastUse = Enumerable.Repeat(-1, slotCount).ToArray();
        for (int s = 0; s < steps.Count; s++)
        {
            bool aliases = steps[s].MayAliasOutputs;
            foreach (int slot in steps[s].Inputs)
                if (lastUse[slot] != Forever) lastUse[slot] = aliases ? Forever : s; // steps run in order: s is the latest
        }
        foreach (int slot in fetchSlots) lastUse[slot] = Forever;
        return lastUse;
    }
}
