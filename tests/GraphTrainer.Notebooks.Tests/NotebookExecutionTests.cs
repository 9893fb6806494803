using System.Diagnostics;
using Xunit.Abstractions;

namespace GraphTrainer.Notebooks.Tests;

/// <summary>
/// CI runs every notebook in notebooks/ through the headless runner, on real MNIST (data/MNIST_data, which .ci/run
/// seeds) with the reduced parameters of <see cref="TutorialNotebook"/>, cells on thread-pool threads as in a
/// kernel. The executed notebooks are written to data/runs/notebooks/NAME.executed.ipynb.
/// </summary>
public class NotebookExecutionTests
{
    private readonly ITestOutputHelper _log;

    public NotebookExecutionTests(ITestOutputHelper log) => _log = log;

    [Theory]
    [MemberData(nameof(TutorialNotebook.Names), MemberType = typeof(TutorialNotebook))]
    public async Task Notebook_runs_headless_prints_its_accuracy_and_shows_a_png(string name)
    {
        var settings = TutorialNotebook.Get(name);
        var notebook = Notebook.Load(Path.Combine(RepositoryFiles.NotebooksDirectory, name + ".ipynb"));
        RepositoryFiles.EnsureReferencesBuilt(notebook);
        var options = new NotebookRunnerOptions { CellTimeout = TimeSpan.FromMinutes(5), Threading = CellThreading.ThreadPool };
        foreach (var (key, value) in settings.CiParameters)
            options.Parameters[key] = value;
        options.Progress = p => { if (p.Phase != CellPhase.Started) _log.WriteLine($"cell {p.CellNumber}/{p.CodeCellCount} {p.Phase} {p.Elapsed.TotalSeconds:0.00} s"); };

        string executed = Path.Combine(RepositoryFiles.ExecutedDirectory, name + ".executed.ipynb");
        var clock = Stopwatch.StartNew();
        try
        {
            await new NotebookRunner(options).RunAsync(notebook);
        }
        catch (NotebookCellException ex)
        {
            notebook.Save(executed);
            Assert.Fail($"{name}: {ex.Message}\n(executed notebook with the error: {executed})");
        }
        notebook.Save(executed);
        _log.WriteLine($"{name}: {clock.Elapsed.TotalSeconds:0.0} s, written to {executed}");

        string stdout = string.Concat(notebook.CodeCells.SelectMany(c => c.Outputs).OfType<StreamOutput>()
            .Where(s => s.Name == "stdout").Select(s => s.Text));
        var accuracies = settings.AccuraciesIn(stdout);
        Assert.True(accuracies.Count > 0, $"{name} printed no accuracy matching {settings.Accuracy}. Output:\n{stdout}");
        Assert.All(accuracies, a => Assert.InRange(a, 0.0, 1.0));
        Assert.InRange(accuracies[^1], settings.MinimumAccuracy, 1.0);
        var pngs = notebook.CodeCells.SelectMany(c => c.Outputs).OfType<DisplayDataOutput>()
            .Where(o => o.Data.ContainsKey(DisplayOutput.PngMime)).ToList();
        Assert.NotEmpty(pngs);
        Assert.DoesNotContain(notebook.CodeCells.SelectMany(c => c.Outputs), o => o is ErrorOutput);
    }
}
