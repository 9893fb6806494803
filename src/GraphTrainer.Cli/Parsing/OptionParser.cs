using System.Text;

namespace GraphTrainer.Cli.Parsing;

/// <summary>
/// Parses a command's arguments against its <see cref="OptionSpec"/> list: <c>--name value</c>, <c>--name=value</c>,
/// flags, and positional arguments. Deliberately small: every command declares its options once, and that list
/// also produces the help text, so help and parser cannot drift apart.
/// </summary>
public static class OptionParser
{
    /// <summary>The help options every command accepts.</summary>
    public static readonly OptionSpec Help = OptionSpec.Flag("--help", "Show this help.", "-h");

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <param name="command">The command's name, for messages (<c>train</c>).</param>
    /// <param name="args">The arguments after the command name.</param>
    /// <param name="specs">The options the command accepts (<see cref="Help"/> is added).</param>
    /// <param name="maxPositionals">How many positional arguments are allowed.</param>
    /// <exception cref="UsageException">An unknown option, a missing value, a repeated option or a stray argument.</exception>
    public static ParsedArgs Parse(string command, string[] args, IReadOnlyList<OptionSpec> specs, int maxPositionals = 0)
    {
        ArgumentNullException.ThrowIfNull(args);
        var byName = new Dictionary<string, OptionSpec>(StringComparer.Ordinal);
        foreach (var spec in specs.Append(Help))
            foreach (string name in spec.Aliases.Append(spec.Name))
                byName.Add(name, spec);

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var positionals = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg == "--")
            {
                positionals.AddRange(args.Skip(i + 1));
                break;
            }
            if (!arg.StartsWith('-') || arg.Length == 1 || IsNumber(arg))
            {
                positionals.Add(arg);
                continue;
            }

            string name = arg, inlineValue = null;
            int eq = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                name = arg[..eq];
                inlineValue = arg[(eq + 1)..];
            }
            if (!byName.TryGetValue(name, out var spec))
                throw new UsageException($"unknown option '{name}' for '{command}'{Suggestion(name, byName.Keys)}");
            if (values.ContainsKey(spec.Name))
                throw new UsageException($"option {spec.Name} is given more than once");

            if (spec.IsFlag)
            {
                if (inlineValue != null)
                    throw new UsageException($"option {spec.Name} takes no value");
                values[spec.Name] = null;
            }
            else if (inlineValue != null)
                values[spec.Name] = inlineValue;
            else if (i + 1 < args.Length)
                values[spec.Name] = args[++i];
            else
                throw new UsageException($"option {spec.Name} needs a value ({spec.ValueName})");
        }

        if (!values.ContainsKey(Help.Name) && positionals.Count > maxPositionals)
            throw new UsageException(maxPositionals == 0
                ? $"'{command}' takes no arguments, got '{positionals[0]}'"
                : $"unexpected argument '{positionals[maxPositionals]}' for '{command}'");
        return new ParsedArgs(values, positionals);
    }

    /// <summary>The options section of a help text, one aligned line per option.</summary>
    public static string FormatOptions(IReadOnlyList<OptionSpec> specs)
    {
        var all = specs.Append(Help).ToList();
        int width = all.Max(s => s.Signature.Length) + 2;
        var text = new StringBuilder();
        foreach (var spec in all)
            text.Append("  ").Append(spec.Signature.PadRight(width)).AppendLine(spec.Help);
        return text.ToString();
    }

    // A negative number is a value ("--epochs -3" must reach validation and be reported as "must be positive").
    private static bool IsNumber(string arg) => double.TryParse(arg, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static string Suggestion(string name, IEnumerable<string> known)
    {
        string best = known.Where(k => k.StartsWith("--", StringComparison.Ordinal))
            .OrderBy(k => Distance(name, k)).FirstOrDefault();
        return best != null && Distance(name, best) <= 2 ? $" (did you mean {best}?)" : "";
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
