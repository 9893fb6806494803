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
            var (m, n, k) = Dimensions(node, a, b, ta, tb);
            var c = ctx.Output(0, stackalloc int[] { m, n });
            DeviceGemm.Multiply((GpuDevice)ctx.Device, ta, tb, m, n, k,
                GpuTensor.View<T>(a), ta ? m : k, GpuTensor.View<T>(b), tb ? k : n, GpuTensor.View<T>(c), n);
        };
    }

    /// <summary>(m, n, k) of op(a)·op(b), or the CPU kernel's (TensorFlow's) error for non-matrices and mismatched inner sizes.</summary>
    private static (int M, int N, int K) Dimensions(NodeInfo node, TensorValue a, TensorValue b, bool ta, bool tb)
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
