using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>Fill, ZerosLike and OnesLike.</summary>
internal static class FillOps
{
    private static readonly DType[] Numeric = { DType.Float32, DType.Float64, DType.Int32, DType.Int64 };

    public static void Register()
    {
        OpRegistry.Register(new OpDef
        {
            Type = "Fill", DTypes = Numeric, NotDifferentiable = true, KernelDType = op => op.Outputs[0].dtype,
            InferShapes = op =>
            {
                ShapeRules.RequireRank(op.Inputs[1].shape, 0);
                return new[] { ShapeRules.FromShapeTensor(op.Inputs[0]) };
            },
        });
        KernelRegistry.Register("Fill", KernelRegistry.Cpu, DType.Float32, FillKernel<float>);
        KernelRegistry.Register("Fill", KernelRegistry.Cpu, DType.Float64, FillKernel<double>);
        KernelRegistry.Register("Fill", KernelRegistry.Cpu, DType.Int32, FillKernel<int>);
        KernelRegistry.Register("Fill", KernelRegistry.Cpu, DType.Int64, FillKernel<long>);

        foreach (var (type, value) in new[] { ("ZerosLike", 0.0), ("OnesLike", 1.0) })
        {
            OpRegistry.Register(new OpDef { Type = type, DTypes = Numeric, NotDifferentiable = true, InferShapes = ShapeRules.SameAsInput0 });
            KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Float32, LikeKernel<float>((float)value));
            KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Float64, LikeKernel(value));
            KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Int32, LikeKernel((int)value));
            KernelRegistry.Register(type, KernelRegistry.Cpu, DType.Int64, LikeKernel((long)value));
        }
    }

    private static Kernel FillKernel<T>(NodeInfo node) where T : unmanaged => ctx =>
    {
        var dims = ctx.Input(0).Span<int>();
        var d = ctx.Output(0, dims);
        d.Span<T>().Fill(ctx.Input(1).ScalarValue<T>());
    };

    private static Func<NodeInfo, Kernel> LikeKernel<T>(T value) where T : unmanaged => _ => ctx =>
        ctx.Output(0, ctx.Input(0).Shape).Span<T>().Fill(value);

    /// <summary>A tensor of <paramref name="shape"/> filled with <paramref name="value"/>.</summary>
    public static Tensor Fill(Graph g, TensorShape shape, double value, DType dtype, string name) =>
        Fill(OpBuilder.IntVector(g, shape.dims), OpBuilder.Scalar(g, value, dtype), name);

    public static Tensor Fill(Tensor dims, Tensor value, string name = null) =>
        OpBuilder.Op1("Fill", new[] { dims, value }, value.dtype, name ?? "Fill", ("T", value.dtype), ("index_type", DType.Int32));

    public static Tensor ZerosLike(Tensor x, string name = null) => UnaryOps.Unary("ZerosLike", x, name);
    public static Tensor OnesLike(Tensor x, string name = null) => UnaryOps.Unary("OnesLike", x, name);
}
