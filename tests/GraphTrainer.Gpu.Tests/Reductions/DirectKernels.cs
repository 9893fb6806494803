using GraphTrainer.Runtime;

namespace GraphTrainer.Gpu.Tests.Reductions;

/// <summary>
/// Runs one op's GPU kernel and its CPU kernel directly, without a session: for int32-only ops, which TensorFlow's
/// placer (and ours) keeps on the host unless pinned, yet whose GPU kernels must still agree with the CPU's.
/// Inputs the GPU kernel reads in device memory are uploaded first; outputs come back to the host.
/// </summary>
internal static class DirectKernels
{
    /// <summary>The outputs of <paramref name="op"/>'s GPU kernel and of its CPU kernel for the same host inputs.</summary>
    public static (TensorValue[] Gpu, TensorValue[] Cpu) Run(Operation op, params TensorValue[] inputs)
    {
        var node = NodeInfo.From(op);
        var dtype = op.Def.KernelDType(op);
        return (Run(node, dtype, EmulatedGpu.Device, inputs), Run(node, dtype, ComputeDevice.Host, inputs));
    }

    /// <summary>Runs both kernels and asserts every output has the same shape and int32 elements.</summary>
    public static void AssertInt32Agree(Operation op, params TensorValue[] inputs)
    {
        var (gpu, cpu) = Run(op, inputs);
        for (int k = 0; k < cpu.Length; k++)
        {
            Assert.Equal(cpu[k].Shape, gpu[k].Shape);
            Assert.Equal(cpu[k].Span<int>().ToArray(), gpu[k].Span<int>().ToArray());
        }
    }

    private static TensorValue[] Run(NodeInfo node, DType dtype, ComputeDevice device, TensorValue[] inputs)
    {
        var kernel = KernelRegistry.Create(node, device.DeviceType, dtype);
        var ctx = new KernelContext(node, inputs.Length, node.OutputDTypes.Length, new SessionState(), device);
        for (int i = 0; i < inputs.Length; i++)
        {
            if (device.IsHost || KernelRegistry.IsHostMemoryInput(node.Type, device.DeviceType, i)) { ctx.Inputs[i] = inputs[i]; continue; }
            ctx.Inputs[i] = TensorValue.AllocateOn(device, inputs[i].DType, inputs[i].Shape);
            ctx.Inputs[i].CopyFrom(inputs[i]);
        }
        kernel(ctx);
        var outputs = ctx.Outputs.Select(o => o.ToHost()).ToArray();
        Assert.All(ctx.Outputs, o => Assert.Equal(device, o.Device));
        return outputs;
    }
}
