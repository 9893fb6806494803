namespace GraphTrainer;

/// <summary>
/// tf.gradients: walks the ops between <c>xs</c> and <c>ys</c> in reverse topological order, calls each op's
/// gradient function, and sums gradients of tensors with several consumers with AddN. Every op it adds
/// is a graph op under the <c>gradients/</c> name scope.
/// </summary>
internal static class GradientsBuilder
{
    public static Tensor[] Build(Tensor[] ys, Tensor[] xs, Tensor[] gradYs = null, string name = "gradients")
    {
        if (ys.Length == 0) throw new ValueError("tf.gradients needs at least one y.");
        var g = ys[0].graph;
        using var scope = g.name_scope(name);
        var between = OpsBetween(xs, ys);
        var pending = PendingCounts(between);
        var grads = new Dictionary<Tensor, List<Tensor>>();

        for (int i = 0; i < ys.Length; i++)
        {
            var y = ys[i];
            if (!y.dtype.IsFloating()) throw new TypeError($"Gradients of {y.name} ({y.dtype.Name()}) are not defined; it must be float32 or float64.");
            var seed = gradYs?[i] ?? FillOps.OnesLike(y, $"grad_ys_{i}");
            Add(grads, y, seed);
        }

        // Ready queue: ops in `between` whose consumers inside `between` have all delivered gradients.
        var ready = new SortedSet<int>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        var byId = between.ToDictionary(op => op.Id);
        foreach (var op in between) if (pending[op] == 0) ready.Add(op.Id);

        var xSet = new HashSet<Tensor>(xs);
        while (ready.Count > 0)
        {
            var op = byId[ready.Min];
            ready.Remove(ready.Min);
            var outGrads = op.Outputs.Select(o => Aggregate(grads, o)).ToArray();
            bool stop = op.Outputs.All(xSet.Contains) && op.Inputs.Length == 0;
            if (!stop && outGrads.Any(t => t != null) && op.Inputs.Length > 0)
            {
                var def = op.Def;
                if (def.NotDifferentiable || def.Gradient == null)
                {
                    if (!def.NotDifferentiable)
                        throw new LookupError($"No gradient defined for operation '{op.Name}' (op type: {op.Type})");
                }
                else
                {
                    Tensor[] inGrads;
                    using (g.name_scope(op.Name + "_grad"))
                        inGrads = def.Gradient(op, FillMissing(op, outGrads));
                    if (inGrads.Length != op.Inputs.Length)
                        throw new InvalidOperationException($"Gradient of {op.Type} returned {inGrads.Length} values for {op.Inputs.Length} inputs.");
                    for (int i = 0; i < inGrads.Length; i++)
                        if (inGrads[i] != null && op.Inputs[i].dtype.IsFloating()) Add(grads, op.Inputs[i], inGrads[i]);
                }
            }
            foreach (var input in op.Inputs.Select(t => t.op).Distinct())
            {
                if (!pending.ContainsKey(input)) continue;
                if (--pending[input] == 0) ready.Add(input.Id);
            }
        }
        return xs.Select(x => Aggregate(grads, x)).ToArray();
    }

    // Ops on a path from some x to some y (inclusive of y ops).
    private static HashSet<Operation> OpsBetween(Tensor[] xs, Tensor[] ys)
    {
        var reachableFromX = new HashSet<Operation>();
        var stack = new Stack<Operation>(xs.Select(x => x.op));
        while (stack.Count > 0)
        {
            var op = stack.Pop();
            if (!reachableFromX.Add(op)) continue;
            foreach (var output in op.Outputs)
                foreach (var consumer in output.Consumers) stack.Push(consumer);
        }
        var between = new HashSet<Operation>();
        var back = new Stack<Operation>(ys.Select(y => y.op));
        while (back.Count > 0)
        {
            var op = back.Pop();
            if (!reachableFromX.Contains(op) || !between.Add(op)) continue;
            foreach (var input in op.Inputs) back.Push(input.op);
        }
        return between;
    }

    private static Dictionary<Operation, int> PendingCounts(HashSet<Operation> between)
    {
        var pending = between.ToDictionary(op => op, _ => 0);
        foreach (var op in between)
            foreach (var input in op.Inputs.Select(t => t.op).Distinct())
                if (pending.ContainsKey(input)) pending[input]++;
        return pending;
    }

    private static void Add(Dictionary<Tensor, List<Tensor>> grads, Tensor t, Tensor grad)
    {
        if (!grads.TryGetValue(t, out var list)) grads[t] = list = new List<Tensor>();
        list.Add(grad);
    }

    private static Tensor Aggregate(Dictionary<Tensor, List<Tensor>> grads, Tensor t)
    {
        if (!grads.TryGetValue(t, out var list) || list.Count == 0) return null;
        if (list.Count > 1)
        {
            var sum = MathOps.AddN(list);
            list.Clear();
            list.Add(sum);
        }
        return list[0];
    }

    // Multi-output ops whose gradient needs every output gradient get zeros for the unused ones.
    private static Tensor[] FillMissing(Operation op, Tensor[] outGrads)
    {
        if (op.Outputs.Length == 1) return outGrads;
        var filled = (Tensor[])outGrads.Clone();
        for (int i = 0; i < filled.Length; i++)
            if (filled[i] == null && op.Type != "SoftmaxCrossEntropyWithLogits" && op.Outputs[i].dtype.IsFloating())
                filled[i] = FillOps.ZerosLike(op.Outputs[i]);
        return filled;
    }
}
