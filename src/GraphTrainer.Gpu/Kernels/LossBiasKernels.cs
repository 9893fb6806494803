using GraphTrainer.Runtime;
using ILGPU;
using ILGPU.Runtime;
using Kernel = GraphTrainer.Runtime.Kernel;

namespace GraphTrainer.Gpu;

/// <summary>
/// L2Loss (Σ x² / 2, a whole-tensor <see cref="DeviceReduction"/>), BiasAdd (one thread per element, NHWC or NCHW) and
/// BiasAddGrad (the sum over every axis but the channel's, also a <see cref="DeviceReduction"/>), float32 and float64.
/// </summary>
internal static class LossBiasKernels
{
    public static void Register()
    {
        KernelRegistry.Register("L2Loss", GpuKernels.Gpu, DType.Float32, _ => L2Loss<float, HalfSumF32, SquareF32>());
        KernelRegistry.Register("L2Loss", GpuKernels.Gpu, DType.Float64, _ => L2Loss<double, HalfSumF64, SquareF64>());
        KernelRegistry.Register("BiasAdd", GpuKernels.Gpu, DType.Float32, BiasAdd<float, F32>);
        KernelRegistry.Register("BiasAdd", GpuKernels.Gpu, DType.Float64, BiasAdd<double, F64>);
        KernelRegistry.Register("BiasAddGrad", GpuKernels.Gpu, DType.Float32, BiasAddGrad<float, SumF32>);
        KernelRegistry.Register("BiasAddGrad", GpuKernels.Gpu, DType.Float64, BiasAddGrad<double, SumF64>);
    }

    private static Kernel L2Loss<T, TR, TM>() where T : unmanaged where TR : struct, IReducer<T> where TM : struct, IElementMap<T>
    {
        var shapes = new DeviceShapes();
        return ctx =>
        {
            var x = ctx.Input(0);
            var y = ctx.Output(0, ReadOnlySpan<int>.Empty);
            Span<int> all = stackalloc int[x.Rank];
            for (int k = 0; k < all.Length; k++) all[k] = k;
            DeviceReduction.Run<T, TR, TM>((GpuDevice)ctx.Device, shapes, x, all, y);
        };
    }

    private static Kernel BiasAdd<T, TF>(NodeInfo node) where T : unmanaged where TF : struct, IFloat<T> => ctx =>
    {
        var device = (GpuDevice)ctx.Device;
        TensorValue value = ctx.Input(0), bias = ctx.Input(1);
        var (_, channels, inner) = BiasAddOps.Layout(node, value.Shape);
        if (bias.Rank != 1 || bias.Length != channels)
            throw new InvalidArgumentError($"Must provide as many biases as the channel dimension of the input tensor: {TensorValue.ShapeString(bias.Shape)} vs. {TensorValue.ShapeString(value.Shape)} (node '{node.Name}')");
        var output = ctx.Output(0, value.Shape);
        if (value.Length == 0) return;
        var launch = device.Kernel(KernelKey<TF>.For("bias-add"), a =>
            a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, int, int>(BiasAddKernel<T, TF>));
        launch(value.Length, GpuTensor.View<T>(value), GpuTensor.View<T>(bias), GpuTensor.View<T>(output), channels, inner);
    };

    [GpuKernel(typeof(float), typeof(F32))]
    [GpuKernel(typeof(double), typeof(F64))]
    private static void BiasAddKernel<T, TF>(Index1D i, ArrayView<T> x, ArrayView<T> bias, ArrayView<T> y, int channels, int inner)
        where T : unmanaged where TF : struct, IFloat<T> =>
        y[i] = default(TF).Add(x[i], bias[i / inner % channels]);

    private static Kernel BiasAddGrad<T, TR>(NodeInfo node) where T : unmanaged where TR : struct, IReducer<T>
    {
        var shapes = new DeviceShapes();
        return ctx =>
        {
            var grad = ctx.Input(0);
            var (outer, channels, inner) = BiasAddOps.Layout(node, grad.Shape);
            var output = ctx.Output(0, stackalloc int[] { channels });
            // Channels with nothing to sum come out 0 (the reduction's identity), as on the CPU.
            DeviceReduction.Run<T, TR, Same<T>>((GpuDevice)ctx.Device, shapes, grad, stackalloc int[] { outer, channels, inner }, stackalloc int[] { 0, 2 }, output);
        };
    }
}
