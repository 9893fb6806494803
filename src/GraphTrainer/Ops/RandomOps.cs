using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>RandomStandardNormal, TruncatedNormal and RandomUniform, seeded as TensorFlow 1.x seeds them.</summary>
internal static class RandomOps
{
    private static readonly DType[] Floats = { DType.Float32, DType.Float64 };
    private const int DefaultGraphSeed = 87654321;

    public static void Register()
    {
        Declare("RandomStandardNormal", g => g.NextNormal());
        Declare("TruncatedNormal", g => g.NextTruncatedNormal());
        Declare("RandomUniform", g => g.NextDouble());
    }

    private static void Declare(string type, Func<RandomGenerator, double> sample)
    {
        OpRegistry.Register(new OpDef
        {
            Type = type, DTypes = Floats, IsStateful = true, NotDifferentiable = true, KernelDType = op => op.Outputs[0].dtype,
            InferShapes = op => new[] { ShapeRules.FromShapeTensor(op.Inputs[0]) },
        });
        KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Float32, node => Kernel(node, sample, v => (float)v));
        KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Float64, node => Kernel(node, sample, v => v));
    }

    private static Kernel Kernel<T>(NodeInfo node, Func<RandomGenerator, double> sample, Func<double, T> convert) where T : unmanaged
    {
        long seed = node.Attr("seed", 0L), seed2 = node.Attr("seed2", 0L);
        // (0, 0) means "not seeded": draw a fresh seed per session, as TensorFlow does.
        long combined = seed == 0 && seed2 == 0 ? Random.Shared.NextInt64() : seed * 1_000_003L + seed2;
        return ctx =>
        {
            var d = ctx.Output(0, ctx.Input(0).Span<int>()).Span<T>();
            var g = ctx.State.Generator(node.Name, combined);
            for (int i = 0; i < d.Length; i++) d[i] = convert(sample(g));
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
