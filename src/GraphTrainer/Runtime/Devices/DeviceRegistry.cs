using System.Reflection;

namespace GraphTrainer.Runtime;

/// <summary>
/// The devices of this process: the host CPU always, plus those a backend registers. The GPU backend lives in its
/// own assembly (the core never references GPU tooling); when <c>GraphTrainer.Gpu.dll</c> sits beside the engine it is
/// loaded on first use and registers the GPUs it finds, so a program gets TensorFlow's behaviour — GPU:0 by default
/// when present — without code of its own.
/// </summary>
public static class DeviceRegistry
{
    private static readonly List<ComputeDevice> s_devices = new() { ComputeDevice.Host };
    private static int s_backendsLoaded;

    /// <summary>The environment variable that, set to <c>1</c>, keeps the GPU backend from loading (TensorFlow's CUDA_VISIBLE_DEVICES="").</summary>
    public const string DisableGpuVariable = "GRAPHTRAINER_DISABLE_GPU";

    /// <summary>Every registered device, the host CPU first.</summary>
    public static IReadOnlyList<ComputeDevice> Devices
    {
        get
        {
            LoadBackends();
            lock (s_devices) return s_devices.ToArray();
        }
    }

    /// <summary>Adds a device (a backend calls this once per device it finds).</summary>
    public static void Register(ComputeDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        lock (s_devices)
        {
            if (s_devices.Any(d => d.DeviceType == device.DeviceType && d.Index == device.Index))
                throw new InvalidOperationException($"A device {device.DeviceType}:{device.Index} is already registered.");
            s_devices.Add(device);
        }
    }

    /// <summary>Removes a device (tests that register a device for their own use).</summary>
    public static void Unregister(ComputeDevice device)
    {
        lock (s_devices) s_devices.Remove(device);
    }

    /// <summary>The device of <paramref name="deviceType"/> and <paramref name="index"/>, or null when none is registered.</summary>
    public static ComputeDevice Find(string deviceType, int index) =>
        Devices.FirstOrDefault(d => string.Equals(d.DeviceType, deviceType, StringComparison.OrdinalIgnoreCase) && d.Index == index);

    // Loads GraphTrainer.Gpu when its assembly is deployed beside this one, once per process.
    private static void LoadBackends()
    {
        if (Interlocked.Exchange(ref s_backendsLoaded, 1) != 0) return;
        if (Environment.GetEnvironmentVariable(DisableGpuVariable) == "1") return;
        string path = Path.Combine(AppContext.BaseDirectory, "GraphTrainer.Gpu.dll");
        if (!File.Exists(path)) return;
        var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "GraphTrainer.Gpu")
                       ?? Assembly.LoadFrom(path);
        var entry = assembly.GetType("GraphTrainer.Gpu.GpuBackend")?.GetMethod("RegisterDevices", BindingFlags.Public | BindingFlags.Static);
        entry?.Invoke(null, null);
    }
}
