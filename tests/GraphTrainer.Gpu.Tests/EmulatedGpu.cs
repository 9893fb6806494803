using GraphTrainer.Runtime;

namespace GraphTrainer.Gpu.Tests;

/// <summary>
/// ILGPU's CPU accelerator registered as GPU:0 for the whole test process: every GPU kernel, placement rule and
/// transfer runs here as it would on an NVIDIA GPU. Tests in this assembly carry the trait <c>Category=Gpu</c>.
/// </summary>
public static class EmulatedGpu
{
    private static readonly Lazy<GpuDevice> s_device = new(GpuBackend.UseEmulatedDevice);

    /// <summary>The emulated GPU:0.</summary>
    public static GpuDevice Device => s_device.Value;

    /// <summary>A session whose unpinned ops go to GPU:0 where it has a kernel (as TensorFlow's with a GPU present).</summary>
    public static Session Session(Graph graph = null)
    {
        _ = Device;
        return new Session(graph);
    }

    /// <summary>A session restricted to the CPU: the reference the GPU results are compared with.</summary>
    public static Session CpuSession(Graph graph = null) => new(graph, device: KernelRegistry.Cpu);
}
