using System.Text;
using GraphTrainer.Runtime;

namespace GraphTrainer;

public static partial class tf
{
    /// <summary>Returns <paramref name="tensor"/>; running it fails with "<paramref name="message"/> : Tensor had NaN values" (or Inf) when it holds any.</summary>
    public static Tensor check_numerics(Tensor tensor, string message, string name = null) => DebugOps.CheckNumerics(tensor, message, name);

    /// <summary>
    /// A CheckNumerics op on every float output of every op in the default graph (messages <c>op_name:output_index</c>),
    /// chained by control dependencies and grouped; run it with the train op to find the first op producing NaN/Inf.
    /// Variables and the ops that update them in place are skipped, as TensorFlow skips reference outputs.
    /// </summary>
    public static Operation add_check_numerics_ops()
    {
        var g = get_default_graph();
        var checks = new List<ITensorOrOperation>();
        foreach (var op in g.get_operations())
        {
            var def = OpRegistry.Get(op.Type);
            if (op.Type == "VariableV2" || def.UpdatedInputs > 0 || def.WritesInput0) continue;
            foreach (var output in op.Outputs.Where(o => o.dtype.IsFloating()))
                using (g.control_dependencies(checks.ToArray()))
                    checks = new List<ITensorOrOperation> { DebugOps.CheckNumerics(output, op.Name + ":" + output.value_index) };
        }
        return ConstantOps.Group(checks, "CheckNumerics_group");
    }

    /// <summary>
    /// An op that, when run, fails with InvalidArgumentError "assertion failed: [data0] [data1]…" if
    /// <paramref name="condition"/> (a bool scalar) is false. Make other ops depend on it with tf.control_dependencies.
    /// </summary>
    public static Operation Assert(Tensor condition, Tensor[] data, int? summarize = null, string name = null) =>
        DebugOps.Assert(condition, data ?? Array.Empty<Tensor>(), summarize ?? 3, name);

    /// <summary>tf.Assert with Python-style mixed data: strings become string constants, tensors stay, other values become constants.</summary>
    public static Operation Assert(Tensor condition, object[] data, int? summarize = null, string name = null) =>
        Assert(condition, DataTensors(condition.graph, data), summarize, name);

    /// <summary>tf.Print with Python-style mixed data (strings become string constants).</summary>
    public static Tensor Print(Tensor input_, object[] data, string message = null, int? first_n = null, int? summarize = null, string name = null) =>
        Print(input_, DataTensors(input_.graph, data), message, first_n, summarize, name);

    private static Tensor[] DataTensors(Graph g, object[] data) => data?.Select(d => d switch
    {
        Tensor t => t,
        string s => ConstantOps.Constant(g, TensorValue.StringScalar(System.Text.Encoding.UTF8.GetBytes(s))),
        _ => constant(d),
    }).ToArray();

    /// <summary>
    /// An identity of <paramref name="input_"/> that, when run, writes <paramref name="message"/> followed by each of
    /// <paramref name="data"/> in brackets (its first <paramref name="summarize"/> elements) to stderr, at most
    /// <paramref name="first_n"/> times when given.
    /// </summary>
    public static Tensor Print(Tensor input_, Tensor[] data, string message = null, int? first_n = null, int? summarize = null, string name = null) =>
        DebugOps.Print(input_, data ?? Array.Empty<Tensor>(), message, first_n ?? -1, summarize ?? 3, name);

    /// <summary>
    /// TensorFlow ≥ 1.13's <c>tf.print(*inputs)</c>: returns an op that, when run, writes the inputs joined by
    /// <paramref name="sep"/> (tensors in numpy-like form, the first and last <paramref name="summarize"/> entries
    /// per dimension) followed by <paramref name="end"/> to <paramref name="output_stream"/> ("stderr" or "stdout").
    /// Run it, or make other ops depend on it with tf.control_dependencies.
    /// </summary>
    public static Operation print(object[] inputs, string output_stream = "stderr", int summarize = 3, string sep = " ", string end = "\n", string name = null) =>
        PrintV2Ops.Print(inputs, output_stream, summarize, sep, end, name);

    /// <summary><c>tf.print(a, b, …)</c> with the defaults (stderr, summarize 3, space separator).</summary>
    public static Operation print(params object[] inputs) => PrintV2Ops.Print(inputs, "stderr", 3, " ", "\n", null);

    /// <summary>TensorFlow's top-level assertion names (tf.assert_equal …), the same functions as <see cref="debugging"/>.</summary>
    public static Operation assert_equal(Tensor x, Tensor y, Tensor[] data = null, int? summarize = null, string message = null, string name = null) =>
        debugging.assert_equal(x, y, data, summarize, message, name);

    /// <inheritdoc cref="debugging.assert_rank"/>
    public static Operation assert_rank(Tensor x, int rank, Tensor[] data = null, int? summarize = null, string message = null, string name = null) =>
        debugging.assert_rank(x, rank, data, summarize, message, name);

    /// <inheritdoc cref="debugging.assert_positive"/>
    public static Operation assert_positive(Tensor x, Tensor[] data = null, int? summarize = null, string message = null, string name = null) =>
        debugging.assert_positive(x, data, summarize, message, name);

    /// <inheritdoc cref="debugging.assert_non_negative"/>
    public static Operation assert_non_negative(Tensor x, Tensor[] data = null, int? summarize = null, string message = null, string name = null) =>
        debugging.assert_non_negative(x, data, summarize, message, name);

    /// <summary>
    /// tf.debugging: assertions as Assert ops. Conditions known at build time (constant inputs, known ranks) are
    /// checked at once and raise there, as TensorFlow does; the rest fail the run with InvalidArgumentError.
    /// </summary>
    public static class debugging
    {
        /// <inheritdoc cref="tf.check_numerics"/>
        public static Tensor check_numerics(Tensor tensor, string message, string name = null) => tf.check_numerics(tensor, message, name);

        /// <inheritdoc cref="tf.Assert"/>
        public static Operation Assert(Tensor condition, Tensor[] data, int? summarize = null, string name = null) => tf.Assert(condition, data, summarize, name);

        /// <summary>Asserts x == y element-wise (with broadcasting).</summary>
        public static Operation assert_equal(Tensor x, Tensor y, Tensor[] data = null, int? summarize = null, string message = null, string name = null)
        {
            var g = x.graph;
            using var scope = g.name_scope(name ?? "assert_equal");
            data ??= new[]
            {
                Text(g, message ?? ""), Text(g, "Condition x == y did not hold element-wise:"), Text(g, $"x ({x.name}) = "), x, Text(g, $"y ({y.name}) = "), y,
            };
            var condition = AllTrue(CompareOps.Equal(x, y));
            if (StaticAll(x, y, (a, b) => a == b) == false) throw StaticFailure(data);
            return DebugOps.Assert(condition, data, summarize ?? 3, "Assert");
        }

        /// <summary>Asserts x has rank <paramref name="rank"/>; a known rank is checked at build time (ValueError).</summary>
        public static Operation assert_rank(Tensor x, int rank, Tensor[] data = null, int? summarize = null, string message = null, string name = null)
        {
            var g = x.graph;
            using var scope = g.name_scope(name ?? "assert_rank");
            if (x.shape.HasRank)
            {
                if (x.shape.ndim != rank)
                    throw new ValueError($"{message}.  Tensor {x.name} must have rank {rank}.  Received rank {x.shape.ndim}, shape {x.shape.ToTupleString()}");
                return ConstantOps.Group(Array.Empty<ITensorOrOperation>(), "NoOp");
            }
            var shape = ArrayOps.Shape(x);
            data ??= new[] { Text(g, message ?? ""), Text(g, $"Tensor {x.name} must have rank"), OpBuilder.IntScalar(g, rank), Text(g, "Received shape: "), shape };
            var condition = CompareOps.Equal(ArrayOps.Size(shape), OpBuilder.IntScalar(g, rank));
            return DebugOps.Assert(condition, data, summarize ?? 3, "Assert");
        }

        /// <summary>Asserts every element of x is &gt; 0.</summary>
        public static Operation assert_positive(Tensor x, Tensor[] data = null, int? summarize = null, string message = null, string name = null) =>
            AssertSign(x, data, summarize, message, name ?? "assert_positive", "Condition x > 0 did not hold element-wise:", strict: true);

        /// <summary>Asserts every element of x is ≥ 0.</summary>
        public static Operation assert_non_negative(Tensor x, Tensor[] data = null, int? summarize = null, string message = null, string name = null) =>
            AssertSign(x, data, summarize, message, name ?? "assert_non_negative", "Condition x >= 0 did not hold element-wise:", strict: false);

        private static Operation AssertSign(Tensor x, Tensor[] data, int? summarize, string message, string name, string condText, bool strict)
        {
            if (x.dtype is DType.String or DType.Bool) throw new TypeError($"{name} needs a numeric tensor, not {x.dtype.Name()}.");
            var g = x.graph;
            using var scope = g.name_scope(name);
            data ??= new[] { Text(g, message ?? ""), Text(g, condText), Text(g, $"x ({x.name}) = "), x };
            if (OpBuilder.ConstantValue(x) is TensorValue v && Values(v).Any(e => strict ? !(e > 0) : !(e >= 0))) throw StaticFailure(data);
            // x ≥ 0 ⇔ min(x, 0) == 0 and, for x > 0, also x ≠ 0 (computed in float64, exact for every int32 value).
            var xf = CastOps.Cast(x, DType.Float64);
            var zero = OpBuilder.Scalar(g, 0, DType.Float64);
            var nonNegative = CompareOps.Equal(MathOps.Minimum(xf, zero), zero);
            var condition = AllTrue(nonNegative);
            if (strict)
            {
                var nonZero = CastOps.Cast(xf, DType.Bool);
                condition = CompareOps.Equal(MathOps.Add(CountTrue(nonNegative), CountTrue(nonZero)),
                    MathOps.Mul(ArrayOps.Size(x), OpBuilder.IntScalar(g, 2)));
            }
            return DebugOps.Assert(condition, data, summarize ?? 3, "Assert");
        }

        // reduce_all of a bool tensor as count(true) == size: this engine has no All op yet.
        private static Tensor AllTrue(Tensor b) => CompareOps.Equal(CountTrue(b), ArrayOps.Size(b));

        // Flattened first, so tensors of unknown rank work too.
        private static Tensor CountTrue(Tensor b) =>
            ReductionOps.Sum(ArrayOps.Reshape(CastOps.Cast(b, DType.Int32), OpBuilder.IntVector(b.graph, new[] { -1 })), OpBuilder.IntVector(b.graph, new[] { 0 }));

        private static Tensor Text(Graph g, string s) => ConstantOps.Constant(g, TensorValue.StringScalar(Encoding.UTF8.GetBytes(s)));

        // TensorFlow's _assert_static: the data joined by newlines, constant tensors shown by value.
        private static InvalidArgumentError StaticFailure(Tensor[] data) =>
            new(string.Join("\n", data.Select(d => OpBuilder.ConstantValue(d) is TensorValue v
                ? v.DType == DType.String || v.Rank == 0 ? TensorSummary.Summarize(v, -1) : "[" + TensorSummary.Summarize(v, -1) + "]"
                : d.ToString())));

        // x == y element-wise for two constants of equal shape or a scalar and a tensor; null when not decidable.
        private static bool? StaticAll(Tensor x, Tensor y, Func<double, double, bool> holds)
        {
            if (OpBuilder.ConstantValue(x) is not TensorValue a || OpBuilder.ConstantValue(y) is not TensorValue b) return null;
            if (a.DType is DType.String || b.DType is DType.String) return null;
            double[] av = Values(a), bv = Values(b);
            if (a.Shape.AsSpan().SequenceEqual(b.Shape)) return av.Zip(bv).All(p => holds(p.First, p.Second));
            if (a.Length == 1) return bv.All(e => holds(av[0], e));
            if (b.Length == 1) return av.All(e => holds(e, bv[0]));
            return null;
        }

        private static double[] Values(TensorValue v) => v.DType switch
        {
            DType.Float32 => v.Span<float>().ToArray().Select(f => (double)f).ToArray(),
            DType.Float64 => v.Span<double>().ToArray(),
            DType.Int32 => v.Span<int>().ToArray().Select(i => (double)i).ToArray(),
            DType.Int64 => v.Span<long>().ToArray().Select(i => (double)i).ToArray(),
            DType.UInt8 => v.Span<byte>().ToArray().Select(i => (double)i).ToArray(),
            DType.Bool => v.Span<bool>().ToArray().Select(i => i ? 1.0 : 0.0).ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(v), v.DType, null),
        };
    }
}
