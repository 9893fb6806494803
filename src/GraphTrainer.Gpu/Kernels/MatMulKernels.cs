using GraphTrainer.Runtime;
using Kernel = GraphTrainer.Runtime.Kernel;

namespace GraphTrainer.Gpu;

/// <summary>MatMul (float32, float64; transpose_a / transpose_b) on the device GEMM.</summary>
internal static class MatMulKernels
{
    public static void Register()
    {
        KernelRegistry.Register("MatMul", GpuKernels.Gpu, DType.Float32, MatMul<float>);
        KernelRegistry.Register("MatMul", GpuKernels.Gpu, DType.Float64, MatMul<double>);
    }

    private static Kernel MatMul<T>(NodeInfo node) where T : unmanaged
    {
        bool ta = node.Attr("transpose_a", false), tb = node.Attr("transpose_b", false);
        return ctx =>
        {
            TensorValue a = ctx.Input(0), b = ctx.Input(1);
            var (m, n, k) = MatMulOps.Dimensions(node, a, b, ta, tb);
            var c = ctx.Output(0, stackalloc int[] { m, n });
            DeviceGemm.Multiply((GpuDevice)ctx.Device, ta, tb, m, n, k,
                GpuTensor.View<T>(a), ta ? m : k, GpuTensor.View<T>(b), tb ? k : n, GpuTensor.View<T>(c), n);
        };
    }
}
