namespace GraphTrainer.Cli.Data;

/// <summary>Class names from <c>--class-names</c> (a comma-separated list, or a file with one name per line) or from
/// <c>class-names.txt</c> beside the data.</summary>
public static class ClassNames
{
    /// <summary>The names, or null when neither the option nor the file beside the data gives any.</summary>
    /// <exception cref="CliException">A named file is unreadable, or a name is empty or repeated.</exception>
    public static string[] Read(string option, string dataDir)
    {
        string[] names;
        if (option != null)
            names = File.Exists(option) ? ReadFile(option) : option.Split(',', StringSplitOptions.TrimEntries);
        else
        {
            string beside = Path.Combine(dataDir, ImageDataLoader.ClassNamesFile);
            if (!File.Exists(beside))
                return null;
            names = ReadFile(beside);
        }
        if (names.Any(string.IsNullOrWhiteSpace))
            throw new CliException($"class names must not be empty: '{string.Join(",", names)}'");
        string repeated = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (repeated != null)
            throw new CliException($"class name '{repeated}' is given twice");
        return names;
    }

    // One name per line; blank lines at the end (a final newline) are not names.
    private static string[] ReadFile(string path) =>
        File.ReadAllLines(path).Select(l => l.Trim()).Reverse().SkipWhile(l => l.Length == 0).Reverse().ToArray();
}
