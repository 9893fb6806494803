using System.Reflection;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace GraphTrainer.Gpu.Tests.Elementwise;

/// <summary>
/// Compiles every element-wise kernel instantiation to PTX without a GPU (ILGPU 1.5.3 asked for sm_90 with PTX ISA 8.0
/// writes sm_80 PTX, which the driver JIT-compiles for an H100/H200): the CPU accelerator runs
/// kernels as .NET code, so only this catches a construct ILGPU's PTX backend rejects (an unsupported intrinsic, a
/// managed type, a call it cannot inline). The instantiations are found by reflection: each generic kernel method with
/// each function struct implementing its interface, so a new op struct is checked without editing this test.
/// </summary>
[Trait("Category", "Gpu")]
public class ElementwisePtxTests
{
    private static readonly Assembly Gpu = typeof(GpuBackend).Assembly;

    private static MethodInfo Kernel(Type owner, string name) =>
        owner.GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static) ?? throw new MissingMethodException(owner.Name, name);

    /// <summary>Every closed kernel method the element-wise families launch.</summary>
    private static IEnumerable<MethodInfo> Instantiations()
    {
        var structs = Gpu.GetTypes().Where(t => t.IsValueType && !t.IsGenericTypeDefinition).ToList();
        // Cast's bool sources go through FromBool<TOut, TFromByte>, closed here as CastKernels closes it.
        var fromBool = Gpu.GetType("GraphTrainer.Gpu.FromBool`2", throwOnError: true);
        structs.Add(fromBool.MakeGenericType(typeof(float), Gpu.GetType("GraphTrainer.Gpu.ToF32", true)));
        structs.Add(fromBool.MakeGenericType(typeof(double), Gpu.GetType("GraphTrainer.Gpu.ToF64", true)));
        structs.Add(fromBool.MakeGenericType(typeof(int), Gpu.GetType("GraphTrainer.Gpu.ToI32", true)));
        structs.Add(fromBool.MakeGenericType(typeof(long), Gpu.GetType("GraphTrainer.Gpu.ToI64", true)));
        structs.Add(fromBool.MakeGenericType(typeof(byte), Gpu.GetType("GraphTrainer.Gpu.ToU8", true)));

        var elementwise = typeof(ElementwiseKernels);
        foreach (var op in structs)
            foreach (var iface in op.GetInterfaces().Where(i => i.IsGenericType))
            {
                var args = iface.GetGenericArguments();
                var def = iface.GetGenericTypeDefinition();
                if (def == typeof(IGpuUnary<,>))
                    yield return Kernel(elementwise, "MapKernel").MakeGenericMethod(args[0], args[1], op);
                else if (def == typeof(IGpuBinary<,>))
                    foreach (var name in new[] { "ZipKernel", "ScalarRightKernel", "ScalarLeftKernel", "BroadcastKernel" })
                        yield return Kernel(elementwise, name).MakeGenericMethod(args[0], args[1], op);
            }
        foreach (var t in new[] { typeof(float), typeof(double), typeof(int), typeof(long) })
            yield return Kernel(typeof(FillKernels), "FillKernel").MakeGenericMethod(t);
        foreach (var t in new[] { typeof(byte), typeof(int), typeof(long) })
            foreach (var name in new[] { "ScalarKernel", "BroadcastKernel", "SelectKernel" })
                yield return Kernel(typeof(BroadcastKernels), name).MakeGenericMethod(t);
    }

    [Fact]
    public void Every_elementwise_kernel_compiles_to_ptx()
    {
        // The backend's context is configured as GpuBackend's (XMath intrinsics on, default math mode).
        using var context = Context.Create(b => b.Cuda().EnableAlgorithms().Math(MathMode.Default).Optimize(OptimizationLevel.O1));
        using var backend = new PTXBackend(context, CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null);
        var kernels = Instantiations().ToList();
        Assert.True(kernels.Count > 250, $"only {kernels.Count} kernel instantiations found");
        var failures = new List<string>();
        foreach (var method in kernels)
        {
            try
            {
                var entry = EntryPointDescription.FromImplicitlyGroupedKernel(method);
                var compiled = (PTXCompiledKernel)backend.Compile(entry, KernelSpecialization.Empty);
                Assert.Contains(".entry", compiled.PTXAssembly);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                failures.Add($"{method.Name}<{string.Join(",", method.GetGenericArguments().Select(a => a.Name))}>: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
