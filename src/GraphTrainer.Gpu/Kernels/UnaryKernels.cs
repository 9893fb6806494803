using GraphTrainer.Runtime;

namespace GraphTrainer.Gpu;

/// <summary>
/// Element-wise functions of one tensor (math and activations) and the activation-gradient ops, one thread per element,
/// for the dtypes their CPU kernels register.
/// </summary>
internal static class UnaryKernels
{
    public static void Register()
    {
        Numeric<NegFn>("Neg");
        Numeric<AbsFn>("Abs");
        Numeric<SignFn>("Sign");
        Floats<SquareFn>("Square");
        Floats<SqrtFn>("Sqrt");
        Floats<RsqrtFn>("Rsqrt");
        Floats<ReciprocalFn>("Reciprocal");
        Floats<ExpFn>("Exp");
        Floats<LogFn>("Log");
        Floats<Log1pFn>("Log1p");
        Floats<FloorFn>("Floor");
        Floats<CeilFn>("Ceil");
        Floats<RoundFn>("Round");
        Floats<SigmoidFn>("Sigmoid");
        Floats<TanhFn>("Tanh");
        Floats<ReluFn>("Relu");
        Floats<EluFn>("Elu");
        Floats<SoftplusFn>("Softplus");
        Floats<LeakyReluFn>("LeakyRelu", node => new LeakyReluFn(Alpha(node)));

        FloatGrads<ReluGradFn>("ReluGrad");
        FloatGrads<SigmoidGradFn>("SigmoidGrad");
        FloatGrads<TanhGradFn>("TanhGrad");
        FloatGrads<EluGradFn>("EluGrad");
        FloatGrads<SoftplusGradFn>("SoftplusGrad");
        FloatGrads<LeakyReluGradFn>("LeakyReluGrad", node => new LeakyReluGradFn(Alpha(node)), "gradients and features must have the same shape");
    }

    // The CPU kernels' default when the attr is absent.
    private static float Alpha(NodeInfo node) => node.Attr("alpha", 0.2f);

    private static void Add(string opType, DType dtype, Func<NodeInfo, Kernel> factory) =>
        KernelRegistry.Register(opType, GpuKernels.Gpu, dtype, factory);

    private static void Floats<TOp>(string opType, Func<NodeInfo, TOp> op = null) where TOp : struct, IGpuUnary<float, float>, IGpuUnary<double, double>
    {
        Add(opType, DType.Float32, ElementwiseKernels.Unary<float, float, TOp>(op));
        Add(opType, DType.Float64, ElementwiseKernels.Unary<double, double, TOp>(op));
    }

    private static void Numeric<TOp>(string opType)
        where TOp : struct, IGpuUnary<float, float>, IGpuUnary<double, double>, IGpuUnary<int, int>, IGpuUnary<long, long>
    {
        Floats<TOp>(opType);
        Add(opType, DType.Int32, ElementwiseKernels.Unary<int, int, TOp>());
        Add(opType, DType.Int64, ElementwiseKernels.Unary<long, long, TOp>());
    }

    private static void FloatGrads<TOp>(string opType, Func<NodeInfo, TOp> op = null, string mismatch = null)
        where TOp : struct, IGpuBinary<float, float>, IGpuBinary<double, double>
    {
        Add(opType, DType.Float32, ElementwiseKernels.SameShape<float, TOp>(op, mismatch));
        Add(opType, DType.Float64, ElementwiseKernels.SameShape<double, TOp>(op, mismatch));
    }
}
