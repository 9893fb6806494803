using System.Globalization;
using System.Text.RegularExpressions;

namespace GraphTrainer.Notebooks.Tests;

/// <summary>
/// How CI runs each notebook in notebooks/: the parameters that keep it short (the same values go to the headless
/// runner as <c>--set name=value</c> and to the file-based app as <c>-- --name value</c>), the line that reports its
/// accuracy, and the least accuracy that counts as "still learns" at those settings for the last accuracy printed
/// (every printed accuracy must lie in [0, 1]).
/// </summary>
internal sealed record TutorialNotebook(string Name, IReadOnlyDictionary<string, string> CiParameters, Regex Accuracy, double MinimumAccuracy)
{
    /// <summary>Every notebook, by name; NotebookCatalogTests checks that this lists exactly the files in notebooks/.</summary>
    public static readonly IReadOnlyList<TutorialNotebook> All = new TutorialNotebook[]
    {
        // Seed 001: 3 of the tutorial's 20 epochs over 56,000 images. The seed as printed stays at chance (its sigmoid
        // saturates; see notebooks/PORTING.md); the notebook's last run, scaled pixels and Adam(0.001), must learn.
        new("layered-adam", Params(("epochs", "3")), new(@"Accuracy on the test set: (?<value>[\d.]+) (?<percent>%)"), 0.8),
        // Seed 000: 200 of the tutorial's 1,000 steps; it prints the bare test accuracy.
        new("mlp-gradient-descent", Params(("epochs", "200")), new(@"^(?<value>0\.\d+)\s*$", RegexOptions.Multiline), 0.85),
        // Seed 002: all 1,000 steps (a few seconds); the test accuracy is the notebook's addition.
        new("single-layer", Params(("num_steps", "1000")), new(@"^Test accuracy:\s+(?<value>0\.\d+)", RegexOptions.Multiline), 0.3),
        // Seed 003: 1 of the tutorial's 10 epochs.
        new("fc-adam", Params(("epochs", "1")), new(@"test accuracy: (?<value>[\d.]+)(?<percent>%)"), 0.85),
        // The graph tour's closing softmax regression: 200 of 500 steps.
        new("graph-tour", Params(("steps", "200")), new(@"^Test accuracy: (?<value>0\.\d+)", RegexOptions.Multiline), 0.8),
    };

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

    private static IReadOnlyDictionary<string, string> Params(params (string Name, string Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);
}
