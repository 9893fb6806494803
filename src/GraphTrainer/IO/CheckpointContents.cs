namespace GraphTrainer.IO;

/// <summary>The validated entries of a checkpoint file, in file order and by name.</summary>
public sealed class CheckpointContents
{
    private readonly Dictionary<string, CheckpointEntry> _byName;

    internal CheckpointContents(string filePath, IReadOnlyList<CheckpointEntry> entries)
    {
        FilePath = filePath;
        Entries = entries;
        _byName = entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
    }

    /// <summary>Path of the file that was read.</summary>
    public string FilePath { get; }

    /// <summary>Entries in the order they were written.</summary>
    public IReadOnlyList<CheckpointEntry> Entries { get; }

    /// <summary>Entry names in file order.</summary>
    public IEnumerable<string> Names => Entries.Select(e => e.Name);

    /// <summary>The entry called <paramref name="name"/>.</summary>
    /// <param name="name">Variable name.</param>
    /// <exception cref="KeyNotFoundException">No such entry; the message lists what the file has.</exception>
    public CheckpointEntry this[string name] =>
        _byName.TryGetValue(name, out CheckpointEntry e)
            ? e
            : throw new KeyNotFoundException(
                $"Key {name} not found in checkpoint {FilePath}. It holds: {string.Join(", ", _byName.Keys)}.");

    /// <summary>Looks up an entry by name.</summary>
    /// <param name="name">Variable name.</param>
    /// <param name="entry">The entry, or null.</param>
    /// <returns>True when found.</returns>
    public bool TryGet(string name, out CheckpointEntry entry) => _byName.TryGetValue(name, out entry);

    /// <summary>True when an entry called <paramref name="name"/> exists.</summary>
    /// <param name="name">Variable name.</param>
    /// <returns>Whether it exists.</returns>
    public bool Contains(string name) => _byName.ContainsKey(name);
}
