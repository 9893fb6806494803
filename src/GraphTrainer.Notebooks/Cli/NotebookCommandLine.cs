using System.Globalization;

namespace GraphTrainer.Notebooks;

/// <summary>A command-line mistake; the command prints the message and the usage and exits with 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message) : base(message)
    {
    }
}

/// <summary>The parsed arguments of <c>notebook run</c>.</summary>
internal sealed class NotebookCommandLine
{
    public string Input { get; private set; }

    public string Output { get; private set; }

    public OrderedDictionary<string, string> Parameters { get; } = new(StringComparer.Ordinal);

    public TimeSpan? Timeout { get; private set; }

    public List<string> References { get; } = new();

    /// <summary>Package sources given with <c>--source</c>.</summary>
    public List<string> Sources { get; } = new();

    public bool Help { get; private set; }

    /// <summary>Parses <c>[notebook] run FILE [options]</c>; a leading <c>notebook</c> is tolerated.</summary>
    public static NotebookCommandLine Parse(string[] args)
    {
        var line = new NotebookCommandLine();
        int i = 0;
        if (i < args.Length && args[i] == "notebook")
            i++;
        if (i < args.Length && args[i] is "-h" or "--help" or "help")
        {
            line.Help = true;
            return line;
        }
        if (i >= args.Length || args[i] != "run")
            throw new UsageException(i >= args.Length ? "Missing subcommand 'run'." : $"Unknown subcommand '{args[i]}'.");
        for (i++; i < args.Length; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "-h" or "--help":
                    line.Help = true;
                    return line;
                case "-o" or "--output":
                    line.Output = Value(args, ref i);
                    break;
                case "--set":
                    line.AddParameter(Value(args, ref i));
                    break;
                case "--timeout":
                    line.Timeout = ParseTimeout(Value(args, ref i));
                    break;
                case "-s" or "--source":
                    line.Sources.Add(Value(args, ref i));
                    break;
                case "-r" or "--reference":
                    line.References.Add(Value(args, ref i));
                    break;
                default:
                    if (arg.StartsWith('-'))
                        throw new UsageException($"Unknown option '{arg}'.");
                    if (line.Input != null)
                        throw new UsageException($"Only one notebook can be run at a time; got '{line.Input}' and '{arg}'.");
                    line.Input = arg;
                    break;
            }
        }
        if (line.Input == null)
            throw new UsageException("Missing the notebook to run.");
        return line;
    }

    /// <summary>The output path: as given, or <c>NAME.executed.ipynb</c> next to the input.</summary>
    public string OutputPath()
    {
        if (Output != null)
            return Output;
        string directory = Path.GetDirectoryName(Path.GetFullPath(Input));
        return Path.Combine(directory, Path.GetFileNameWithoutExtension(Input) + ".executed.ipynb");
    }

    private void AddParameter(string assignment)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0)
            throw new UsageException($"--set expects name=value; got '{assignment}'.");
        string name = assignment[..eq].Trim();
        if (!IsIdentifier(name))
            throw new UsageException($"--set: '{name}' is not a C# identifier.");
        Parameters[name] = assignment[(eq + 1)..];
    }

    // A C# identifier made of ASCII letters, digits and underscores (what a parameters cell declares); also a valid
    // environment variable name, which is how the value reaches the kernel.
    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static TimeSpan ParseTimeout(string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
            || !(seconds > 0) || double.IsInfinity(seconds))
        {
            throw new UsageException($"--timeout expects a positive number of seconds; got '{text}'.");
        }
        return TimeSpan.FromSeconds(seconds);
    }

    private static string Value(string[] args, ref int i)
    {
        if (i + 1 >= args.Length)
            throw new UsageException($"{args[i]} needs a value.");
        return args[++i];
    }
}
