using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using GraphTrainer.Cli.Commands;
using GraphTrainer.Cli.Parsing;
using Spectre.Console.Cli;

namespace GraphTrainer.Cli;

/// <summary>
/// Turns every exception that escapes a command into one <c>error: ...</c> line and an exit code, the same for all
/// commands: command-line mistakes exit <see cref="ExitCodes.Usage"/> (with a suggestion when a name is close to a
/// known one), problems with files, data or training exit <see cref="ExitCodes.Failure"/>, and bugs exit
/// <see cref="ExitCodes.InternalError"/> with the path of a file holding the full trace.
/// </summary>
public static class ErrorReport
{
    private static readonly Regex UnknownCommand = new(@"^Unknown command '([^']*)'", RegexOptions.CultureInvariant);
    private static readonly Regex UnknownOption = new(@"^Unknown option '([^']*)'", RegexOptions.CultureInvariant);
    private static readonly Regex MissingValue = new(@"^Option '([^']*)' is defined but no value has been provided", RegexOptions.CultureInvariant);

    /// <summary>Writes the error line for <paramref name="ex"/> and returns the exit code.</summary>
    /// <param name="ex">The exception.</param>
    /// <param name="args">The command line, for naming the command and the option as the user spelled it.</param>
    /// <param name="context">Where to write.</param>
    public static int Write(Exception ex, IReadOnlyList<string> args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(ex);
        ArgumentNullException.ThrowIfNull(context);
        var (code, message) = Describe(ex, args ?? Array.Empty<string>());
        context.Error.WriteLine($"error: {message}");
        context.Error.Flush();
        return code;
    }

    /// <summary>The exit code and the message (without the <c>error: </c> prefix) for <paramref name="ex"/>.</summary>
    public static (int Code, string Message) Describe(Exception ex, IReadOnlyList<string> args)
    {
        switch (ex)
        {
            case UsageException usage:
                return (ExitCodes.Usage, usage.Message);
            case CommandAppException spectre:
                return (ExitCodes.Usage, DescribeParseError(spectre.Message, args));
            case OutOfMemoryException:
                return (ExitCodes.Failure, "out of memory: the model or batch does not fit; try a smaller --batch-size or --hidden");
            case var _ when UserErrors.IsUserError(ex):
                return (ExitCodes.Failure, UserErrors.Describe(ex));
            default:
                string trace = WriteTrace(ex);
                string first = FirstLine(ex.Message);
                return (ExitCodes.InternalError, trace == null
                    ? $"internal error ({ex.GetType().Name}: {first}); the trace could not be written"
                    : $"internal error ({ex.GetType().Name}: {first}); full trace written to {trace}");
        }
    }

    private static string DescribeParseError(string message, IReadOnlyList<string> args)
    {
        string command = args.FirstOrDefault(a => CliApp.CommandNames.Contains(a));
        var match = UnknownCommand.Match(message);
        if (match.Success)
        {
            string name = match.Groups[1].Value;
            if (args.Count > 0 && args[0] == "notebook" && name != "notebook")
            {
                string sub = Suggest.Nearest(name, CliApp.NotebookCommandNames);
                return $"unknown command 'notebook {name}'; expected: {string.Join(", ", CliApp.NotebookCommandNames.Select(n => "notebook " + n))}" +
                       (sub != null ? $" (did you mean 'notebook {sub}'?)" : "");
            }
            if (command != null && name != command)
                return $"unexpected argument '{name}' for '{command}'; '{command}' takes options only (see graphtrainer {command} --help)";
            string near = Suggest.Nearest(name, CliApp.CommandNames);
            return $"unknown command '{name}'; expected one of: {string.Join(", ", CliApp.CommandNames)}" +
                   (near != null ? $" (did you mean '{near}'?)" : "");
        }
        match = UnknownOption.Match(message);
        if (match.Success)
        {
            string spelled = Spelled(match.Groups[1].Value, args);
            var known = OptionNames(command);
            string near = Suggest.Nearest(spelled, known);
            return $"unknown option '{spelled}'" + (command != null ? $" for '{command}'" : "") +
                   (near != null ? $" (did you mean {near}?)" : "");
        }
        match = MissingValue.Match(message);
        if (match.Success)
            return $"option {Spelled(match.Groups[1].Value, args)} needs a value";
        return Uncapitalize(FirstLine(message).TrimEnd('.'));
    }

    // Spectre names options without dashes; give them back as the user typed them.
    private static string Spelled(string name, IReadOnlyList<string> args)
    {
        foreach (string candidate in new[] { "--" + name, "-" + name })
            if (args.Any(a => a == candidate || a.StartsWith(candidate + "=", StringComparison.Ordinal)))
                return candidate;
        return name.Length == 1 ? "-" + name : "--" + name;
    }

    /// <summary>The long option names (with dashes) of a command, read from its settings class.</summary>
    public static IReadOnlyList<string> OptionNames(string command)
    {
        Type settings = command == null ? null : CliApp.SettingsType(new[] { command });
        if (settings == null)
            return new[] { "--help", "--version" };
        return settings.GetProperties()
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .Where(a => a != null)
            .SelectMany(a => a.LongNames.Select(n => "--" + n))
            .Append("--help")
            .ToList();
    }

    private static string WriteTrace(Exception ex)
    {
        try
        {
            string path = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture,
                $"graphtrainer-error-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.txt"));
            File.WriteAllText(path, $"graphtrainer {CliApp.Version}\n{Environment.CommandLine}\n\n{ex}\n");
            return path;
        }
        catch (Exception write) when (write is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string FirstLine(string text) => (text ?? "").Split('\n')[0].TrimEnd('\r');

    private static string Uncapitalize(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}

/// <summary>"Did you mean" for mistyped names: the nearest known name by edit distance, if it is close.</summary>
public static class Suggest
{
    /// <summary>The known name nearest to <paramref name="name"/>, or null when none is within a third of its length (at least 2 edits).</summary>
    public static string Nearest(string name, IEnumerable<string> known)
    {
        int limit = Math.Max(2, name.Length / 3);
        return known.Select(k => (Name: k, Distance: Distance(name, k)))
            .Where(k => k.Distance <= limit)
            .OrderBy(k => k.Distance).Select(k => k.Name).FirstOrDefault();
    }

    /// <summary>Levenshtein distance.</summary>
    public static int Distance(string a, string b)
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
