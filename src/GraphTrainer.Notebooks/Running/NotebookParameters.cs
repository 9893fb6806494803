using System.Globalization;

namespace GraphTrainer.Notebooks;

/// <summary>Helpers used by the injected-parameters cell the runner writes (see <see cref="NotebookRunner"/>).</summary>
public static class NotebookParameters
{
    /// <summary>
    /// Converts an injected value to the type of the variable it overrides, so <c>--set lr=0.5</c> can set a
    /// <c>float</c>, <c>--set epochs=3</c> a <c>double</c> and <c>--set optimizer=Adam</c> an enum.
    /// </summary>
    /// <typeparam name="T">The variable's type, inferred from <paramref name="current"/>.</typeparam>
    /// <param name="current">The variable's current value (only its type is used).</param>
    /// <param name="value">The value given on the command line, already a C# value.</param>
    /// <param name="name">The parameter name, for the error message.</param>
    /// <exception cref="ArgumentException">The value cannot be converted.</exception>
    public static T Coerce<T>(T current, object value, string name)
    {
        if (value is T same)
            return same;
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        try
        {
            if (value == null)
                return default(T) == null ? default : throw new InvalidCastException("null is not a value of a value type");
            object converted = target.IsEnum
                ? value is string s ? Enum.Parse(target, s, ignoreCase: true) : Enum.ToObject(target, value)
                : Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
            return (T)converted;
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException or ArgumentException)
        {
            throw new ArgumentException(
                $"Parameter '{name}': the value {value ?? "null"} cannot be converted to {typeof(T).Name}: {ex.Message}", name, ex);
        }
    }
}
