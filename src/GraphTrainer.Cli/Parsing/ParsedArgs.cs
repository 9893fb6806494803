using System.Globalization;

namespace GraphTrainer.Cli.Parsing;

/// <summary>
/// The result of <see cref="OptionParser.Parse"/>: option values keyed by long name, and positional arguments.
/// The typed getters validate as they convert, so every bad value is reported as a <see cref="UsageException"/>
/// that names the option and the value.
/// </summary>
public sealed class ParsedArgs
{
    private readonly IReadOnlyDictionary<string, string> _values;

    internal ParsedArgs(IReadOnlyDictionary<string, string> values, IReadOnlyList<string> positionals)
    {
        _values = values;
        Positionals = positionals;
    }

    /// <summary>Arguments that are not options, in order.</summary>
    public IReadOnlyList<string> Positionals { get; }

    /// <summary>True when <c>--help</c> or <c>-h</c> was given.</summary>
    public bool WantsHelp => Has(OptionParser.Help.Name);

    /// <summary>True when the option (flag or valued) was given.</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The option's text, or <paramref name="fallback"/> when absent.</summary>
    public string GetString(string name, string fallback = null)
    {
        if (!_values.TryGetValue(name, out string value))
            return fallback;
        if (string.IsNullOrWhiteSpace(value))
            throw new UsageException($"option {name} needs a non-empty value");
        return value;
    }

    /// <summary>The option as an integer &gt; 0, or <paramref name="fallback"/> when absent.</summary>
    public int GetPositiveInt(string name, int fallback) => GetInt(name, fallback, min: 1);

    /// <summary>The option as an integer ≥ <paramref name="min"/>, or <paramref name="fallback"/> when absent.</summary>
    public int GetInt(string name, int fallback, int min = int.MinValue)
    {
        string text = GetString(name);
        if (text == null)
            return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            throw new UsageException($"option {name} expects an integer, got '{text}'");
        if (value < min)
            throw new UsageException(min == 1
                ? $"option {name} must be positive, got {value}"
                : $"option {name} must be at least {min}, got {value}");
        return value;
    }

    /// <summary>The option as a finite number &gt; 0, or <paramref name="fallback"/> when absent.</summary>
    public double? GetPositiveDouble(string name, double? fallback = null)
    {
        string text = GetString(name);
        if (text == null)
            return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw new UsageException($"option {name} expects a number, got '{text}'");
        if (value <= 0)
            throw new UsageException($"option {name} must be positive, got {text}");
        return value;
    }

    /// <summary>The option as one of <paramref name="choices"/> (case-insensitive), or <paramref name="fallback"/> when absent.</summary>
    public string GetChoice(string name, IReadOnlyCollection<string> choices, string fallback)
    {
        string text = GetString(name);
        if (text == null)
            return fallback;
        string match = choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
        return match ?? throw new UsageException(
            $"unknown value '{text}' for {name}; expected one of: {string.Join(", ", choices)}");
    }

    /// <summary>The option as a comma-separated list of positive integers (<c>300</c> or <c>256,128</c>), or null when absent.</summary>
    public int[] GetPositiveIntList(string name)
    {
        string text = GetString(name);
        if (text == null)
            return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var result = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out result[i]))
                throw new UsageException($"option {name} expects integers separated by commas, got '{text}'");
            if (result[i] <= 0)
                throw new UsageException($"option {name} sizes must be positive, got {result[i]}");
        }
        return result;
    }
}
