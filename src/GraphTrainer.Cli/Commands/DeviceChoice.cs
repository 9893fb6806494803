using GraphTrainer.Cli.Parsing;
using GraphTrainer.Runtime;

namespace GraphTrainer.Cli.Commands;

/// <summary>
/// <c>--device cpu|gpu</c>: which device a command's session runs on. Without it the session places ops as TensorFlow
/// does (GPU:0 when one is present, else the CPU); GPUs are found by GraphTrainer.Gpu through the NVIDIA driver.
/// </summary>
public static class DeviceChoice
{
    /// <summary>The accepted values.</summary>
    public static readonly IReadOnlyList<string> Names = new[] { "cpu", "gpu" };

    /// <summary>
    /// The device type to restrict the session to (<c>"CPU"</c>, <c>"GPU"</c>), or null to let the placer choose.
    /// </summary>
    /// <exception cref="UsageException">The value is unknown, or <c>gpu</c> was asked for and there is none.</exception>
    public static string Resolve(string value)
    {
        var choice = OptionValues.Choice("--device", value, Names);
        if (choice == null) return null;
        if (choice == "gpu" && !HasGpu)
            throw new UsageException("--device gpu: no GPU found. GraphTrainer runs on NVIDIA GPUs through the driver alone " +
                                     "(no CUDA toolkit needed); check that `nvidia-smi` lists one, or use --device cpu");
        return choice.ToUpperInvariant();
    }

    /// <summary>True when a GPU device is registered in this process.</summary>
    public static bool HasGpu => DeviceRegistry.Devices.Any(d => d.DeviceType == "GPU");

    /// <summary>Where unpinned ops of a session restricted to <paramref name="deviceType"/> run, for the start line.</summary>
    public static string Describe(string deviceType)
    {
        var device = DeviceRegistry.Devices.FirstOrDefault(d => !d.IsHost && (deviceType == null || d.DeviceType == deviceType));
        return device == null || deviceType == KernelRegistry.Cpu ? "CPU" : $"{device.DeviceType}:{device.Index} ({device.Description})";
    }
}
