using GraphTrainer.Runtime;

namespace GraphTrainer.Gpu;

/// <summary>Const (uploaded once per device) and the view ops, whose shape arguments TensorFlow keeps in host memory.</summary>
internal static class DataMovementKernels
{
    private static readonly DType[] Numeric = { DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt8, DType.Bool };

    public static void Register()
    {
        // A constant is uploaded on its first run and kept on the device, so a step re-reads it without a host copy.
        foreach (var dtype in Numeric)
            KernelRegistry.Register("Const", GpuKernels.Gpu, dtype, node =>
            {
                var value = (TensorValue)node.Attrs["value"];
                TensorValue onDevice = null;
                return ctx =>
                {
                    if (onDevice == null)
                    {
                        onDevice = TensorValue.AllocateOn(ctx.Device, value.DType, value.Shape);
                        onDevice.CopyFrom(value);
                    }
                    ctx.SetOutput(0, onDevice);
                };
            });

        // View ops only relabel the shape: the CPU kernels run as they are, given their shape arguments on the host.
        ReuseViewKernel("Reshape", hostInputs: 1);
        ReuseViewKernel("ExpandDims", hostInputs: 1);
        ReuseViewKernel("Squeeze");
    }

    private static void ReuseViewKernel(string opType, params int[] hostInputs)
    {
        foreach (var dtype in Numeric)
        {
            var factory = KernelRegistry.Factory(opType, KernelRegistry.Cpu, dtype);
            if (factory != null) KernelRegistry.Register(opType, GpuKernels.Gpu, dtype, factory);
        }
        KernelRegistry.SetHostMemoryInputs(opType, GpuKernels.Gpu, hostInputs);
    }
}
