using GraphTrainer.Runtime;
using ILGPU.Algorithms;
using Kernel = GraphTrainer.Runtime.Kernel;

namespace GraphTrainer.Gpu;

/// <summary>
/// Cast between float32, float64, int32, int64, uint8 and bool with the CPU kernel's rules (.NET's CreateTruncating):
/// float → integer truncates toward zero and saturates at the target's range, NaN → 0; integer → narrower integer keeps
/// the low bits; → float rounds to nearest even; → bool is "nonzero" (NaN is true); bool → number is 1 or 0. The
/// saturation is written out so the result does not depend on what a GPU's conversion instruction does out of range.
/// </summary>
internal static class CastKernels
{
    public static void Register()
    {
        Add(DType.Float32, node => node.OutputDTypes[0] switch
        {
            DType.Float32 => Copy,
            DType.Float64 => Convert<float, double, ToF64>,
            DType.Int32 => Convert<float, int, ToI32>,
            DType.Int64 => Convert<float, long, ToI64>,
            DType.UInt8 => Convert<float, byte, ToU8>,
            DType.Bool => Convert<float, byte, ToBool>,
            var d => throw Unsupported(node, d),
        });
        Add(DType.Float64, node => node.OutputDTypes[0] switch
        {
            DType.Float32 => Convert<double, float, ToF32>,
            DType.Float64 => Copy,
            DType.Int32 => Convert<double, int, ToI32>,
            DType.Int64 => Convert<double, long, ToI64>,
            DType.UInt8 => Convert<double, byte, ToU8>,
            DType.Bool => Convert<double, byte, ToBool>,
            var d => throw Unsupported(node, d),
        });
        Add(DType.Int32, node => node.OutputDTypes[0] switch
        {
            DType.Float32 => Convert<int, float, ToF32>,
            DType.Float64 => Convert<int, double, ToF64>,
            DType.Int32 => Copy,
            DType.Int64 => Convert<int, long, ToI64>,
            DType.UInt8 => Convert<int, byte, ToU8>,
            DType.Bool => Convert<int, byte, ToBool>,
            var d => throw Unsupported(node, d),
        });
        Add(DType.Int64, node => node.OutputDTypes[0] switch
        {
            DType.Float32 => Convert<long, float, ToF32>,
            DType.Float64 => Convert<long, double, ToF64>,
            DType.Int32 => Convert<long, int, ToI32>,
            DType.Int64 => Copy,
            DType.UInt8 => Convert<long, byte, ToU8>,
            DType.Bool => Convert<long, byte, ToBool>,
            var d => throw Unsupported(node, d),
        });
        Add(DType.UInt8, node => node.OutputDTypes[0] switch
        {
            DType.Float32 => Convert<byte, float, ToF32>,
            DType.Float64 => Convert<byte, double, ToF64>,
            DType.Int32 => Convert<byte, int, ToI32>,
            DType.Int64 => Convert<byte, long, ToI64>,
            DType.UInt8 => Copy,
            DType.Bool => Convert<byte, byte, ToBool>,
            var d => throw Unsupported(node, d),
        });
        // A bool byte is read as 0 or 1 first, then converted as a uint8.
        Add(DType.Bool, node => node.OutputDTypes[0] switch
        {
            DType.Float32 => Convert<byte, float, FromBool<float, ToF32>>,
            DType.Float64 => Convert<byte, double, FromBool<double, ToF64>>,
            DType.Int32 => Convert<byte, int, FromBool<int, ToI32>>,
            DType.Int64 => Convert<byte, long, FromBool<long, ToI64>>,
            DType.UInt8 => Convert<byte, byte, FromBool<byte, ToU8>>,
            DType.Bool => ctx => ctx.SetOutput(0, ctx.Input(0)), // forwarded, as on the CPU (Cast declares AliasesOutputs)
            var d => throw Unsupported(node, d),
        });
    }

    private static void Add(DType source, Func<NodeInfo, Kernel> factory) => KernelRegistry.Register("Cast", GpuKernels.Gpu, source, factory);

    private static InvalidArgumentError Unsupported(NodeInfo node, DType d) => new($"Cast to {d.Name()} is not supported (node '{node.Name}').");

    private static void Convert<TIn, TOut, TOp>(KernelContext ctx) where TIn : unmanaged where TOut : unmanaged where TOp : struct, IGpuUnary<TIn, TOut>
    {
        var x = ctx.Input(0);
        ElementwiseKernels.Map<TIn, TOut, TOp>((GpuDevice)ctx.Device, x, ctx.Output(0, x.Shape));
    }

    // A cast to the same dtype is a device-to-device copy.
    private static void Copy(KernelContext ctx)
    {
        var x = ctx.Input(0);
        ctx.Output(0, x.Shape).CopyFrom(x);
    }
}

/// <summary>→ float32, rounding to nearest even.</summary>
internal readonly struct ToF32 : IGpuUnary<double, float>, IGpuUnary<int, float>, IGpuUnary<long, float>, IGpuUnary<byte, float>
{
    public float Apply(double x) => (float)x;
    public float Apply(int x) => x;
    public float Apply(long x) => x;
    public float Apply(byte x) => x;
}

/// <summary>→ float64 (exact from every source here).</summary>
internal readonly struct ToF64 : IGpuUnary<float, double>, IGpuUnary<int, double>, IGpuUnary<long, double>, IGpuUnary<byte, double>
{
    public double Apply(float x) => x;
    public double Apply(int x) => x;
    public double Apply(long x) => x;
    public double Apply(byte x) => x;
}

/// <summary>→ int32: floats truncate and saturate (NaN → 0); int64 keeps its low 32 bits.</summary>
internal readonly struct ToI32 : IGpuUnary<float, int>, IGpuUnary<double, int>, IGpuUnary<long, int>, IGpuUnary<byte, int>
{
    public int Apply(float x) => Apply((double)x);
    public int Apply(double x) => XMath.IsNaN(x) ? 0 : x >= 2147483647.0 ? int.MaxValue : x <= -2147483648.0 ? int.MinValue : (int)x;
    public int Apply(long x) => (int)x;
    public int Apply(byte x) => x;
}

/// <summary>→ int64: floats truncate and saturate (NaN → 0).</summary>
internal readonly struct ToI64 : IGpuUnary<float, long>, IGpuUnary<double, long>, IGpuUnary<int, long>, IGpuUnary<byte, long>
{
    public long Apply(float x) => Apply((double)x);
    // 2^63 is the first double at or above long.MaxValue.
    public long Apply(double x) => XMath.IsNaN(x) ? 0L : x >= 9223372036854775808.0 ? long.MaxValue : x <= -9223372036854775808.0 ? long.MinValue : (long)x;
    public long Apply(int x) => x;
    public long Apply(byte x) => x;
}

/// <summary>→ uint8: floats truncate and saturate to [0, 255] (NaN → 0); integers keep their low 8 bits.</summary>
internal readonly struct ToU8 : IGpuUnary<float, byte>, IGpuUnary<double, byte>, IGpuUnary<int, byte>, IGpuUnary<long, byte>, IGpuUnary<byte, byte>
{
    public byte Apply(float x) => Apply((double)x);
    public byte Apply(double x) => XMath.IsNaN(x) || x <= 0.0 ? (byte)0 : x >= 255.0 ? (byte)255 : (byte)(int)x;
    public byte Apply(int x) => (byte)x;
    public byte Apply(long x) => (byte)x;
    public byte Apply(byte x) => x;
}

/// <summary>→ bool: nonzero is true (NaN too).</summary>
internal readonly struct ToBool : IGpuUnary<float, byte>, IGpuUnary<double, byte>, IGpuUnary<int, byte>, IGpuUnary<long, byte>, IGpuUnary<byte, byte>
{
    public byte Apply(float x) => x != 0f ? (byte)1 : (byte)0;
    public byte Apply(double x) => x != 0.0 ? (byte)1 : (byte)0;
    public byte Apply(int x) => x != 0 ? (byte)1 : (byte)0;
    public byte Apply(long x) => x != 0 ? (byte)1 : (byte)0;
    public byte Apply(byte x) => x != 0 ? (byte)1 : (byte)0;
}

/// <summary>bool → <typeparamref name="TOut"/>: the byte as 0 or 1, then <typeparamref name="TFromByte"/>'s uint8 conversion.</summary>
internal readonly struct FromBool<TOut, TFromByte> : IGpuUnary<byte, TOut> where TOut : unmanaged where TFromByte : struct, IGpuUnary<byte, TOut>
{
    public TOut Apply(byte x) => default(TFromByte).Apply(x != 0 ? (byte)1 : (byte)0);
}
