using System.Globalization;
using GraphTrainer.Cli.Parsing;

namespace GraphTrainer.Cli.Commands;

/// <summary>
/// Converts option text to typed values with messages that name the option and the value. Options are declared as
/// strings in the settings classes so every bad value gets one of these messages rather than a generic conversion error.
/// </summary>
public static class OptionValues
{
    /// <summary>Null when absent; a usage error when given but blank.</summary>
    public static string Text(string option, string text)
    {
        if (text != null && string.IsNullOrWhiteSpace(text))
            throw new UsageException($"option {option} needs a non-empty value");
        return text;
    }

    /// <summary>An integer ≥ <paramref name="min"/>, or null when absent.</summary>
    public static int? Int(string option, string text, int min = int.MinValue)
    {
        if (Text(option, text) == null)
            return null;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            throw new UsageException($"option {option} expects an integer, got '{text}'");
        if (value < min)
            throw new UsageException(min == 1
                ? $"option {option} must be positive, got {value}"
                : $"option {option} must be at least {min}, got {value}");
        return value;
    }

    /// <summary>An integer &gt; 0, or null when absent.</summary>
    public static int? PositiveInt(string option, string text) => Int(option, text, min: 1);

    /// <summary>A finite number &gt; 0, or null when absent.</summary>
    public static double? PositiveDouble(string option, string text)
    {
        if (Text(option, text) == null)
            return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw new UsageException($"option {option} expects a number, got '{text}'");
        if (value <= 0)
            throw new UsageException($"option {option} must be positive, got {text}");
        return value;
    }

    /// <summary>One of <paramref name="choices"/> (case-insensitive), or null when absent.</summary>
    public static string Choice(string option, string text, IReadOnlyCollection<string> choices)
    {
        if (Text(option, text) == null)
            return null;
        string match = choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
        if (match != null)
            return match;
        string near = Suggest.Nearest(text.ToLowerInvariant(), choices);
        throw new UsageException($"unknown value '{text}' for {option}; expected one of: {string.Join(", ", choices)}" +
                                 (near != null ? $" (did you mean '{near}'?)" : ""));
    }

    /// <summary>Comma-separated positive integers (<c>300</c> or <c>256,128</c>), or null when absent.</summary>
    public static int[] PositiveIntList(string option, string text)
    {
        if (Text(option, text) == null)
            return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var result = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out result[i]))
                throw new UsageException($"option {option} expects integers separated by commas, got '{text}'");
            if (result[i] <= 0)
                throw new UsageException($"option {option} sizes must be positive, got {result[i]}");
        }
        return result;
    }
}
