using System.Reflection;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace GraphTrainer.Gpu.Tests;

/// <summary>
/// Every kernel of the reduction, softmax, loss/bias, optimizer, random and tile/transpose families compiles to PTX
/// for sm_90 (H100/H200) without a GPU: ILGPU's PTX backend runs on any machine, so a construct it rejects (a type,
/// an intrinsic, dynamic shared memory) fails here rather than on the first run on a real GPU. Each generic kernel is
/// compiled at every instantiation the families register.
/// </summary>
[Trait("Category", "Gpu")]
[Collection("GpuKernels")]
public class PtxCompileTests
{
    private static readonly Type[] Floats = { typeof(float), typeof(double) };

    public static TheoryData<string> Kernels() => new(KernelMethods().Select(k => k.Name));

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Kernel_compiles_to_ptx_for_sm_90(string name)
    {
        var method = KernelMethods().Single(k => k.Name == name).Method;
        using var context = Context.Create(builder => builder.EnableAlgorithms().Math(MathMode.Default).Optimize(OptimizationLevel.O1));
        using var backend = new PTXBackend(context, CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, nvvmAPI: null);
        var entry = method.GetParameters()[0].ParameterType == typeof(Index1D)
            ? EntryPointDescription.FromImplicitlyGroupedKernel(method)
            : EntryPointDescription.FromExplicitlyGroupedKernel(method);
        var compiled = (PTXCompiledKernel)backend.Compile(entry, default);
        Assert.Contains(".entry", compiled.PTXAssembly);
    }

    private static IEnumerable<(string Name, MethodInfo Method)> KernelMethods()
    {
        var assembly = typeof(GpuBackend).Assembly;
        Type T(string name) => assembly.GetType("GraphTrainer.Gpu." + name, throwOnError: true);
        MethodInfo M(string type, string method) => T(type).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new MissingMethodException(type, method);
        (string, MethodInfo) Make(string type, string method, params Type[] args) =>
            ($"{type}.{method}<{string.Join(",", args.Select(a => a.Name))}>", args.Length == 0 ? M(type, method) : M(type, method).MakeGenericMethod(args));

        // Reductions: every reducer struct, read as is; L2Loss's squares; ArgMax/ArgMin's orders.
        foreach (var reducer in assembly.GetTypes().Where(t => t.IsValueType && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition().Name == "IReducer`1")))
        {
            var element = reducer.GetInterfaces().Single(i => i.Name == "IReducer`1").GetGenericArguments()[0];
            var same = T("Same`1").MakeGenericType(element);
            yield return Make("DeviceReduction", "Column", element, reducer, same);
            yield return Make("DeviceReduction", "Row", element, reducer, same);
        }
        yield return Make("DeviceReduction", "Row", typeof(float), T("HalfSumF32"), T("SquareF32"));
        yield return Make("DeviceReduction", "Row", typeof(double), T("HalfSumF64"), T("SquareF64"));
        foreach (var order in assembly.GetTypes().Where(t => t.IsValueType && t.GetInterfaces().Any(i => i.Name == "IOrder`1")))
        {
            var element = order.GetInterfaces().Single(i => i.Name == "IOrder`1").GetGenericArguments()[0];
            yield return Make("ArgReductionKernels", "Column", element, order);
            yield return Make("ArgReductionKernels", "Row", element, order);
        }
        foreach (var (element, suffix) in new[] { (typeof(float), "F32"), (typeof(double), "F64") })
        {
            Type[] softmax = { element, T(suffix), T("Max" + suffix), T("Sum" + suffix) };
            yield return Make("SoftmaxKernels", "RowsKernel", softmax);
            yield return Make("SoftmaxKernels", "CrossEntropyKernel", softmax);
            yield return Make("SoftmaxKernels", "SparseKernel", softmax);
            yield return Make("LossBiasKernels", "BiasAddKernel", element, T(suffix));
            foreach (var kernel in new[] { "GradientDescentKernel", "MomentumKernel", "AdamKernel", "RmsPropKernel", "AdagradKernel" })
                yield return Make("OptimizerKernels", kernel, element, T(suffix));
        }
        yield return Make("RandomKernels", "FloatKernel");
        yield return Make("RandomKernels", "DoubleKernel");
        foreach (var element in new[] { typeof(byte), typeof(int), typeof(long) })
        {
            yield return Make("TileTransposeKernels", "TransposeKernel", element);
            yield return Make("TileTransposeKernels", "TileKernel", element);
            yield return Make("TileTransposeKernels", "TiledTransposeKernel", element);
        }
    }
}
