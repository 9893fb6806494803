using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer;

/// <summary>MatMul (2-D, with transpose_a / transpose_b).</summary>
internal static class MatMulOps
{
    private static readonly DType[] Types = { DType.Float32, DType.Float64 };

    public static void Register()
    {
        OpRegistry.Register(new OpDef { Type = "MatMul", DTypes = Types, InferShapes = InferMatMul, Gradient = MatMulGrad });
        KernelRegistry.Register("MatMul", KernelRegistry.Cpu, DType.Float32, MatMulKernel<float>);
        KernelRegistry.Register("MatMul", KernelRegistry.Cpu, DType.Float64, MatMulKernel<double>);
    }

    public static Tensor MatMul(Tensor a, Tensor b, bool transposeA = false, bool transposeB = false, string name = null)
    {
        OpBuilder.RequireSameDType("MatMul", new[] { "a", "b" }, new[] { a, b });
        return OpBuilder.Op1("MatMul", new[] { a, b }, a.dtype, name ?? "MatMul",
            ("T", a.dtype), ("transpose_a", transposeA), ("transpose_b", transposeB));
    }

    private static TensorShape[] InferMatMul(Operation op)
    {
        var a = op.Inputs[0].shape;
        var b = op.Inputs[1].shape;
        ShapeRules.RequireRank(a, 2);
        ShapeRules.RequireRank(b, 2);
        bool ta = op.GetAttr<bool>("transpose_a"), tb = op.GetAttr<bool>("transpose_b");
        int m = a.HasRank ? a[ta ? 1 : 0] : -1, ka = a.HasRank ? a[ta ? 0 : 1] : -1;
        int kb = b.HasRank ? b[tb ? 1 : 0] : -1, n = b.HasRank ? b[tb ? 0 : 1] : -1;
        if (ka >= 0 && kb >= 0 && ka != kb) throw new ShapeError($"Dimensions must be equal, but are {ka} and {kb}");
        return new[] { new TensorShape(m, n) };
    }

    // d(AB)/dA = G·Bᵀ and d(AB)/dB = Aᵀ·G, with the transposes folded into MatMul attrs as TensorFlow does.
    private static Tensor[] MatMulGrad(Operation op, Tensor[] grads)
    {
        var g = grads[0];
        var a = op.Inputs[0];
        var b = op.Inputs[1];
        bool ta = op.GetAttr<bool>("transpose_a"), tb = op.GetAttr<bool>("transpose_b");
        return (ta, tb) switch
        {
            (false, false) => new[] { MatMul(g, b, false, true), MatMul(a, g, true, false) },
            (false, true) => new[] { MatMul(g, b, false, false), MatMul(g, a, true, false) },
            (true, false) => new[] { MatMul(b, g, false, true), MatMul(a, g, false, false) },
            (true, true) => new[] { MatMul(b, g, true, true), MatMul(g, a, true, true) },
        };
    }

    private static Kernel MatMulKernel<T>(NodeInfo node) where T : unmanaged, System.Numerics.INumber<T>
    {
        bool ta = node.Attr("transpose_a", false), tb = node.Attr("transpose_b", false);
        return ctx =>
        {
            var a = ctx.Input(0);
            var b = ctx.Input(1);
            var (m, n, k) = Dimensions(node, a, b, ta, tb);
            var c = ctx.Output(0, stackalloc int[] { m, n });
            MatMulDispatch.Multiply(ta, tb, m, n, k, a.Span<T>(), b.Span<T>(), c.Span<T>());
        };
    }

    /// <summary>(m, n, k) of op(a)·op(b), or TensorFlow's error for non-matrices and mismatched inner sizes.</summary>
    internal static (int M, int N, int K) Dimensions(NodeInfo node, TensorValue a, TensorValue b, bool ta, bool tb)
    {
        if (a.Rank != 2 || b.Rank != 2)
            throw new InvalidArgumentError($"In[0] and In[1] must be matrices, got {TensorValue.ShapeString(a.Shape)} and {TensorValue.ShapeString(b.Shape)} (node '{node.Name}')");
        int m = a.Shape[ta ? 1 : 0], k = a.Shape[ta ? 0 : 1];
        int kb = b.Shape[tb ? 1 : 0], n = b.Shape[tb ? 0 : 1];
        if (k != kb)
            throw new InvalidArgumentError($"Matrix size-incompatible: In[0]: {TensorValue.ShapeString(a.Shape)}, In[1]: {TensorValue.ShapeString(b.Shape)} (node '{node.Name}')");
        return (m, n, k);
    }
}
