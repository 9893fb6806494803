using System.Numerics;
using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>
/// Numerics debugging as graph ops, as TensorFlow has them: CheckNumerics (fails a run on NaN/Inf), Assert
/// (fails a run when its condition is false, showing its data) and Print (an identity that writes data to stderr).
/// </summary>
internal static class DebugOps
{
    private static readonly DType[] Floats = { DType.Float32, DType.Float64 };
    private static readonly DType[] AllTypes = { DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt8, DType.Bool, DType.String };

    public static void Register()
    {
        OpRegistry.Register(new OpDef
        {
            Type = "CheckNumerics", DTypes = Floats, InferShapes = ShapeRules.SameAsInput0, AliasesOutputs = true,
            // TensorFlow checks the gradient too, naming the forward op's message.
            Gradient = (op, g) => new[]
            {
                CheckNumerics(g[0], "Not a number (NaN) or infinity (Inf) values detected in gradient. " + op.GetAttr<string>("message")),
            },
        });
        KernelRegistry.Register("CheckNumerics", KernelRegistry.Cpu, DType.Float32, CheckNumericsKernel<float>);
        KernelRegistry.Register("CheckNumerics", KernelRegistry.Cpu, DType.Float64, CheckNumericsKernel<double>);

        OpRegistry.Register(new OpDef
        {
            Type = "Assert", DTypes = new[] { DType.Bool }, IsStateful = true, NotDifferentiable = true,
            InferShapes = ShapeRules.None, KernelDType = _ => DType.Bool,
        });
        KernelRegistry.Register("Assert", KernelRegistry.Cpu, DType.Bool, node => ctx =>
        {
            var condition = ctx.Input(0);
            if (condition.Rank != 0)
                throw new InvalidArgumentError($"In[0] should be a scalar: {TensorValue.ShapeString(condition.Shape)} (node '{node.Name}')");
            if (condition.ScalarValue<bool>()) return;
            int summarize = node.Attr("summarize", 3);
            var parts = Enumerable.Range(1, ctx.InputCount - 1).Select(i => "[" + TensorSummary.Summarize(ctx.Input(i), summarize) + "]");
            throw new InvalidArgumentError("assertion failed: " + string.Join(" ", parts));
        });

        OpRegistry.Register(new OpDef
        {
            Type = "Print", DTypes = AllTypes, IsStateful = true, AliasesOutputs = true, InferShapes = ShapeRules.SameAsInput0,
            Gradient = (op, g) => op.Inputs.Select((_, i) => i == 0 ? g[0] : null).ToArray(),
        });
        KernelRegistry.Register("Print", AllTypes, node =>
        {
            int printed = 0;
            return ctx =>
            {
                ctx.SetOutput(0, ctx.Input(0));
                int firstN = node.Attr("first_n", -1);
                if (firstN >= 0 && Interlocked.Increment(ref printed) > firstN) return;
                int summarize = node.Attr("summarize", 3);
                var message = node.Attr("message", "");
                for (int i = 1; i < ctx.InputCount; i++) message += "[" + TensorSummary.Summarize(ctx.Input(i), summarize) + "]";
                Console.Error.WriteLine(message);
            };
        });
    }

    private static Kernel CheckNumericsKernel<T>(NodeInfo node) where T : unmanaged, IFloatingPointIeee754<T> => ctx =>
    {
        var x = ctx.Input(0);
        bool nan = false, inf = false;
        foreach (var v in x.Span<T>())
        {
            nan |= T.IsNaN(v);
            inf |= T.IsInfinity(v);
        }
        if (nan || inf)
            throw new InvalidArgumentError($"{node.Attr("message", "")} : Tensor had {(nan && inf ? "Inf and NaN" : nan ? "NaN" : "Inf")} values");
        ctx.SetOutput(0, x);
    };

    /// <summary>A CheckNumerics op passing <paramref name="tensor"/> through when it holds no NaN or Inf.</summary>
    public static Tensor CheckNumerics(Tensor tensor, string message, string name = null)
    {
        if (!tensor.dtype.IsFloating())
            throw new TypeError($"Value passed to parameter 'tensor' has DataType {tensor.dtype.Name()} not in list of allowed values: float32, float64");
        return OpBuilder.Op1("CheckNumerics", new[] { tensor }, tensor.dtype, name ?? "CheckNumerics", ("T", tensor.dtype), ("message", message ?? ""));
    }

    /// <summary>An Assert op: running it fails with <paramref name="data"/> shown when <paramref name="condition"/> is false.</summary>
    public static Operation Assert(Tensor condition, Tensor[] data, int summarize, string name)
    {
        if (condition.dtype != DType.Bool)
            throw new TypeError($"Input 'condition' of 'Assert' Op has type {condition.dtype.Name()} that does not match expected type of bool.");
        var inputs = new[] { condition }.Concat(data).ToArray();
        return OpBuilder.Op("Assert", inputs, Array.Empty<DType>(), name ?? "Assert",
            ("T", data.Select(d => d.dtype).ToArray()), ("summarize", summarize));
    }

    /// <summary>A Print op: returns <paramref name="input"/> and writes <paramref name="message"/> and <paramref name="data"/> when run.</summary>
    public static Tensor Print(Tensor input, Tensor[] data, string message, int firstN, int summarize, string name) =>
        OpBuilder.Op1("Print", new[] { input }.Concat(data).ToArray(), input.dtype, name ?? "Print",
            ("T", input.dtype), ("U", data.Select(d => d.dtype).ToArray()), ("message", message ?? ""), ("first_n", firstN), ("summarize", summarize));
}
