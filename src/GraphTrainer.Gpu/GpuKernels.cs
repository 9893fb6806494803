using GraphTrainer.Runtime;

namespace GraphTrainer.Gpu;

/// <summary>
/// The GPU kernels, one family per file under Kernels/, registered in the engine's kernel registry under
/// (op type, <c>"GPU"</c>, dtype) — explicitly, as the CPU kernels are.
/// </summary>
internal static class GpuKernels
{
    /// <summary>The registry's device key for GPU kernels.</summary>
    public const string Gpu = "GPU";

    public static void RegisterAll()
    {
        DataMovementKernels.Register();
        UnaryKernels.Register();
        MatMulKernels.Register();
        Conv2DKernels.Register();
        PoolingKernels.Register();
        BinaryKernels.Register();
        CastKernels.Register();
        FillKernels.Register();
        BroadcastKernels.Register();
        ReductionKernels.Register();
        ArgReductionKernels.Register();
        SoftmaxKernels.Register();
        LossBiasKernels.Register();
        OptimizerKernels.Register();
        RandomKernels.Register();
        TileTransposeKernels.Register();
    }
}
