using GraphTrainer.Runtime;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using DeviceRegistry = GraphTrainer.Runtime.DeviceRegistry;

namespace GraphTrainer.Gpu;

/// <summary>
/// Registers GPU devices and their kernels with the engine. <see cref="RegisterDevices"/> runs by itself when this
/// assembly is deployed beside GraphTrainer (see <see cref="DeviceRegistry"/>); it finds NVIDIA GPUs through the
/// driver alone — ILGPU compiles kernels to PTX, which the driver JIT-compiles, so no CUDA toolkit is needed.
/// </summary>
public static class GpuBackend
{
    private static readonly object s_lock = new();
    private static Context s_context;
    private static readonly List<GpuDevice> s_devices = new();
    private static bool s_kernelsRegistered;

    /// <summary>The GPU devices registered by this backend.</summary>
    public static IReadOnlyList<GpuDevice> Devices { get { lock (s_lock) return s_devices.ToArray(); } }

    /// <summary>
    /// The environment variable that, set to <c>emulated</c>, makes <see cref="RegisterDevices"/> register ILGPU's CPU
    /// accelerator as GPU:0 when no CUDA GPU is found: a dry run of a GPU program's path (placement, transfers, kernels)
    /// on a machine without one.
    /// </summary>
    public const string EmulationVariable = "GRAPHTRAINER_GPU";

    /// <summary>Registers every CUDA GPU as <c>GPU:0</c>, <c>GPU:1</c>, ... (once per process); returns how many there are.</summary>
    public static int RegisterDevices()
    {
        lock (s_lock)
        {
            if (s_context != null) return s_devices.Count;
            s_context = CreateContext();
            if (s_context.GetCudaDevices().Count == 0 && Environment.GetEnvironmentVariable(EmulationVariable) == "emulated")
            {
                UseEmulatedDevice();
                return s_devices.Count;
            }
            foreach (var device in s_context.GetCudaDevices())
                Add(device.CreateAccelerator(s_context));
            return s_devices.Count;
        }
    }

    /// <summary>
    /// Registers ILGPU's CPU accelerator as <c>GPU:0</c>, so every GPU kernel, placement rule and transfer runs without a
    /// GPU (tests; <c>--device gpu</c> on a machine without one is refused instead). Returns the device.
    /// </summary>
    public static GpuDevice UseEmulatedDevice()
    {
        lock (s_lock)
        {
            if (s_devices.Count > 0) return s_devices[0];
            s_context ??= CreateContext();
            return Add(s_context.CreateCPUAccelerator(0, CPUAcceleratorMode.Parallel));
        }
    }

    private static Context CreateContext() =>
        Context.Create(builder => builder.CPU().Cuda().EnableAlgorithms().Math(MathMode.Default).Optimize(OptimizationLevel.O1));

    private static GpuDevice Add(Accelerator accelerator)
    {
        if (!s_kernelsRegistered)
        {
            GpuKernels.RegisterAll();
            s_kernelsRegistered = true;
        }
        var device = new GpuDevice(accelerator, s_devices.Count);
        s_devices.Add(device);
        DeviceRegistry.Register(device);
        return device;
    }
}
