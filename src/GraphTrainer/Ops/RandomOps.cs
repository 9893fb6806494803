using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>RandomStandardNormal, TruncatedNormal and RandomUniform, seeded as TensorFlow 1.x seeds them.</summary>
internal static class RandomOps
{
    private static readonly DType[] Floats = { DType.Float32, DType.Float64 };
    private const int DefaultGraphSeed = 87654321;

    public static void Register()
    {
        // Group sizes are TensorFlow's: one Philox block (4 words) makes 4 floats or 2 doubles.
        Declare("RandomStandardNormal", Fixed<float>(4, PhiloxDistributions.NormalFloat), Fixed<double>(2, PhiloxDistributions.NormalDouble));
        Declare("TruncatedNormal", Variable<float>(4, PhiloxDistributions.TruncatedNormalFloat), Variable<double>(2, PhiloxDistributions.TruncatedNormalDouble));
        Declare("RandomUniform", Fixed<float>(4, PhiloxDistributions.UniformFloat), Fixed<double>(2, PhiloxDistributions.UniformDouble));
    }

    /// <summary>Fills an output from the generator reserved for this run.</summary>
    private delegate void Fill<T>(PhiloxRandom generator, Span<T> output);

    private static Fill<T> Fixed<T>(int groupSize, PhiloxFill.FixedGroup<T> group) where T : unmanaged =>
        (gen, output) => PhiloxFill.Fixed(gen, output, groupSize, group);

    private static Fill<T> Variable<T>(int groupSize, PhiloxFill.VariableGroup<T> group) where T : unmanaged =>
        (gen, output) => PhiloxFill.Variable(gen, output, groupSize, group);

    private static void Declare(string type, Fill<float> fillFloat, Fill<double> fillDouble)
    {
        OpRegistry.Register(new OpDef
        {
            Type = type, DTypes = Floats, IsStateful = true, NotDifferentiable = true, KernelDType = op => op.Outputs[0].dtype,
            InferShapes = op => new[] { ShapeRules.FromShapeTensor(op.Inputs[0]) },
        });
        KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Float32, node => Kernel(node, fillFloat));
        KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Float64, node => Kernel(node, fillDouble));
    }

    // As TensorFlow's PhiloxRandomOp: each run takes the node's next reserved slice of its session's stream.
    private static Kernel Kernel<T>(NodeInfo node, Fill<T> fill) where T : unmanaged
    {
        long seed = node.Attr("seed", 0L), seed2 = node.Attr("seed2", 0L);
        return ctx =>
        {
            var output = ctx.Output(0, ctx.Input(0).Span<int>()).Span<T>();
            var generator = ctx.State.Generator(node.Name, seed, seed2).ReserveRandomOutputs(output.Length);
            fill(generator, output);
        };
    }

    /// <summary>TensorFlow's get_seed: graph-level and op-level seeds combine into (seed, seed2).</summary>
    public static (long, long) GetSeed(Graph g, int? opSeed)
    {
        if (g.seed is int graphSeed) return (graphSeed, opSeed ?? g.Operations.Count);
        if (opSeed is int s) return (DefaultGraphSeed, s);
        return (0, 0);
    }

    /// <summary>A raw random op of <paramref name="type"/> producing <paramref name="shape"/>.</summary>
    public static Tensor Raw(string type, Graph g, TensorShape shape, DType dtype, int? seed, string name = null)
    {
        if (!shape.IsFullyDefined) throw new ValueError($"{type} needs a fully defined shape, got {shape}.");
        var (s1, s2) = GetSeed(g, seed);
        return OpBuilder.Op1(type, new[] { OpBuilder.IntVector(g, shape.dims, "shape") }, dtype, name ?? type,
            ("dtype", dtype), ("seed", s1), ("seed2", s2), ("T", DType.Int32));
    }

    /// <summary>mean + stddev · z with z from <paramref name="type"/> (random_normal, truncated_normal).</summary>
    public static Tensor Scaled(string type, string scopeName, TensorShape shape, double mean, double stddev, DType dtype, int? seed, string name)
    {
        var g = Graph.Default;
        using var scope = g.name_scope(name ?? scopeName);
        var raw = Raw(type, g, shape, dtype, seed);
        var mul = MathOps.Mul(raw, OpBuilder.Scalar(g, stddev, dtype, "stddev"), "mul");
        return OpBuilder.Op1("AddV2", new[] { mul, OpBuilder.Scalar(g, mean, dtype, "mean") }, dtype, scope.Name + "/", ("T", dtype));
    }

    /// <summary>Uniform in [minval, maxval).</summary>
    public static Tensor Uniform(TensorShape shape, double minval, double maxval, DType dtype, int? seed, string name)
    {
        var g = Graph.Default;
        using var scope = g.name_scope(name ?? "random_uniform");
        var raw = Raw("RandomUniform", g, shape, dtype, seed);
        var mul = MathOps.Mul(raw, OpBuilder.Scalar(g, maxval - minval, dtype, "range"), "mul");
        return OpBuilder.Op1("AddV2", new[] { mul, OpBuilder.Scalar(g, minval, dtype, "min") }, dtype, scope.Name + "/", ("T", dtype));
    }
}
