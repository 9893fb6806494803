namespace GraphTrainer.IO;

/// <summary>
/// A checkpoint file failed validation. <see cref="Part"/> says where: "header", "index",
/// or the name of the variable whose data is bad (then <see cref="VariableName"/> is set too).
/// </summary>
public sealed class CheckpointCorruptException : IOException
{
    /// <summary>Part name used for the fixed-size header.</summary>
    public const string HeaderPart = "header";

    /// <summary>Part name used for the entry index.</summary>
    public const string IndexPart = "index";

    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The checkpoint file.</param>
    /// <param name="part">"header", "index", or a variable name.</param>
    /// <param name="isVariable">True when <paramref name="part"/> is a variable name.</param>
    /// <param name="detail">What is wrong.</param>
    public CheckpointCorruptException(string filePath, string part, bool isVariable, string detail)
        : base(isVariable
            ? $"Checkpoint {filePath} is corrupt: data of variable '{part}': {detail}"
            : $"Checkpoint {filePath} is corrupt: {part}: {detail}")
    {
        FilePath = filePath;
        Part = part;
        VariableName = isVariable ? part : null;
    }

    /// <summary>Path of the checkpoint file.</summary>
    public string FilePath { get; }

    /// <summary>"header", "index", or the name of the bad variable.</summary>
    public string Part { get; }

    /// <summary>Name of the variable whose data is bad; null for header or index damage.</summary>
    public string VariableName { get; }
}
