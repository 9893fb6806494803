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
        Declare("RandomUniform", PhiloxFill.UniformFloat, Fixed<double>(2, PhiloxDistributions.UniformDouble));
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

    /// <summary>
    /// TensorFlow's get_seed: graph-level and op-level seeds combine into (seed, seed2). With only a graph seed, the
    /// op seed is the number of ops created so far (TensorFlow's <c>_last_id</c>). Seeds are reduced modulo 2³¹−1
    /// (<c>_truncate_seed</c>), and (0, 0), which the kernels read as "unseeded", becomes (0, 2³¹−1).
    /// </summary>
    public static (long, long) GetSeed(Graph g, int? opSeed)
    {
        (long, long) seeds;
        if (g.seed is int graphSeed) seeds = (Truncate(graphSeed), Truncate(opSeed ?? g.Operations.Count));
        else if (opSeed is int s) seeds = (DefaultGraphSeed, Truncate(s));
        else return (0, 0);
        return seeds == (0, 0) ? (0, int.MaxValue) : seeds;
    }

    // Python's seed % (2**31 - 1), which is never negative.
    private static long Truncate(long seed) => (seed % int.MaxValue + int.MaxValue) % int.MaxValue;

    /// <summary>A raw random op of <paramref name="type"/> producing the shape held by <paramref name="shape"/>.</summary>
    public static Tensor Raw(string type, Graph g, Tensor shape, DType dtype, int? seed, string name = null)
    {
        var (s1, s2) = GetSeed(g, seed);
        return OpBuilder.Op1(type, new[] { shape }, dtype, name ?? type, ("dtype", dtype), ("seed", s1), ("seed2", s2), ("T", DType.Int32));
    }

    private static Tensor ShapeTensor(Graph g, string type, TensorShape shape)
    {
        if (!shape.IsFullyDefined) throw new ValueError($"{type} needs a fully defined shape, got {shape}.");
        return OpBuilder.IntVector(g, shape.dims, "shape");
    }

    // The builders below create their constants before the random op, in TensorFlow's order, so a graph-seed-only
    // op seed (the op count) is TensorFlow's too.

    /// <summary>mean + stddev · z with z from <paramref name="type"/> (random_normal, truncated_normal).</summary>
    public static Tensor Scaled(string type, string scopeName, TensorShape shape, double mean, double stddev, DType dtype, int? seed, string name)
    {
        var g = Graph.Default;
        using var scope = g.name_scope(name ?? scopeName);
        var shapeTensor = ShapeTensor(g, type, shape);
        var meanTensor = OpBuilder.Scalar(g, mean, dtype, "mean");
        var stddevTensor = OpBuilder.Scalar(g, stddev, dtype, "stddev");
        var raw = Raw(type, g, shapeTensor, dtype, seed);
        var mul = MathOps.Mul(raw, stddevTensor, "mul");
        return OpBuilder.Op1("AddV2", new[] { mul, meanTensor }, dtype, scope.Name + "/", ("T", dtype));
    }

    /// <summary>Uniform in [minval, maxval): z · (max − min) + min, the range computed in the output dtype as TensorFlow does.</summary>
    public static Tensor Uniform(TensorShape shape, double minval, double maxval, DType dtype, int? seed, string name) =>
        Uniform(g => ShapeTensor(g, "RandomUniform", shape), minval, maxval, dtype, seed, name);

    /// <summary>Uniform in [minval, maxval) with a shape known only at run time (dropout's <c>array_ops.shape(x)</c>).</summary>
    public static Tensor Uniform(Tensor shape, double minval, double maxval, DType dtype, int? seed, string name) =>
        Uniform(_ => shape, minval, maxval, dtype, seed, name);

    private static Tensor Uniform(Func<Graph, Tensor> shapeOf, double minval, double maxval, DType dtype, int? seed, string name)
    {
        var g = Graph.Default;
        using var scope = g.name_scope(name ?? "random_uniform");
        var shapeTensor = shapeOf(g);
        var min = OpBuilder.Scalar(g, minval, dtype, "min");
        var max = OpBuilder.Scalar(g, maxval, dtype, "max");
        var raw = Raw("RandomUniform", g, shapeTensor, dtype, seed);
        var mul = MathOps.Mul(raw, MathOps.Sub(max, min, "sub"), "mul");
        return OpBuilder.Op1("AddV2", new[] { mul, min }, dtype, scope.Name + "/", ("T", dtype));
    }
}
