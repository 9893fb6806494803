using System.Numerics;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>d = f(x) over spans.</summary>
public delegate void SpanUnary<T>(ReadOnlySpan<T> x, Span<T> d);

/// <summary>d = f(x, y) over equal-length spans.</summary>
public delegate void SpanBinary<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d);

/// <summary>Adapters that bind pure span functions to the executor's <see cref="Kernel"/> shape.</summary>
public static class KernelFactories
{
    /// <summary>Element-wise unary kernel: output has the input's shape.</summary>
    public static Func<NodeInfo, Kernel> Unary<T>(SpanUnary<T> f) where T : unmanaged => _ => ctx =>
    {
        var x = ctx.Input(0);
        var y = ctx.Output(0, x.Shape);
        ParallelSpans.Unary(f, x.Span<T>(), y.Span<T>());
    };

    /// <summary>Element-wise binary kernel on equal shapes (gradient helpers such as ReluGrad).</summary>
    public static Func<NodeInfo, Kernel> SameShapeBinary<T>(SpanBinary<T> f) where T : unmanaged => node => ctx =>
    {
        var x = ctx.Input(0);
        var y = ctx.Input(1);
        if (x.Length != y.Length)
            throw new InvalidArgumentError($"Inputs must have the same shape: {TensorValue.ShapeString(x.Shape)} vs {TensorValue.ShapeString(y.Shape)} (node '{node.Name}')");
        var d = ctx.Output(0, x.Shape);
        ParallelSpans.Binary(f, x.Span<T>(), y.Span<T>(), d.Span<T>());
    };

    /// <summary>Broadcasting binary kernel for <typeparamref name="TF"/>.</summary>
    public static Func<NodeInfo, Kernel> Broadcast<T, TF>() where T : unmanaged where TF : IBinaryFunction<T> => node => ctx =>
    {
        var x = ctx.Input(0);
        var y = ctx.Input(1);
        var outShape = x.Shape.AsSpan().SequenceEqual(y.Shape) ? x.Shape
            : Broadcasting.OutputShape(x.Shape, y.Shape, node.Name);
        var d = ctx.Output(0, outShape);
        Broadcasting.Binary<T, TF>(x.Span<T>(), x.Shape, y.Span<T>(), y.Shape, d.Span<T>(), d.Shape);
    };

    /// <summary>Registers a broadcasting binary op for float32, float64, int32 and int64.</summary>
    public static void RegisterNumericBroadcast<TF32, TF64, TI32, TI64>(string opType)
        where TF32 : IBinaryFunction<float> where TF64 : IBinaryFunction<double>
        where TI32 : IBinaryFunction<int> where TI64 : IBinaryFunction<long>
    {
        KernelRegistry.Register(opType, KernelRegistry.Cpu, DType.Float32, Broadcast<float, TF32>());
        KernelRegistry.Register(opType, KernelRegistry.Cpu, DType.Float64, Broadcast<double, TF64>());
        KernelRegistry.Register(opType, KernelRegistry.Cpu, DType.Int32, Broadcast<int, TI32>());
        KernelRegistry.Register(opType, KernelRegistry.Cpu, DType.Int64, Broadcast<long, TI64>());
    }

    /// <summary>Registers a broadcasting binary op for float32 and float64.</summary>
    public static void RegisterFloatBroadcast<TF32, TF64>(string opType)
        where TF32 : IBinaryFunction<float> where TF64 : IBinaryFunction<double>
    {
        KernelRegistry.Register(opType, KernelRegistry.Cpu, DType.Float32, Broadcast<float, TF32>());
        KernelRegistry.Register(opType, KernelRegistry.Cpu, DType.Float64, Broadcast<double, TF64>());
    }

    /// <summary>Registers a unary op for float32 and float64 from one generic span function.</summary>
    public static void RegisterFloatUnary(string opType, SpanUnary<float> f32, SpanUnary<double> f64)
    {
        KernelRegistry.Register(opType, KernelRegistry.Cpu, DType.Float32, Unary(f32));
        KernelRegistry.Register(opType, KernelRegistry.Cpu, DType.Float64, Unary(f64));
    }

    /// <summary>Registers a same-shape binary op for float32 and float64.</summary>
    public static void RegisterFloatSameShape(string opType, SpanBinary<float> f32, SpanBinary<double> f64)
    {
        KernelRegistry.Register(opType, KernelRegistry.Cpu, DType.Float32, SameShapeBinary(f32));
        KernelRegistry.Register(opType, KernelRegistry.Cpu, DType.Float64, SameShapeBinary(f64));
    }
}
