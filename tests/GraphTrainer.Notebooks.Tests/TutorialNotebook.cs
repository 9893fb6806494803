using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GraphTrainer.Notebooks.Tests;

/// <summary>
/// How CI runs each notebook in notebooks/, read from notebooks/ci-settings.json (the file .ci/run's notebook check
/// reads too): the parameters that keep it short (GRAPHTRAINER_PARAM_name for the kernel, <c>-- --name value</c> for the
/// file-based app), the line that reports its accuracy, and the least accuracy that counts as "still learns" at those
/// settings for the last accuracy printed (every printed accuracy must lie in [0, 1]).
/// </summary>
internal sealed record TutorialNotebook(string Name, IReadOnlyDictionary<string, string> CiParameters, Regex Accuracy, double MinimumAccuracy)
{
    /// <summary>Every notebook, by name.</summary>
    public static readonly IReadOnlyList<TutorialNotebook> All = Load();

    /// <summary>The entry for <paramref name="name"/>.</summary>
    public static TutorialNotebook Get(string name) =>
        All.SingleOrDefault(n => n.Name == name) ?? throw new ArgumentException($"No CI settings for notebook '{name}'.", nameof(name));

    /// <summary>Names for <c>[MemberData]</c>.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var notebook in All)
            data.Add(notebook.Name);
        return data;
    }

    /// <summary>The CI parameters as file-based-app arguments: <c>--epochs 200 ...</c>.</summary>
    public IEnumerable<string> CommandLine => CiParameters.SelectMany(p => new[] { "--" + p.Key, p.Value });

    /// <summary>The accuracies <paramref name="output"/> reports (as fractions; percentages are divided by 100).</summary>
    public IReadOnlyList<double> AccuraciesIn(string output) =>
        Accuracy.Matches(output).Select(m =>
        {
            double value = double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
            return m.Groups["percent"].Success ? value / 100 : value;
        }).ToList();

    private static IReadOnlyList<TutorialNotebook> Load()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.NotebooksDirectory, "ci-settings.json")));
        return json.RootElement.EnumerateObject()
            .Where(p => p.Name != "//")
            .Select(p => new TutorialNotebook(
                p.Name,
                p.Value.GetProperty("parameters").EnumerateObject().ToDictionary(q => q.Name, q => q.Value.GetString()!),
                new Regex(p.Value.GetProperty("accuracy").GetString()!),
                p.Value.GetProperty("minimum").GetDouble()))
            .OrderBy(n => n.Name, StringComparer.Ordinal)
            .ToList();
    }
}
