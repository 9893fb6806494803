namespace GraphTrainer.Notebooks.Tests;

/// <summary>
/// notebooks/x.ipynb is generated from notebooks/x.cs (<see cref="PercentScript"/>), so the notebook and the file-based
/// app cannot drift apart. Set GRAPHTRAINER_UPDATE_NOTEBOOKS=1 to regenerate the notebooks instead of failing.
/// </summary>
public class NotebookSourcesTests
{
    private const string UpdateVariable = "GRAPHTRAINER_UPDATE_NOTEBOOKS";

    [Fact]
    public void Every_notebook_has_a_file_based_app_and_the_other_way_round()
    {
        Assert.NotEmpty(RepositoryFiles.AppNames());
        Assert.Equal(RepositoryFiles.AppNames(), RepositoryFiles.NotebookNames());
    }

    [Fact]
    public void Each_notebook_is_its_file_based_app_converted()
    {
        bool update = Environment.GetEnvironmentVariable(UpdateVariable) == "1";
        var stale = new List<string>();
        foreach (string name in RepositoryFiles.AppNames())
        {
            string app = Path.Combine(RepositoryFiles.NotebooksDirectory, name + ".cs");
            string notebook = Path.Combine(RepositoryFiles.NotebooksDirectory, name + ".ipynb");
            string expected = PercentScript.Load(app).ToJson();
            if (File.Exists(notebook) && File.ReadAllText(notebook) == expected)
                continue;
            if (update)
                File.WriteAllText(notebook, expected);
            else
                stale.Add(name);
        }
        Assert.True(stale.Count == 0,
            $"These notebooks differ from their file-based apps: {string.Join(", ", stale)}. Edit the .cs file, then regenerate with " +
            $"{UpdateVariable}=1 dotnet test tests/GraphTrainer.Notebooks.Tests --filter {nameof(NotebookSourcesTests)}");
    }

    [Fact]
    public void Notebooks_reference_the_packages_from_the_local_feed_and_reset_the_graph_before_building_it()
    {
        foreach (string name in RepositoryFiles.NotebookNames())
        {
            var notebook = Notebook.Load(Path.Combine(RepositoryFiles.NotebooksDirectory, name + ".ipynb"));
            var code = notebook.CodeCells.ToList();
            // As .NET Interactive users reference a library: its packages, so every dependency resolves.
            var lines = code[0].Source.Split('\n');
            Assert.Contains($"#r \"nuget: GraphTrainer, {PercentScript.PackageVersion}\"", lines);
            Assert.Contains($"#r \"nuget: GraphTrainer.Notebooks, {PercentScript.PackageVersion}\"", lines);
            // The kernel's own display must stay visible.
            Assert.DoesNotContain(code, c => c.Source.Contains("GraphTrainer.Notebooks.Display"));
            Assert.Contains(code, c => c.HasTag("parameters"));
            // The first cell that creates graph nodes must start from a fresh graph: the default one reset, or a new one.
            var firstGraphCell = code.First(c => c.Source.Contains("tf.placeholder") || c.Source.Contains("tf.Variable"));
            Assert.True(firstGraphCell.Source.Contains("reset_default_graph()") || firstGraphCell.Source.Contains("tf.Graph()"),
                $"{name}: the first graph-building cell neither resets the default graph nor makes a new one:\n{firstGraphCell.Source}");
        }
    }
}
