namespace GraphTrainer.Runtime;

/// <summary>Kernel factories keyed by (op type, device, dtype). Backends register explicitly at startup.</summary>
public static class KernelRegistry
{
    /// <summary>The device name of the managed CPU backend.</summary>
    public const string Cpu = "CPU";

    private static readonly Dictionary<(string, string, DType), Func<NodeInfo, Kernel>> s_kernels = new();

    // Op families register their CPU kernels together with their declarations.
    static KernelRegistry() => OpRegistry.EnsureRegistered();

    /// <summary>Registers a kernel factory.</summary>
    public static void Register(string opType, string device, DType dtype, Func<NodeInfo, Kernel> factory)
    {
        lock (s_kernels) s_kernels[(opType, device, dtype)] = factory;
    }

    /// <summary>Registers the same factory for several dtypes.</summary>
    public static void Register(string opType, DType[] dtypes, Func<NodeInfo, Kernel> factory, string device = Cpu)
    {
        foreach (var d in dtypes) Register(opType, device, d, factory);
    }

    /// <summary>True when a kernel exists for the key.</summary>
    /// <summary>Registers the float32 and float64 CPU kernels of <paramref name="opType"/>.</summary>
    public static void RegisterFloats(string opType, Func<NodeInfo, Kernel> float32, Func<NodeInfo, Kernel> float64)
    {
        Register(opType, Cpu, DType.Float32, float32);
        Register(opType, Cpu, DType.Float64, float64);
    }

    public static bool Has(string opType, string device, DType dtype)
    {
        lock (s_kernels) return s_kernels.ContainsKey((opType, device, dtype));
    }

    /// <summary>Creates the kernel for a node, or throws naming the op and dtype.</summary>
    public static Kernel Create(NodeInfo node, string device, DType dtype)
    {
        Func<NodeInfo, Kernel> factory;
        lock (s_kernels)
            if (!s_kernels.TryGetValue((node.Type, device, dtype), out factory))
                throw new InvalidArgumentError(
                    $"No kernel registered for op '{node.Type}' on device {device} with dtype {dtype.Name()} (node '{node.Name}').");
        return factory(node);
    }
}
