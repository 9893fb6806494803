namespace GraphTrainer.Cli.Parsing;

/// <summary>One option a command accepts: <c>--epochs N</c> (takes a value) or <c>--quiet</c> (a flag).</summary>
/// <param name="Name">The long name including dashes, e.g. <c>--epochs</c>; parsed values are keyed by it.</param>
/// <param name="ValueName">Placeholder shown in help (<c>N</c>, <c>DIR</c>); null for a flag.</param>
/// <param name="Help">One-line description for the help text.</param>
/// <param name="Aliases">Other spellings, e.g. <c>-o</c>.</param>
public sealed record OptionSpec(string Name, string ValueName, string Help, params string[] Aliases)
{
    /// <summary>True when the option takes no value.</summary>
    public bool IsFlag => ValueName == null;

    /// <summary>A flag: present or absent.</summary>
    public static OptionSpec Flag(string name, string help, params string[] aliases) => new(name, null, help, aliases);

    /// <summary>An option followed by a value.</summary>
    public static OptionSpec Value(string name, string valueName, string help, params string[] aliases) =>
        new(name, valueName, help, aliases);

    /// <summary>The spelling shown in help, e.g. <c>-o, --output DIR</c>.</summary>
    public string Signature =>
        string.Join(", ", Aliases.Where(IsShort).Append(Name).Concat(Aliases.Where(a => !IsShort(a)))) +
        (IsFlag ? "" : " " + ValueName);

    private static bool IsShort(string alias) => !alias.StartsWith("--", StringComparison.Ordinal);
}
