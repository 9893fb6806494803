namespace GraphTrainer.Runtime;

/// <summary>
/// What a kernel factory may know about its node: name, type, attrs and input/output dtypes and static
/// shapes — a plain description, so kernels never see Graph or Operation.
/// </summary>
public sealed class NodeInfo
{
    /// <summary>Full node name.</summary>
    public required string Name { get; init; }
    /// <summary>Op type.</summary>
    public required string Type { get; init; }
    /// <summary>Attributes by TensorFlow attr name.</summary>
    public required IReadOnlyDictionary<string, object> Attrs { get; init; }
    /// <summary>Input dtypes.</summary>
    public required DType[] InputDTypes { get; init; }
    /// <summary>Output dtypes.</summary>
    public required DType[] OutputDTypes { get; init; }
    /// <summary>Names of the nodes producing each input (for variable references in Assign/Apply*).</summary>
    public required string[] InputNodeNames { get; init; }

    /// <summary>Typed attr with a default.</summary>
    public T Attr<T>(string name, T fallback = default) => Attrs.TryGetValue(name, out var v) && v is T t ? t : fallback;

    internal static NodeInfo From(Operation op) => new()
    {
        Name = op.Name,
        Type = op.Type,
        Attrs = op.Attrs,
        InputDTypes = op.Inputs.Select(i => i.dtype).ToArray(),
        OutputDTypes = op.Outputs.Select(o => o.dtype).ToArray(),
        InputNodeNames = op.Inputs.Select(i => i.op.Name).ToArray(),
    };
}
