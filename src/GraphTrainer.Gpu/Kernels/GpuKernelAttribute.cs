namespace GraphTrainer.Gpu;

/// <summary>
/// Marks an ILGPU kernel method (the static method handed to <c>Load*Kernel</c>). EVERY kernel method in this assembly
/// must carry it: the PTX check (tests/GraphTrainer.Gpu.Tests/Ptx) compiles each marked method to PTX for sm_90, so a
/// construct the CUDA backend rejects fails in CI without a GPU, and it fails when a static method that is turned into a
/// delegate and takes ILGPU types (an index or an <c>ArrayView</c>) lacks the mark. A generic kernel is compiled for every
/// closed instantiation the assembly creates a delegate of, and for the type arguments listed here (one attribute per
/// instantiation) when it is only instantiated inside generic code.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class GpuKernelAttribute : Attribute
{
    /// <summary>Marks a kernel; <paramref name="typeArguments"/> is one instantiation of a generic kernel (empty otherwise).</summary>
    public GpuKernelAttribute(params Type[] typeArguments) => TypeArguments = typeArguments ?? Type.EmptyTypes;

    /// <summary>The type arguments of one instantiation of a generic kernel to compile (empty: none named here).</summary>
    public Type[] TypeArguments { get; }

    /// <summary>
    /// True for kernels generic over function structs (element-wise <c>IGpuUnary</c>/<c>IGpuBinary</c> ops, reducers,
    /// element maps, arg-reduction orders): the PTX check compiles them once per combination of structs implementing their
    /// interface constraints, so no instantiation needs listing.
    /// </summary>
    public bool PerFunctionStruct { get; init; }
}
