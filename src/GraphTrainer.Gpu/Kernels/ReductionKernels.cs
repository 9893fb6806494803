using GraphTrainer.Runtime;
using Kernel = GraphTrainer.Runtime.Kernel;

namespace GraphTrainer.Gpu;

/// <summary>
/// Sum, Mean, Max, Min and Prod over any axes (float32, float64, int32, int64) with keep_dims and negative axes. The
/// axes (input 1) are read in host memory, as TensorFlow's GPU kernels read them; the work is <see cref="DeviceReduction"/>.
/// </summary>
internal static class ReductionKernels
{
    public static void Register()
    {
        Add<float, SumF32>("Sum", DType.Float32); Add<double, SumF64>("Sum", DType.Float64);
        Add<int, SumI32>("Sum", DType.Int32); Add<long, SumI64>("Sum", DType.Int64);
        Add<float, MeanF32>("Mean", DType.Float32); Add<double, MeanF64>("Mean", DType.Float64);
        Add<int, MeanI32>("Mean", DType.Int32); Add<long, MeanI64>("Mean", DType.Int64);
        Add<float, MaxF32>("Max", DType.Float32); Add<double, MaxF64>("Max", DType.Float64);
        Add<int, MaxI32>("Max", DType.Int32); Add<long, MaxI64>("Max", DType.Int64);
        Add<float, MinF32>("Min", DType.Float32); Add<double, MinF64>("Min", DType.Float64);
        Add<int, MinI32>("Min", DType.Int32); Add<long, MinI64>("Min", DType.Int64);
        Add<float, ProdF32>("Prod", DType.Float32); Add<double, ProdF64>("Prod", DType.Float64);
        Add<int, ProdI32>("Prod", DType.Int32); Add<long, ProdI64>("Prod", DType.Int64);
        foreach (var type in new[] { "Sum", "Mean", "Max", "Min", "Prod" }) KernelRegistry.SetHostMemoryInputs(type, GpuKernels.Gpu, 1);
    }

    private static void Add<T, TR>(string type, DType dtype) where T : unmanaged where TR : struct, IReducer<T> =>
        KernelRegistry.Register(type, GpuKernels.Gpu, dtype, Reduce<T, TR>);

    private static Kernel Reduce<T, TR>(NodeInfo node) where T : unmanaged where TR : struct, IReducer<T>
    {
        bool keep = node.Attr("keep_dims", false);
        var shapes = new DeviceShapes();
        return ctx =>
        {
            var device = (GpuDevice)ctx.Device;
            var x = ctx.Input(0);
            var rawAxes = ctx.Input(1).Span<int>();
            Span<int> axes = stackalloc int[rawAxes.Length];
            axes = axes[..ReductionOps.NormalizeAxes(rawAxes, x.Rank, axes, node.Name)];
            Span<int> outShape = stackalloc int[x.Rank];
            int outRank = 0;
            for (int k = 0; k < x.Rank; k++)
                if (axes.IndexOf(k) < 0) outShape[outRank++] = x.Shape[k];
                else if (keep) outShape[outRank++] = 1;
            var y = ctx.Output(0, outShape[..outRank]);
            // No axes: the CPU copies the input (so −0 and NaN payloads pass through unchanged).
            if (axes.Length == 0) { device.Copy(x, y); return; }
            DeviceReduction.Run<T, TR, Same<T>>(device, shapes, x, axes, y);
        };
    }
}
