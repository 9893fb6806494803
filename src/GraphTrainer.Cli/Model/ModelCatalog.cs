namespace GraphTrainer.Cli.Model;

/// <summary>
/// Every <see cref="IModelArchitecture"/> in this assembly, found by reflection so that a new model is one class.
/// <c>mlp</c> (the default) comes first, the others by name.
/// </summary>
public static class ModelCatalog
{
    /// <summary>The default <c>--model</c>.</summary>
    public const string Default = "mlp";

    private static readonly IReadOnlyList<IModelArchitecture> Architectures = typeof(IModelArchitecture).Assembly.GetTypes()
        .Where(t => typeof(IModelArchitecture).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false } && t.GetConstructor(Type.EmptyTypes) != null)
        .Select(t => (IModelArchitecture)Activator.CreateInstance(t))
        .OrderBy(a => a.Name == Default ? 0 : 1).ThenBy(a => a.Name, StringComparer.Ordinal)
        .ToList();

    /// <summary>All models.</summary>
    public static IReadOnlyList<IModelArchitecture> All => Architectures;

    /// <summary>All <c>--model</c> names.</summary>
    public static IReadOnlyList<string> Names => Architectures.Select(a => a.Name).ToList();

    /// <summary>The model named <paramref name="name"/>, or null.</summary>
    public static IModelArchitecture Find(string name) => Architectures.FirstOrDefault(a => a.Name == name);
}
