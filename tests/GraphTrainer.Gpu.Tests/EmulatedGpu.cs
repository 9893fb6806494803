using GraphTrainer.Runtime;

namespace GraphTrainer.Gpu.Tests;

/// <summary>
/// The GPU:0 every test in this assembly runs on, for the whole test process. By default ILGPU's CPU accelerator stands in
/// for it, so every GPU kernel, placement rule and transfer runs here as it would on an NVIDIA GPU (CI). With the
/// environment variable <c>GRAPHTRAINER_TEST_GPU=cuda</c> it is the first CUDA GPU instead (scripts/gpu-check.sh runs
/// the same tests on a real GPU that way), and the tests fail at once if the driver reports none. Tests in this assembly
/// carry the trait <c>Category=Gpu</c>.
/// </summary>
public static class EmulatedGpu
{
    /// <summary>The environment variable that selects the device: unset or <c>emulated</c>, or <c>cuda</c>.</summary>
    public const string DeviceVariable = "GRAPHTRAINER_TEST_GPU";

    private static readonly Lazy<GpuDevice> s_device = new(Select);

    /// <summary>GPU:0: the emulated device, or the first CUDA GPU under <c>GRAPHTRAINER_TEST_GPU=cuda</c>.</summary>
    public static GpuDevice Device => s_device.Value;

    /// <summary>True when the tests run on a real CUDA GPU (<c>GRAPHTRAINER_TEST_GPU=cuda</c>).</summary>
    public static bool IsCuda => Requested(Environment.GetEnvironmentVariable(DeviceVariable)) == "cuda";

    /// <summary>A session whose unpinned ops go to GPU:0 where it has a kernel (as TensorFlow's with a GPU present).</summary>
    public static Session Session(Graph graph = null)
    {
        _ = Device;
        return new Session(graph);
    }

    /// <summary>A session restricted to the CPU: the reference the GPU results are compared with.</summary>
    public static Session CpuSession(Graph graph = null) => new(graph, device: KernelRegistry.Cpu);

    /// <summary>The device <paramref name="setting"/> (the variable's value) asks for: <c>emulated</c> or <c>cuda</c>.</summary>
    /// <exception cref="InvalidOperationException">Any other value.</exception>
    internal static string Requested(string setting) => setting?.Trim().ToLowerInvariant() switch
    {
        null or "" or "emulated" or "cpu" => "emulated",
        "cuda" => "cuda",
        _ => throw new InvalidOperationException($"{DeviceVariable}={setting}: expected 'cuda' (the first NVIDIA GPU) or 'emulated' (ILGPU's CPU accelerator, the default)."),
    };

    private static GpuDevice Select()
    {
        if (Requested(Environment.GetEnvironmentVariable(DeviceVariable)) == "emulated")
            return GpuBackend.UseEmulatedDevice();
        int found = GpuBackend.RegisterDevices();
        if (found == 0)
            throw new InvalidOperationException(
                $"{DeviceVariable}=cuda, but ILGPU found no CUDA GPU (is the NVIDIA driver installed and libcuda.so.1 loadable?).");
        return GpuBackend.Devices[0];
    }
}
