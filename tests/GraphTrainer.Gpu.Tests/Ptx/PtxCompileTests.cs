using System.Reflection;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace GraphTrainer.Gpu.Tests.Ptx;

/// <summary>
/// Every ILGPU kernel of GraphTrainer.Gpu compiles to PTX for sm_90 (H100/H200) here, without a GPU: ILGPU's PTX backend
/// runs on any machine, so a construct it rejects (a closure, a managed object, an unsupported call) fails in CI rather
/// than on the first run on a GPU. Kernels are found by <see cref="KernelDiscovery"/>, so families merged later are
/// checked without editing this file.
/// </summary>
[Trait("Category", "Gpu")]
public class PtxCompileTests
{
    private static readonly Lazy<(Context Context, PTXBackend Backend)> s_backend = new(() =>
    {
        // The same context options as GpuBackend (ILGPU.Algorithms' XMath needs EnableAlgorithms).
        var context = Context.Create(b => b.CPU().Cuda().EnableAlgorithms().Math(MathMode.Default).Optimize(OptimizationLevel.O1));
        var arch = CudaArchitecture.SM_90;
        return (context, new PTXBackend(context, new CudaCapabilityContext(arch), arch, CudaInstructionSet.ISA_80, null));
    });

    private static readonly object s_compileLock = new();

    public static IEnumerable<object[]> Kernels() => KernelDiscovery.Closed.Select(k => new object[] { KernelDiscovery.Name(k) });

    [Theory, MemberData(nameof(Kernels))]
    public void Kernel_compiles_to_ptx_for_sm_90(string name)
    {
        var kernel = KernelDiscovery.Closed.Single(k => KernelDiscovery.Name(k) == name);
        var entry = KernelDiscovery.IsImplicitlyGrouped(kernel)
            ? EntryPointDescription.FromImplicitlyGroupedKernel(kernel)
            : EntryPointDescription.FromExplicitlyGroupedKernel(kernel);
        var compiled = Compile(entry);
        // ILGPU 1.5.3 configured for SM_90 writes `.target sm_80` (the newest target it emits); the driver JIT-compiles
        // that PTX for sm_90. What matters here is that the backend accepted the kernel and produced an entry point.
        Assert.Matches(@"\.target sm_[89]\d", compiled.PTXAssembly);
        Assert.Contains(".entry", compiled.PTXAssembly);
    }

    private static PTXCompiledKernel Compile(EntryPointDescription entry)
    {
        lock (s_compileLock) return (PTXCompiledKernel)s_backend.Value.Backend.Compile(entry, KernelSpecialization.Empty);
    }

    // Deliberately broken kernels in this (test) assembly, proving the checks above can fail.
    private static void AllocatesAnObject(Index1D i, ArrayView<int> v) => v[i] = new List<int> { i }.Count;
    private static void NotMarked(Index1D i, ArrayView<int> v) => v[i] = i;
    private static readonly Action<Index1D, ArrayView<int>> s_notMarked = NotMarked;

    [Fact]
    public void The_ptx_backend_rejects_a_kernel_that_allocates_a_managed_object()
    {
        var kernel = typeof(PtxCompileTests).GetMethod(nameof(AllocatesAnObject), BindingFlags.NonPublic | BindingFlags.Static)!;
        Assert.ThrowsAny<Exception>(() => Compile(EntryPointDescription.FromImplicitlyGroupedKernel(kernel)));
    }

    [Fact]
    public void Discovery_reports_a_kernel_delegate_without_the_mark()
    {
        Assert.NotNull(s_notMarked);
        var found = KernelDiscovery.DelegateTargets(typeof(PtxCompileTests).Assembly).Select(KernelDiscovery.Name).ToList();
        Assert.Contains("PtxCompileTests.NotMarked", found);
    }

    [Fact]
    public void Every_kernel_made_into_a_delegate_is_marked_and_every_generic_one_has_an_instantiation()
    {
        var unmarked = KernelDiscovery.DelegateTargets()
            .Select(m => m.IsGenericMethod ? m.GetGenericMethodDefinition() : m)
            .Where(m => !m.IsDefined(typeof(GpuKernelAttribute), false))
            .Select(KernelDiscovery.Name).Distinct().ToList();
        Assert.True(unmarked.Count == 0, "Kernel methods without [GpuKernel]: " + string.Join(", ", unmarked));
        KernelDiscovery.ClosedKernels(out var problems);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Discovery_finds_implicitly_and_explicitly_grouped_kernels_and_generic_instantiations()
    {
        var names = KernelDiscovery.Closed.Select(KernelDiscovery.Name).ToList();
        Assert.Contains("FillKernels.FillKernel<Single>", names);
        Assert.Contains("ElementwiseKernels.MapKernel<Single,Single,ExpFn>", names); // closed per function struct
        Assert.True(names.Count(n => n.StartsWith("ElementwiseKernels.", StringComparison.Ordinal)) > 250);
        Assert.Contains("TiledGemm.Kernel<Single,Float32Arithmetic>", names);
        Assert.Contains("TiledGemm.Kernel<Double,Float64Arithmetic>", names);
        var fill = typeof(GpuKernelAttribute).Assembly.GetType("GraphTrainer.Gpu.FillKernels")!
            .GetMethod("FillKernel", BindingFlags.NonPublic | BindingFlags.Static)!;
        Assert.True(KernelDiscovery.IsImplicitlyGrouped(fill));
        Assert.False(KernelDiscovery.IsImplicitlyGrouped(typeof(TiledGemm).GetMethod("Kernel", BindingFlags.NonPublic | BindingFlags.Static)!));
    }
}
