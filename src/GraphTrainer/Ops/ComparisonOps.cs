using System.Numerics;
using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer;

/// <summary>
/// Ordering comparisons (Less, LessEqual, Greater, GreaterEqual), NotEqual, the logical ops (LogicalAnd, LogicalOr,
/// LogicalNot), Select (TF1's tf.where with x and y) and Where (tf.where with only a condition).
/// </summary>
internal static class ComparisonOps
{
    private static readonly DType[] Numeric = { DType.Float32, DType.Float64, DType.Int32, DType.Int64 };
    private static readonly DType[] WithBool = { DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.Bool };
    private static readonly DType[] BoolOnly = { DType.Bool };

    public static void Register()
    {
        RegisterWhere();
        DeclareCompare("Less", Numeric);
        RegisterOrdering("Less", new LessThan());
        DeclareCompare("LessEqual", Numeric);
        RegisterOrdering("LessEqual", new LessOrEqual());
        DeclareCompare("Greater", Numeric);
        RegisterOrdering("Greater", new GreaterThan());
        DeclareCompare("GreaterEqual", Numeric);
        RegisterOrdering("GreaterEqual", new GreaterOrEqual());

        DeclareCompare("NotEqual", WithBool);
        KernelRegistry.Register("NotEqual", KernelRegistry.Cpu, DType.Float32, ElementwiseMap.Binary<float, bool>((a, b) => !CompareKernels.Same(a, b)));
        KernelRegistry.Register("NotEqual", KernelRegistry.Cpu, DType.Float64, ElementwiseMap.Binary<double, bool>((a, b) => !CompareKernels.Same(a, b)));
        KernelRegistry.Register("NotEqual", KernelRegistry.Cpu, DType.Int32, ElementwiseMap.Binary<int, bool>((a, b) => a != b));
        KernelRegistry.Register("NotEqual", KernelRegistry.Cpu, DType.Int64, ElementwiseMap.Binary<long, bool>((a, b) => a != b));
        KernelRegistry.Register("NotEqual", KernelRegistry.Cpu, DType.Bool, ElementwiseMap.Binary<bool, bool>((a, b) => a != b));

        DeclareCompare("LogicalAnd", BoolOnly);
        KernelRegistry.Register("LogicalAnd", KernelRegistry.Cpu, DType.Bool, ElementwiseMap.Binary<bool, bool>((a, b) => a && b));
        DeclareCompare("LogicalOr", BoolOnly);
        KernelRegistry.Register("LogicalOr", KernelRegistry.Cpu, DType.Bool, ElementwiseMap.Binary<bool, bool>((a, b) => a || b));
        OpRegistry.Register(new OpDef { Type = "LogicalNot", DTypes = BoolOnly, InferShapes = ShapeRules.SameAsInput0, NotDifferentiable = true });
        KernelRegistry.Register("LogicalNot", KernelRegistry.Cpu, DType.Bool, ElementwiseMap.Unary<bool, bool>(a => !a));

        // Select(condition, t, e): the gradient goes to t where the condition holds and to e elsewhere.
        OpRegistry.Register(new OpDef
        {
            Type = "Select", DTypes = WithBool, InferShapes = InferSelect, KernelDType = op => op.Inputs[1].dtype,
            Gradient = (op, g) =>
            {
                var zeros = FillOps.ZerosLike(g[0]);
                return new[] { null, Select(op.Inputs[0], g[0], zeros), Select(op.Inputs[0], zeros, g[0]) };
            },
        });
        KernelRegistry.Register("Select", KernelRegistry.Cpu, DType.Float32, SelectKernel<float>);
        KernelRegistry.Register("Select", KernelRegistry.Cpu, DType.Float64, SelectKernel<double>);
        KernelRegistry.Register("Select", KernelRegistry.Cpu, DType.Int32, SelectKernel<int>);
        KernelRegistry.Register("Select", KernelRegistry.Cpu, DType.Int64, SelectKernel<long>);
        KernelRegistry.Register("Select", KernelRegistry.Cpu, DType.Bool, SelectKernel<bool>);
    }

    // Where(condition): the coordinates of the true elements, one int64 row per element, in row-major order.
    private static void RegisterWhere()
    {
        OpRegistry.Register(new OpDef
        {
            Type = "Where", DTypes = BoolOnly, NotDifferentiable = true,
            InferShapes = op => new[] { op.Inputs[0].shape.HasRank ? new TensorShape(-1, op.Inputs[0].shape.ndim) : new TensorShape(-1, -1) },
        });
        KernelRegistry.Register("Where", KernelRegistry.Cpu, DType.Bool, _ => ctx =>
        {
            var c = ctx.Input(0);
            var flags = c.Span<bool>();
            int count = 0;
            foreach (var f in flags) if (f) count++;
            var d = ctx.Output(0, stackalloc int[] { count, c.Rank }).Span<long>();
            Span<int> index = stackalloc int[c.Rank];
            index.Clear();
            for (int i = 0, row = 0; i < flags.Length; i++)
            {
                if (flags[i])
                {
                    for (int k = 0; k < c.Rank; k++) d[row * c.Rank + k] = index[k];
                    row++;
                }
                Broadcasting.Advance(index, c.Shape);
            }
        });
    }

    public static Tensor Where(Tensor condition, string name = null)
    {
        if (condition.dtype != DType.Bool)
            throw new TypeError($"Input 'input' of 'Where' Op has type {condition.dtype.Name()} that does not match expected type of bool.");
        return OpBuilder.Op1("Where", new[] { condition }, DType.Int64, name ?? "Where", ("T", DType.Bool));
    }

    private static void DeclareCompare(string type, DType[] dtypes) =>
        OpRegistry.Register(new OpDef { Type = type, DTypes = dtypes, InferShapes = ShapeRules.Broadcast, NotDifferentiable = true });

    private interface IOrdering { bool Compare<T>(T a, T b) where T : INumber<T>; }
    private readonly struct LessThan : IOrdering { public bool Compare<T>(T a, T b) where T : INumber<T> => a < b; }
    private readonly struct LessOrEqual : IOrdering { public bool Compare<T>(T a, T b) where T : INumber<T> => a <= b; }
    private readonly struct GreaterThan : IOrdering { public bool Compare<T>(T a, T b) where T : INumber<T> => a > b; }
    private readonly struct GreaterOrEqual : IOrdering { public bool Compare<T>(T a, T b) where T : INumber<T> => a >= b; }

    private static void RegisterOrdering<TO>(string type, TO ordering) where TO : IOrdering
    {
        KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Float32, ElementwiseMap.Binary<float, bool>(ordering.Compare));
        KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Float64, ElementwiseMap.Binary<double, bool>(ordering.Compare));
        KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Int32, ElementwiseMap.Binary<int, bool>(ordering.Compare));
        KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Int64, ElementwiseMap.Binary<long, bool>(ordering.Compare));
    }

    // TensorFlow's Select: t and e have the same shape; the condition is a scalar, has that shape too, or is a vector over the first dimension.
    private static TensorShape[] InferSelect(Operation op)
    {
        var c = op.Inputs[0].shape;
        var t = op.Inputs[1].shape;
        var e = op.Inputs[2].shape;
        if (!t.IsCompatibleWith(e)) throw new ShapeError($"Shapes must be equal rank, but are {t} and {e}");
        var result = t.HasRank ? t : e;
        if (c.HasRank && result.HasRank && c.ndim != 0 && !(c.IsCompatibleWith(result) || (c.ndim == 1 && result.ndim >= 1 && (c[0] < 0 || result[0] < 0 || c[0] == result[0]))))
            throw new ShapeError($"condition {c} must have the shape of t and e {result}, or be a vector of their first dimension");
        return new[] { result };
    }

    private static Kernel SelectKernel<T>(NodeInfo node) where T : unmanaged => ctx =>
    {
        var c = ctx.Input(0);
        var t = ctx.Input(1);
        var e = ctx.Input(2);
        if (!t.Shape.AsSpan().SequenceEqual(e.Shape))
            throw new InvalidArgumentError($"'then' and 'else' must have the same size.  but received: {TensorValue.ShapeString(t.Shape)} vs. {TensorValue.ShapeString(e.Shape)} (node '{node.Name}')");
        var cond = c.Span<bool>();
        var a = t.Span<T>();
        var b = e.Span<T>();
        var d = ctx.Output(0, t.Shape).Span<T>();
        if (c.Rank == 0)
        {
            (cond[0] ? a : b).CopyTo(d);
            return;
        }
        if (c.Shape.AsSpan().SequenceEqual(t.Shape))
        {
            for (int i = 0; i < d.Length; i++) d[i] = cond[i] ? a[i] : b[i];
            return;
        }
        if (c.Rank != 1 || t.Rank < 1 || c.Shape[0] != t.Shape[0])
            throw new InvalidArgumentError($"condition must be a vector of size {(t.Rank > 0 ? t.Shape[0] : 0)} or have the shape of 'then' {TensorValue.ShapeString(t.Shape)}, got {TensorValue.ShapeString(c.Shape)} (node '{node.Name}')");
        int inner = t.Shape[0] == 0 ? 0 : d.Length / t.Shape[0];
        for (int r = 0; r < cond.Length; r++)
            (cond[r] ? a : b).Slice(r * inner, inner).CopyTo(d.Slice(r * inner, inner));
    };

    public static Tensor Compare(string type, Tensor x, Tensor y, string name = null)
    {
        OpBuilder.RequireSameDType(type, new[] { "x", "y" }, new[] { x, y });
        return OpBuilder.Op1(type, new[] { x, y }, DType.Bool, name ?? type, ("T", x.dtype));
    }

    public static Tensor Logical(string type, Tensor x, Tensor y, string name = null)
    {
        if (x.dtype != DType.Bool || y.dtype != DType.Bool)
            throw new TypeError($"Input 'x' of '{type}' Op has type {(x.dtype != DType.Bool ? x.dtype : y.dtype).Name()} that does not match expected type of bool.");
        return OpBuilder.Op1(type, new[] { x, y }, DType.Bool, name ?? type);
    }

    public static Tensor LogicalNot(Tensor x, string name = null)
    {
        if (x.dtype != DType.Bool) throw new TypeError($"Input 'x' of 'LogicalNot' Op has type {x.dtype.Name()} that does not match expected type of bool.");
        return OpBuilder.Op1("LogicalNot", new[] { x }, DType.Bool, name ?? "LogicalNot");
    }

    public static Tensor Select(Tensor condition, Tensor t, Tensor e, string name = null)
    {
        if (condition.dtype != DType.Bool)
            throw new TypeError($"Input 'condition' of 'Select' Op has type {condition.dtype.Name()} that does not match expected type of bool.");
        OpBuilder.RequireSameDType("Select", new[] { "t", "e" }, new[] { t, e });
        return OpBuilder.Op1("Select", new[] { condition, t, e }, t.dtype, name ?? "Select", ("T", t.dtype));
    }
}
