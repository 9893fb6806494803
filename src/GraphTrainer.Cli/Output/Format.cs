using System.Globalization;

namespace GraphTrainer.Cli;

/// <summary>Number formatting shared by every output, culture-invariant so logs and tests read the same everywhere.</summary>
public static class Format
{
    /// <summary>Formats an interpolated string with the invariant culture.</summary>
    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A 0..1 fraction as a percentage with two decimals: <c>97.12%</c>.</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("F2", CultureInfo.InvariantCulture) + "%";

    /// <summary>A duration in seconds: <c>12.3 s</c>.</summary>
    public static string Seconds(double seconds) => seconds.ToString("F1", CultureInfo.InvariantCulture) + " s";
}
