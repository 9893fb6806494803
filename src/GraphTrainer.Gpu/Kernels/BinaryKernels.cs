using GraphTrainer.Runtime;

namespace GraphTrainer.Gpu;

/// <summary>
/// Broadcasting binary ops (AddV2, Sub, Mul, RealDiv, SquaredDifference, Maximum, Minimum, Pow), comparisons (Equal,
/// NotEqual, Less, LessEqual, Greater, GreaterEqual), logical ops (LogicalAnd, LogicalOr, LogicalNot) and AddN, for the
/// dtypes their CPU kernels register.
/// </summary>
internal static class BinaryKernels
{
    public static void Register()
    {
        Numeric<AddFn>("AddV2");
        Numeric<SubFn>("Sub");
        Numeric<MulFn>("Mul");
        Floats<RealDivFn>("RealDiv");
        Floats<SquaredDifferenceFn>("SquaredDifference");
        Floats<MaximumFn>("Maximum");
        Floats<MinimumFn>("Minimum");
        Floats<PowFn>("Pow");

        Compare<EqualFn>("Equal");
        Add("Equal", DType.Bool, ElementwiseKernels.Binary<byte, byte, EqualFn>());
        Compare<NotEqualFn>("NotEqual");
        Add("NotEqual", DType.Bool, ElementwiseKernels.Binary<byte, byte, NotEqualFn>());
        Compare<LessFn>("Less");
        Compare<LessEqualFn>("LessEqual");
        Compare<GreaterFn>("Greater");
        Compare<GreaterEqualFn>("GreaterEqual");

        Add("LogicalAnd", DType.Bool, ElementwiseKernels.Binary<byte, byte, LogicalAndFn>());
        Add("LogicalOr", DType.Bool, ElementwiseKernels.Binary<byte, byte, LogicalOrFn>());
        Add("LogicalNot", DType.Bool, ElementwiseKernels.Unary<byte, byte, LogicalNotFn>());

        Add("AddN", DType.Float32, AddN<float, AddFn>);
        Add("AddN", DType.Float64, AddN<double, AddFn>);
        Add("AddN", DType.Int32, AddN<int, AddFn>);
        Add("AddN", DType.Int64, AddN<long, AddFn>);
    }

    private static void Add(string opType, DType dtype, Func<NodeInfo, Kernel> factory) =>
        KernelRegistry.Register(opType, GpuKernels.Gpu, dtype, factory);

    private static void Floats<TOp>(string opType) where TOp : struct, IGpuBinary<float, float>, IGpuBinary<double, double>
    {
        Add(opType, DType.Float32, ElementwiseKernels.Binary<float, float, TOp>());
        Add(opType, DType.Float64, ElementwiseKernels.Binary<double, double, TOp>());
    }

    private static void Numeric<TOp>(string opType)
        where TOp : struct, IGpuBinary<float, float>, IGpuBinary<double, double>, IGpuBinary<int, int>, IGpuBinary<long, long>
    {
        Floats<TOp>(opType);
        Add(opType, DType.Int32, ElementwiseKernels.Binary<int, int, TOp>());
        Add(opType, DType.Int64, ElementwiseKernels.Binary<long, long, TOp>());
    }

    private static void Compare<TOp>(string opType)
        where TOp : struct, IGpuBinary<float, byte>, IGpuBinary<double, byte>, IGpuBinary<int, byte>, IGpuBinary<long, byte>
    {
        Add(opType, DType.Float32, ElementwiseKernels.Binary<float, byte, TOp>());
        Add(opType, DType.Float64, ElementwiseKernels.Binary<double, byte, TOp>());
        Add(opType, DType.Int32, ElementwiseKernels.Binary<int, byte, TOp>());
        Add(opType, DType.Int64, ElementwiseKernels.Binary<long, byte, TOp>());
    }

    // Sums in input order, one launch per input after the first, so each element is added in the CPU kernel's order.
    private static Kernel AddN<T, TAdd>(NodeInfo node) where T : unmanaged where TAdd : struct, IGpuBinary<T, T> => ctx =>
    {
        var first = ctx.Input(0);
        for (int i = 1; i < ctx.InputCount; i++)
        {
            var x = ctx.Input(i);
            if (!x.Shape.AsSpan().SequenceEqual(first.Shape))
                throw new InvalidArgumentError($"Inputs to operation {node.Name} of type AddN must have the same size and shape.  Input 0: {TensorValue.ShapeString(first.Shape)} != input {i}: {TensorValue.ShapeString(x.Shape)}");
        }
        var device = (GpuDevice)ctx.Device;
        var d = ctx.Output(0, first.Shape);
        if (ctx.InputCount == 1)
        {
            d.CopyFrom(first);
            return;
        }
        ElementwiseKernels.Zip<T, T, TAdd>(device, first, ctx.Input(1), d);
        for (int i = 2; i < ctx.InputCount; i++) ElementwiseKernels.Zip<T, T, TAdd>(device, d, ctx.Input(i), d);
    };
}
