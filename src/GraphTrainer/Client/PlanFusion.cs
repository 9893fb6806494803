using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>
/// Plan-time rewrites (what TensorFlow's grappler remapper does): a chain whose intermediate results no other op
/// in the plan reads, and no fetch returns, runs as one fused kernel at the position of its last op.
/// <list type="bullet">
/// <item>MatMul → Add/AddV2/BiasAdd of a [n] or [1, n] bias (→ Relu): one GEMM with a bias/ReLU epilogue, saving
/// two passes over the activations.</item>
/// <item>MatMul → ApplyGradientDescent: the weight gradient is accumulated straight into the variable
/// (C = −lr·AB + C), so it is never stored.</item>
/// <item>MatMul → ApplyAdam: the weight gradient is made a block of rows at a time and applied while in cache, so it is
/// never stored whole.</item>
/// <item>MaxPoolGrad → ReluGrad, when the pool's input is the ReLU's output: the ReLU's gradient is applied to each
/// image's pooling gradient while it is in cache.</item>
/// <item>Conv2D → Add/AddV2/BiasAdd of a [C] bias (→ Relu) (→ MaxPool): one convolution whose GEMM tiles get the bias
/// and ReLU, and, when nothing else reads the activations (evaluation), pooled per image so they are never stored.</item>
/// </list>
/// </summary>
internal static partial class PlanFusion
{
    /// <summary>One fused step: it replaces <see cref="Absorbed"/> and produces <see cref="Root"/>'s outputs.</summary>
    internal sealed record Fused(Operation Root, NodeInfo Node, Tensor[] Inputs, Operation[] Absorbed);

    /// <summary>The fusions for a plan's ops (in execution order), keyed by the op whose outputs each produces.</summary>
    public static Dictionary<Operation, Fused> Find(IReadOnlyList<Operation> ordered, ISet<Tensor> fed, IEnumerable<Tensor> fetches,
        Func<Operation, string> deviceOf)
    {
        var readers = CountReaders(ordered, fetches);
        var controlled = new HashSet<Operation>(ordered.SelectMany(op => op.ControlInputs));
        // An intermediate may be skipped only if its op has a single output read once (by the next op of the chain).
        bool Intermediate(Tensor t) => !fed.Contains(t) && !controlled.Contains(t.op) && t.op.Outputs.Length == 1
                                       && readers.GetValueOrDefault(t) == 1;

        var fused = new Dictionary<Operation, Fused>();
        var absorbed = new HashSet<Operation>();
        // Last op first, so a chain is matched from its end: Relu(Add(MatMul)) before Add(MatMul) alone.
        for (int i = ordered.Count - 1; i >= 0; i--)
        {
            var op = ordered[i];
            if (absorbed.Contains(op)) continue;
            var f = MatchGradientDescent(op, Intermediate) ?? MatchAdam(op, Intermediate) ?? MatchBiasAdd(op, Intermediate)
                    ?? MatchConv(op, Intermediate) ?? MatchMaxPoolGradRelu(op, Intermediate);
            if (f == null || f.Absorbed.Any(absorbed.Contains)) continue;
            string device = deviceOf(op);
            if (f.Absorbed.Any(a => deviceOf(a) != device) || !KernelRegistry.Has(f.Node.Type, device, op.Outputs[0].dtype)) continue;
            fused[op] = f;
            absorbed.UnionWith(f.Absorbed);
        }
        return fused;
    }

    private static Dictionary<Tensor, int> CountReaders(IReadOnlyList<Operation> ordered, IEnumerable<Tensor> fetches)
    {
        var readers = new Dictionary<Tensor, int>();
        foreach (var op in ordered)
            foreach (var input in op.Inputs)
                readers[input] = readers.GetValueOrDefault(input) + 1;
        foreach (var fetch in fetches) readers[fetch] = readers.GetValueOrDefault(fetch) + 1;
        return readers;
    }

    // ApplyGradientDescent(var, alpha, MatMul(a, b)) → var += −alpha·op(a)·op(b).
    private static Fused MatchGradientDescent(Operation apply, Func<Tensor, bool> intermediate)
    {
        if (apply.Type != "ApplyGradientDescent") return null;
        var delta = apply.Inputs[2];
        if (delta.op.Type != "MatMul" || !intermediate(delta)) return null;
        var matmul = delta.op;
        var inputs = new[] { apply.Inputs[0], apply.Inputs[1], matmul.Inputs[0], matmul.Inputs[1] };
        return new Fused(apply, Node(FusedOps.MatMulApplyGradientDescent, apply, matmul, inputs, relu: false), inputs, new[] { matmul });
    }

    // ApplyAdam(var, m, v, ..., MatMul(a, b)) → Adam's step for op(a)·op(b), made and applied block by block.
    private static Fused MatchAdam(Operation apply, Func<Tensor, bool> intermediate)
    {
        if (apply.Type != "ApplyAdam" || apply.GetAttrOrDefault("use_nesterov", false)) return null;
        var grad = apply.Inputs[9];
        if (grad.op.Type != "MatMul" || !intermediate(grad)) return null;
        var matmul = grad.op;
        var inputs = apply.Inputs.Take(9).Concat(new[] { matmul.Inputs[0], matmul.Inputs[1] }).ToArray();
        return new Fused(apply, Node(FusedOps.MatMulApplyAdam, apply, matmul, inputs, relu: false), inputs, new[] { matmul });
    }

    // ReluGrad(MaxPoolGrad(x, y, dy), x): the ReLU's output x went into the pool.
    private static Fused MatchMaxPoolGradRelu(Operation reluGrad, Func<Tensor, bool> intermediate)
    {
        if (reluGrad.Type != "ReluGrad") return null;
        var pooled = reluGrad.Inputs[0];
        if (pooled.op.Type != "MaxPoolGrad" || !intermediate(pooled) || !Nhwc(pooled.op)) return null;
        var poolGrad = pooled.op;
        var features = reluGrad.Inputs[1];
        if (features.op != poolGrad.Inputs[0].op || features.value_index != poolGrad.Inputs[0].value_index) return null;
        var inputs = poolGrad.Inputs.ToArray();
        var node = new NodeInfo
        {
            Name = reluGrad.Name, Type = FusedOps.MaxPoolGradReluGrad, Attrs = new Dictionary<string, object>(poolGrad.Attrs),
            InputDTypes = inputs.Select(t => t.dtype).ToArray(),
            OutputDTypes = reluGrad.Outputs.Select(o => o.dtype).ToArray(),
            InputNodeNames = inputs.Select(t => t.op.Name).ToArray(),
        };
        return new Fused(reluGrad, node, inputs, new[] { poolGrad });
    }

    // [Relu(] Add(MatMul(a, b), bias) [)] with a float32 [n] or [1, n] bias.
    private static Fused MatchBiasAdd(Operation root, Func<Tensor, bool> intermediate)
    {
        bool relu = root.Type == "Relu";
        var add = relu ? root.Inputs[0].op : root;
        if (relu && !intermediate(root.Inputs[0])) return null;
        if (add.Type is not ("Add" or "AddV2" or "BiasAdd") || add.Outputs[0].dtype != DType.Float32) return null;
        if (add.Type == "BiasAdd" && add.GetAttrOrDefault("data_format", "NHWC") != "NHWC") return null;
        int side = add.Inputs[0].op.Type == "MatMul" && intermediate(add.Inputs[0]) ? 0
                 : add.Type != "BiasAdd" && add.Inputs[1].op.Type == "MatMul" && intermediate(add.Inputs[1]) ? 1 : -1;
        if (side < 0) return null;
        var matmul = add.Inputs[side].op;
        var bias = add.Inputs[1 - side];
        if (!IsRowBias(bias.shape, matmul.Outputs[0].shape)) return null;
        var inputs = new[] { matmul.Inputs[0], matmul.Inputs[1], bias };
        var absorbed = relu ? new[] { matmul, add } : new[] { matmul };
        return new Fused(root, Node(FusedOps.MatMulBias, root, matmul, inputs, relu), inputs, absorbed);
    }

    // A bias adds one value per column to every row: [n] or [1, n], with n the product's known column count.
    private static bool IsRowBias(TensorShape bias, TensorShape product)
    {
        if (!bias.IsFullyDefined || !product.HasRank || product.ndim != 2 || product[1] < 0) return false;
        return bias.ndim == 1 ? bias[0] == product[1] : bias.ndim == 2 && bias[0] == 1 && bias[1] == product[1];
    }

    private static NodeInfo Node(string type, Operation root, Operation matmul, Tensor[] inputs, bool relu) => new()
    {
        Name = root.Name,
        Type = type,
        Attrs = new Dictionary<string, object>
        {
            ["transpose_a"] = matmul.GetAttr<bool>("transpose_a"),
            ["transpose_b"] = matmul.GetAttr<bool>("transpose_b"),
            ["relu"] = relu,
        },
        InputDTypes = inputs.Select(t => t.dtype).ToArray(),
        OutputDTypes = root.Outputs.Select(o => o.dtype).ToArray(),
        InputNodeNames = inputs.Select(t => t.op.Name).ToArray(),
    };
}
