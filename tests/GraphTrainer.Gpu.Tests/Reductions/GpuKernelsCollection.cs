namespace GraphTrainer.Gpu.Tests.Reductions;

/// <summary>
/// The kernel agreement tests build graphs through the process-wide default graph (<c>g.as_default()</c>, shared across
/// threads by design), so they run in this collection, which xunit runs alone rather than beside other test classes.
/// </summary>
[CollectionDefinition("GpuKernels", DisableParallelization = true)]
public class GpuKernelsCollection { }
