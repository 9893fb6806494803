using System.Dynamic;
using System.Globalization;

namespace GraphTrainer;

/// <summary>
/// TensorFlow's <c>tf.app.flags.FLAGS</c>: flags defined with DEFINE_* and read as members (<c>FLAGS.batch_size</c>,
/// through <c>dynamic</c>) or by name (<c>FLAGS["batch_size"]</c>). The command line is parsed by <c>tf.app.run</c>,
/// or on the first read before that (as TensorFlow ≤ 1.4 did), from the process's arguments.
/// </summary>
public sealed class FlagValues : DynamicObject
{
    private sealed class Flag
    {
        public required string Name { get; init; }
        public required Type Type { get; init; }
        public object Value { get; set; }
        public string Help { get; init; }
    }

    private readonly Dictionary<string, Flag> _flags = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private bool _parsed;

    /// <summary>Defines (or, when re-run in a notebook with the same type, redefines) a flag.</summary>
    internal void Define(string name, object defaultValue, Type type, string help)
    {
        if (string.IsNullOrEmpty(name)) throw new ValueError("Flag name must not be empty.");
        lock (_gate)
        {
            if (_flags.TryGetValue(name, out var existing) && existing.Type != type)
                throw new ValueError($"The flag '{name}' is defined twice.");
            _flags[name] = new Flag { Name = name, Type = type, Value = defaultValue, Help = help };
        }
    }

    /// <summary>The value of flag <paramref name="name"/>.</summary>
    public object this[string name]
    {
        get
        {
            EnsureParsed();
            lock (_gate)
                return _flags.TryGetValue(name, out var f) ? f.Value : throw new AttributeError(name);
        }
        set
        {
            lock (_gate)
            {
                if (!_flags.TryGetValue(name, out var f)) throw new AttributeError(name);
                f.Value = Convert.ChangeType(value, f.Type, CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>Whether the command line has been parsed into the flags.</summary>
    public bool is_parsed() => _parsed;

    /// <inheritdoc/>
    public override bool TryGetMember(GetMemberBinder binder, out object result)
    {
        result = this[binder.Name];
        return true;
    }

    /// <inheritdoc/>
    public override bool TrySetMember(SetMemberBinder binder, object value)
    {
        this[binder.Name] = value;
        return true;
    }

    /// <inheritdoc/>
    public override IEnumerable<string> GetDynamicMemberNames()
    {
        lock (_gate) return _flags.Keys.ToArray();
    }

    private void EnsureParsed()
    {
        // TensorFlow ≤ 1.4 parsed sys.argv on first access, ignoring arguments it did not know.
        if (!_parsed) Parse(Environment.GetCommandLineArgs(), ignoreUnknown: true);
    }

    /// <summary>
    /// Parses <c>--name=value</c>, <c>--name value</c>, <c>--flag</c>/<c>--noflag</c> for booleans (single dashes work
    /// too) until <c>--</c>; returns argv[0] followed by the arguments that are not flags, as absl does.
    /// </summary>
    /// <exception cref="FlagsError">An unknown flag, a missing value or a value of the wrong type.</exception>
    /// <param name="argv">The command line, program name first.</param>
    public string[] Parse(string[] argv) => Parse(argv, ignoreUnknown: false);

    private string[] Parse(string[] argv, bool ignoreUnknown)
    {
        ArgumentNullException.ThrowIfNull(argv);
        var rest = new List<string>();
        if (argv.Length > 0) rest.Add(argv[0]);
        lock (_gate)
        {
            for (int i = 1; i < argv.Length; i++)
            {
                string arg = argv[i];
                if (arg == "--") { rest.AddRange(argv.Skip(i + 1)); break; }
                if (!arg.StartsWith('-') || arg == "-") { rest.Add(arg); continue; }
                string body = arg.TrimStart('-');
                int eq = body.IndexOf('=');
                string name = eq >= 0 ? body[..eq] : body;
                string value = eq >= 0 ? body[(eq + 1)..] : null;
                if (!_flags.TryGetValue(name, out var flag))
                {
                    // --noflag sets a boolean flag to false.
                    if (value == null && name.StartsWith("no", StringComparison.Ordinal) && _flags.TryGetValue(name[2..], out var negated) && negated.Type == typeof(bool))
                    {
                        negated.Value = false;
                        continue;
                    }
                    if (ignoreUnknown) { rest.Add(arg); continue; }
                    throw new FlagsError($"Unknown command line flag '{name}'");
                }
                if (flag.Type == typeof(bool) && value == null) { flag.Value = true; continue; }
                if (value == null)
                {
                    if (i + 1 >= argv.Length) throw new FlagsError($"Flag --{name} must have a value other than None.");
                    value = argv[++i];
                }
                flag.Value = ParseValue(flag, value);
            }
            _parsed = true;
        }
        return rest.ToArray();
    }

    private static object ParseValue(Flag flag, string text)
    {
        if (flag.Type == typeof(string)) return text;
        if (flag.Type == typeof(int) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i)) return i;
        if (flag.Type == typeof(double) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return d;
        if (flag.Type == typeof(bool))
        {
            switch (text.ToLowerInvariant())
            {
                case "true" or "t" or "1": return true;
                case "false" or "f" or "0": return false;
            }
            throw new FlagsError($"flag --{flag.Name}={text}: Non-boolean argument to boolean flag");
        }
        string what = flag.Type == typeof(int) ? "invalid literal for int() with base 10" : "could not convert string to float";
        throw new FlagsError($"flag --{flag.Name}={text}: {what}: '{text}'");
    }

    /// <summary>Help text: each flag with its help and current value.</summary>
    public string help_text()
    {
        lock (_gate)
            return string.Join("\n", _flags.Values.OrderBy(f => f.Name, StringComparer.Ordinal)
                .Select(f => $"  --{f.Name}: {f.Help}\n    (default: '{f.Value}')"));
    }
}

/// <summary>A command line that does not fit the defined flags (absl's flags.Error).</summary>
public sealed class FlagsError : Exception
{
    /// <summary>Creates the error.</summary>
    public FlagsError(string message) : base(message) { }
}

/// <summary>Python's AttributeError: reading a flag that was never defined.</summary>
public sealed class AttributeError : Exception
{
    /// <summary>Creates the error.</summary>
    public AttributeError(string name) : base(name) { }
}
