namespace GraphTrainer.Gpu.Tests.Elementwise;

/// <summary>
/// The element-wise GPU test classes build graphs through the process-wide default graph (shared across threads by
/// design), so they run alone rather than beside other classes that swap the default graph mid-build.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class ElementwiseCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Elementwise GPU kernels";
}
