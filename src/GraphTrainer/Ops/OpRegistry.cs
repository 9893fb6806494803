namespace GraphTrainer;

/// <summary>All op declarations by type. Registration is explicit (see <see cref="OpCatalog"/>), never a reflection scan.</summary>
public static class OpRegistry
{
    private static readonly Dictionary<string, OpDef> s_defs = new();

    static OpRegistry() => OpCatalog.RegisterAll();

    /// <summary>Forces the built-in op families to register (idempotent).</summary>
    public static void EnsureRegistered() { }

    /// <summary>Declares an op type; declaring one twice is a programming error.</summary>
    public static void Register(OpDef def)
    {
        lock (s_defs)
        {
            if (!s_defs.TryAdd(def.Type, def))
                throw new InvalidOperationException($"Op type '{def.Type}' is declared twice.");
        }
    }

    /// <summary>The declaration of <paramref name="type"/>.</summary>
    public static OpDef Get(string type)
    {
        lock (s_defs)
            return s_defs.TryGetValue(type, out var d) ? d
                : throw new KeyError($"Op type not registered '{type}'.");
    }

    /// <summary>Every declared op, for the completeness test and GraphDef export.</summary>
    public static IReadOnlyCollection<OpDef> All { get { lock (s_defs) return s_defs.Values.ToArray(); } }
}
