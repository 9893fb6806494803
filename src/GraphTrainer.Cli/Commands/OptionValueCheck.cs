using System.Globalization;
using System.Reflection;
using GraphTrainer.Cli.Parsing;
using Spectre.Console.Cli;

namespace GraphTrainer.Cli.Commands;

/// <summary>
/// Catches an option that needs a value but is followed by another option or by nothing, before Spectre.Console.Cli
/// sees the line: Spectre 0.57 takes the next option (<c>--output --quiet</c>) or an internal token
/// (<c>__default_command</c>) as the value, which once trained into a folder of that name.
/// </summary>
public static class OptionValueCheck
{
    /// <summary>Throws a <see cref="UsageException"/> for the first value option without a value.</summary>
    /// <param name="args">The whole command line.</param>
    /// <param name="settingsType">The command's settings class, or null when the command is unknown (Spectre reports that).</param>
    public static void Check(IReadOnlyList<string> args, Type settingsType)
    {
        if (settingsType == null)
            return;
        var valueOptions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in settingsType.GetProperties().Select(p => p.GetCustomAttribute<CommandOptionAttribute>()).Where(a => a?.ValueName != null && !a.ValueIsOptional))
        {
            foreach (string name in option.LongNames)
                valueOptions["--" + name] = option.ValueName;
            foreach (string name in option.ShortNames)
                valueOptions["-" + name] = option.ValueName;
        }
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--")
                return;
            if (!valueOptions.TryGetValue(args[i], out string valueName))
                continue;
            if (i + 1 >= args.Count)
                throw new UsageException($"option {args[i]} needs a value ({valueName})");
            if (LooksLikeOption(args[i + 1]))
                throw new UsageException($"option {args[i]} needs a value ({valueName}), got the option '{args[i + 1]}'; write {args[i]}={args[i + 1]} if that is the value");
            i++;
        }
    }

    // "-3" and "-0.5" are values (they must reach validation and be reported as "must be positive").
    private static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' &&
        !double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
