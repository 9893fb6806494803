namespace GraphTrainer.Runtime;

/// <summary>Kernel factories keyed by (op type, device, dtype). Backends register explicitly at startup.</summary>
public static class KernelRegistry
{
    /// <summary>The device name of the managed CPU backend.</summary>
    public const string Cpu = "CPU";

    /// <summary>
    /// The device key of kernels that run on any device because they only pass references or shapes along (VariableV2,
    /// Assign, Identity, NoOp): a lookup for a device without a kernel of its own falls back to it.
    /// </summary>
    public const string AnyDevice = "*";

    private static readonly Dictionary<(string, string, DType), Func<NodeInfo, Kernel>> s_kernels = new();
    // Per (op type, device): inputs the kernel reads from host memory (TensorFlow's HostMemory: shapes, axes, indices).
    private static readonly Dictionary<(string, string), int[]> s_hostMemoryInputs = new();
    // Per op type: inputs whose kernels read only the shape, so a value on any device is passed as is (Shape, Size, Rank).
    private static readonly Dictionary<string, int[]> s_shapeOnlyInputs = new();

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

    /// <summary>Registers the float32 and float64 CPU kernels of <paramref name="opType"/>.</summary>
    public static void RegisterFloats(string opType, Func<NodeInfo, Kernel> float32, Func<NodeInfo, Kernel> float64)
    {
        Register(opType, Cpu, DType.Float32, float32);
        Register(opType, Cpu, DType.Float64, float64);
    }

    /// <summary>Removes a kernel registration (tests that register kernels for a device of their own remove them after).</summary>
    internal static void Unregister(string opType, string device, DType dtype)
    {
        lock (s_kernels) s_kernels.Remove((opType, device, dtype));
    }

    /// <summary>True when a kernel exists for the key (its own, or one registered for <see cref="AnyDevice"/>).</summary>
    public static bool Has(string opType, string device, DType dtype)
    {
        lock (s_kernels) return s_kernels.ContainsKey((opType, device, dtype)) || s_kernels.ContainsKey((opType, AnyDevice, dtype));
    }

    /// <summary>The factory registered for exactly this key (no <see cref="AnyDevice"/> fallback), or null.</summary>
    public static Func<NodeInfo, Kernel> Factory(string opType, string device, DType dtype)
    {
        lock (s_kernels) return s_kernels.GetValueOrDefault((opType, device, dtype));
    }

    /// <summary>Declares that the kernel of <paramref name="opType"/> on <paramref name="device"/> reads these inputs from host memory.</summary>
    public static void SetHostMemoryInputs(string opType, string device, params int[] inputs)
    {
        lock (s_kernels) s_hostMemoryInputs[(opType, device)] = inputs;
    }

    /// <summary>True when the kernel of <paramref name="opType"/> on <paramref name="device"/> reads input <paramref name="input"/> on the host.</summary>
    public static bool IsHostMemoryInput(string opType, string device, int input)
    {
        if (device == Cpu) return true;
        lock (s_kernels) return s_hostMemoryInputs.TryGetValue((opType, device), out var inputs) && inputs.Contains(input);
    }

    /// <summary>Declares that every kernel of <paramref name="opType"/> reads only the shape of these inputs.</summary>
    public static void SetShapeOnlyInputs(string opType, params int[] inputs)
    {
        lock (s_kernels) s_shapeOnlyInputs[opType] = inputs;
    }

    /// <summary>True when kernels of <paramref name="opType"/> read only the shape of input <paramref name="input"/>.</summary>
    public static bool IsShapeOnlyInput(string opType, int input)
    {
        lock (s_kernels) return s_shapeOnlyInputs.TryGetValue(opType, out var inputs) && inputs.Contains(input);
    }

    /// <summary>Creates the kernel for a node, or throws naming the op and dtype.</summary>
    public static Kernel Create(NodeInfo node, string device, DType dtype)
    {
        Func<NodeInfo, Kernel> factory;
        lock (s_kernels)
            if (!s_kernels.TryGetValue((node.Type, device, dtype), out factory) && !s_kernels.TryGetValue((node.Type, AnyDevice, dtype), out factory))
                throw new InvalidArgumentError(
                    $"No kernel registered for op '{node.Type}' on device {device} with dtype {dtype.Name()} (node '{node.Name}').");
        return factory(node);
    }
}
