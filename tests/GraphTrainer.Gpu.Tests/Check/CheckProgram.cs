using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace GraphTrainer.Gpu.Tests.Check;

/// <summary>
/// The test program's entry point (xunit v3 test assemblies are programs). <c>devices</c> lists what ILGPU finds through
/// the driver; anything else is handed to xunit's console runner, so <c>GraphTrainer.Gpu.Tests -trait Category=Gpu</c>
/// runs the agreement suite. scripts/gpu-check.sh runs both from a self-contained publish on a machine without .NET.
/// </summary>
public static class CheckProgram
{
    /// <summary>Runs <c>devices [--require-cuda]</c>, or the tests with xunit's command line.</summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "devices")
            return ListDevices(requireCuda: args.Contains("--require-cuda"), Console.Out);
        return Xunit.Runner.InProc.SystemConsole.ConsoleRunner.Run(args).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Writes one line per device ILGPU sees (CUDA GPUs through the driver alone, and its CPU accelerator); returns 1 when
    /// <paramref name="requireCuda"/> and there is no CUDA GPU, else 0.
    /// </summary>
    internal static int ListDevices(bool requireCuda, TextWriter output)
    {
        using var context = Context.Create(builder => builder.Cuda());
        int cuda = 0;
        foreach (var device in context.Devices.OfType<CudaDevice>())
        {
            output.WriteLine($"device: CUDA {device.Name}: compute capability {device.Architecture}, {device.NumMultiprocessors} SMs, " +
                $"{device.MemorySize >> 20} MiB, warp {device.WarpSize}, up to {device.MaxNumThreadsPerGroup} threads per group, driver {device.DriverVersion}");
            cuda++;
        }
        output.WriteLine($"devices: {cuda} CUDA GPU(s); ILGPU's CPU accelerator stands in for GPU:0 when there is none (tests only)");
        if (requireCuda && cuda == 0)
        {
            output.WriteLine("error: no CUDA GPU found through the driver (NVIDIA driver installed? libcuda.so.1 loadable?)");
            return 1;
        }
        return 0;
    }
}
