using System.Globalization;

namespace GraphTrainer.Notebooks;

/// <summary>
/// How a notebook's parameters are overridden without editing it. The cell after a notebook's <c>parameters</c> cell
/// passes each parameter through <see cref="Get{T}(string, T)"/>, which takes, in order: <c>--name VALUE</c> on the
/// command line (the same code run as a file-based app: <c>dotnet run notebooks/x.cs -- --epochs 2</c>), then the
/// environment variable <c>GRAPHTRAINER_PARAM_name</c> (a notebook executed by Jupyter, where nothing can be injected:
/// <c>GRAPHTRAINER_PARAM_epochs=1 jupyter nbconvert --execute ...</c>; <c>graphtrainer notebook run --set</c> sets
/// these), else the value of the parameters cell.
/// </summary>
public static class NotebookParameters
{
    /// <summary>Prefix of the environment variables read by <see cref="Get{T}(string, T)"/>; the parameter name follows as written.</summary>
    public const string EnvironmentPrefix = "GRAPHTRAINER_PARAM_";

    /// <summary>
    /// The parameter's value: <c>--name VALUE</c> (or <c>--name=VALUE</c>) on this process's command line, else the
    /// environment variable <c>GRAPHTRAINER_PARAM_name</c>, converted to the type of <paramref name="current"/>;
    /// <paramref name="current"/> itself when neither is set.
    /// </summary>
    /// <typeparam name="T">The parameter's type (numbers, bool, string, enums).</typeparam>
    /// <param name="name">The parameter name, normally <c>nameof(variable)</c>.</param>
    /// <param name="current">The parameter's value so far.</param>
    /// <exception cref="ArgumentException">The option has no value, or a value that cannot be converted.</exception>
    public static T Get<T>(string name, T current) =>
        Get(Environment.GetCommandLineArgs().Skip(1).ToArray(), Environment.GetEnvironmentVariable, name, current);

    /// <summary>As <see cref="Get{T}(string, T)"/>, reading <paramref name="args"/> and <paramref name="environment"/> instead of the process's.</summary>
    /// <typeparam name="T">The parameter's type.</typeparam>
    /// <param name="args">Command-line arguments (without the program path).</param>
    /// <param name="environment">Looks up an environment variable; null when it is not set.</param>
    /// <param name="name">The parameter name.</param>
    /// <param name="current">The parameter's value so far.</param>
    /// <exception cref="ArgumentException">The option has no value, or a value that cannot be converted.</exception>
    public static T Get<T>(IReadOnlyList<string> args, Func<string, string> environment, string name, T current)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string value = OptionValue(args, name) ?? environment(EnvironmentPrefix + name);
        return value == null ? current : Coerce(current, value, name);
    }

    /// <summary>The value of <c>--name VALUE</c> or <c>--name=VALUE</c> in <paramref name="args"/> (the last one wins), converted to the type of <paramref name="current"/>; <paramref name="current"/> when absent.</summary>
    /// <typeparam name="T">The parameter's type.</typeparam>
    /// <param name="args">Command-line arguments (without the program path).</param>
    /// <param name="name">The option name without dashes.</param>
    /// <param name="current">The parameter's value so far.</param>
    /// <exception cref="ArgumentException">The option has no value, or a value that cannot be converted.</exception>
    public static T FromCommandLine<T>(IReadOnlyList<string> args, string name, T current)
    {
        string value = OptionValue(args, name);
        return value == null ? current : Coerce(current, value, name);
    }

    private static string OptionValue(IReadOnlyList<string> args, string name)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentException.ThrowIfNullOrEmpty(name);
        string option = "--" + name;
        string value = null;
        // The last occurrence wins, as with most command-line parsers.
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == option)
            {
                value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"Option {option} needs a value.", name);
            }
            else if (args[i].StartsWith(option + "=", StringComparison.Ordinal))
            {
                value = args[i][(option.Length + 1)..];
            }
        }
        return value;
    }

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
