using GraphTrainer.Runtime;
using ILGPU;
using ILGPU.Runtime;
using Kernel = GraphTrainer.Runtime.Kernel;

namespace GraphTrainer.Gpu;

/// <summary>
/// ArgMax and ArgMin along one axis (float32, float64, int32, int64 in; int64 or int32 out per output_type), with the
/// CPU kernel's answer exactly: the first index of the extreme, a scan that moves only to a strictly better element —
/// so ties keep the first index, −0 and +0 tie, a NaN first element gives 0 and a NaN anywhere else is skipped.
/// </summary>
internal static class ArgReductionKernels
{
    public static void Register()
    {
        Add<float, GreaterF32>("ArgMax", DType.Float32); Add<double, GreaterF64>("ArgMax", DType.Float64);
        Add<int, GreaterI32>("ArgMax", DType.Int32); Add<long, GreaterI64>("ArgMax", DType.Int64);
        Add<float, LessF32>("ArgMin", DType.Float32); Add<double, LessF64>("ArgMin", DType.Float64);
        Add<int, LessI32>("ArgMin", DType.Int32); Add<long, LessI64>("ArgMin", DType.Int64);
        KernelRegistry.SetHostMemoryInputs("ArgMax", GpuKernels.Gpu, 1);
        KernelRegistry.SetHostMemoryInputs("ArgMin", GpuKernels.Gpu, 1);
    }

    private static void Add<T, TO>(string type, DType dtype) where T : unmanaged where TO : struct, IOrder<T> =>
        KernelRegistry.Register(type, GpuKernels.Gpu, dtype, node => Arg<T, TO>(node));

    private static Kernel Arg<T, TO>(NodeInfo node) where T : unmanaged where TO : struct, IOrder<T> => ctx =>
    {
        var device = (GpuDevice)ctx.Device;
        var x = ctx.Input(0);
        // The CPU kernel's axis checks (TensorFlow's errors), output allocation (here on the device) and split.
        var y = ReductionOps.ArgOutput(node, ctx, out int outer, out int reduced, out int inner);
        if (y.Length == 0) return;
        bool wide = y.DType == DType.Int64;
        var ys = GpuTensor.View<byte>(y);
        var xs = GpuTensor.View<T>(x);
        if (inner > 1 || reduced == 1)
        {
            var column = device.Kernel(KernelKey<TO>.For("arg-column"), a =>
                a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<byte>, int, int, int>(Column<T, TO>));
            column(y.Length, xs, ys, reduced, inner, wide ? 1 : 0);
            return;
        }
        var row = device.Kernel(KernelKey<TO>.For("arg-row"), a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<byte>, int, int, int>(Row<T, TO>));
        var accelerator = device.Accelerator;
        int group = DeviceShapes.GroupSize(accelerator, reduced);
        var config = new KernelConfig(DeviceShapes.GroupCount(accelerator, outer), group, SharedMemoryConfig.RequestDynamic<int>(group));
        row(config, xs, ys, reduced, outer, wide ? 1 : 0);
    };

    // The output's bytes hold int64 or int32 indices (output_type).
    private static void Write(ArrayView<byte> y, int wide, int at, int index)
    {
        if (wide != 0) y.Cast<long>()[at] = index;
        else y.Cast<int>()[at] = index;
    }

    // One thread per output when the axis is not innermost: the CPU's scan, exactly (neighbouring threads read neighbours).
    [GpuKernel(PerFunctionStruct = true)]
    private static void Column<T, TO>(Index1D o, ArrayView<T> x, ArrayView<byte> y, int reduced, int inner, int wide)
        where T : unmanaged where TO : struct, IOrder<T>
    {
        var order = default(TO);
        int start = o / inner * reduced * inner + o % inner;
        int best = 0;
        T bestValue = x[start];
        for (int r = 1; r < reduced; r++)
        {
            T v = x[start + r * inner];
            if (order.Better(v, bestValue)) { bestValue = v; best = r; }
        }
        Write(y, wide, o, best);
    }

    // One group per row when the axis is innermost: each thread keeps the first best of its strided elements (NaN
    // skipped), then a shared-memory tree keeps the better of two candidates, the lower index on a tie.
    [GpuKernel(PerFunctionStruct = true)]
    private static void Row<T, TO>(ArrayView<T> x, ArrayView<byte> y, int reduced, int rows, int wide)
        where T : unmanaged where TO : struct, IOrder<T>
    {
        var order = default(TO);
        var shared = SharedMemory.GetDynamic<int>();
        int tid = Group.IdxX, dim = Group.DimX;
        for (int o = Grid.IdxX; o < rows; o += Grid.DimX)
        {
            int start = o * reduced;
            int best = -1;
            for (int r = tid; r < reduced; r += dim)
            {
                T v = x[start + r];
                if (!order.IsNaN(v) && (best < 0 || order.Better(v, x[start + best]))) best = r;
            }
            shared[tid] = best;
            Group.Barrier();
            for (int active = dim; active > 1;)
            {
                int half = (active + 1) >> 1;
                if (tid < active - half)
                {
                    int a = shared[tid], b = shared[tid + half];
                    if (a < 0 || (b >= 0 && (order.Better(x[start + b], x[start + a]) || (!order.Better(x[start + a], x[start + b]) && b < a))))
                        shared[tid] = b;
                }
                Group.Barrier();
                active = half;
            }
            // A NaN first element is never beaten by the CPU's scan; a row of NaNs gives 0 too.
            if (tid == 0) Write(y, wide, o, order.IsNaN(x[start]) || shared[0] < 0 ? 0 : shared[0]);
            Group.Barrier();
        }
    }
}

/// <summary>The comparison of ArgMax (greater) or ArgMin (less), and NaN detection for floats.</summary>
internal interface IOrder<T> where T : unmanaged
{
    /// <summary>True when <paramref name="v"/> strictly beats <paramref name="best"/> (false for NaN either side).</summary>
    bool Better(T v, T best);
    /// <summary>True for a NaN.</summary>
    bool IsNaN(T v);
}

internal struct GreaterF32 : IOrder<float> { public bool Better(float v, float b) => v > b; public bool IsNaN(float v) => float.IsNaN(v); }
internal struct GreaterF64 : IOrder<double> { public bool Better(double v, double b) => v > b; public bool IsNaN(double v) => double.IsNaN(v); }
internal struct GreaterI32 : IOrder<int> { public bool Better(int v, int b) => v > b; public bool IsNaN(int v) => false; }
internal struct GreaterI64 : IOrder<long> { public bool Better(long v, long b) => v > b; public bool IsNaN(long v) => false; }
internal struct LessF32 : IOrder<float> { public bool Better(float v, float b) => v < b; public bool IsNaN(float v) => float.IsNaN(v); }
internal struct LessF64 : IOrder<double> { public bool Better(double v, double b) => v < b; public bool IsNaN(double v) => double.IsNaN(v); }
internal struct LessI32 : IOrder<int> { public bool Better(int v, int b) => v < b; public bool IsNaN(int v) => false; }
internal struct LessI64 : IOrder<long> { public bool Better(long v, long b) => v < b; public bool IsNaN(long v) => false; }
