namespace GraphTrainer.Notebooks.Tests;

/// <summary>File-based app (percent cell format) → notebook conversion.</summary>
public class PercentScriptTests
{
    private const string App = """
        #!/usr/bin/env dotnet
        #:project ../src/GraphTrainer/GraphTrainer.csproj
        #:project ../src/Lib/
        #:package NumSharp@0.70.0
        #:property PublishAot=false
        // A comment about the app.

        // %% [markdown]
        // # Title
        //
        // Some *text*.
        // %%
        using GraphTrainer;
        using static GraphTrainer.Notebooks.Display; // file-based app only

        // %% tags=["parameters"]
        var epochs = 10;

        // %% A cell title is allowed
        print(epochs);
        // a comment stays code
        """;

    [Fact]
    public void Cells_markdown_tags_and_directives_become_a_notebook()
    {
        var notebook = PercentScript.Parse(App, "app.cs");

        Assert.Equal(new[] { CellType.Markdown, CellType.Code, CellType.Code, CellType.Code }, notebook.Cells.Select(c => c.CellType));
        Assert.Equal("# Title\n\nSome *text*.", notebook.Cells[0].Source);
        Assert.Equal(
            $"#r \"nuget: GraphTrainer, {PercentScript.PackageVersion}\"\n#r \"nuget: Lib, {PercentScript.PackageVersion}\"\n" +
            "#r \"nuget: NumSharp, 0.70.0\"\nusing GraphTrainer;",
            notebook.Cells[1].Source);
        Assert.True(notebook.Cells[2].HasTag("parameters"));
        Assert.Equal("var epochs = 10;", notebook.Cells[2].Source);
        Assert.Equal("print(epochs);\n// a comment stays code", notebook.Cells[3].Source);
        Assert.Equal(new[] { "cell-01", "cell-02", "cell-03", "cell-04" }, notebook.Cells.Select(c => c.Id));
        Assert.Equal(".net-csharp", notebook.Metadata["kernelspec"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void The_package_version_is_the_one_version_of_the_build()
    {
        // Directory.Build.props gives every project one <Version>; the notebooks must ask for exactly that.
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryFiles.Root, "Directory.Build.props"));
        string version = props.Descendants("Version").Single().Value;
        Assert.Equal(version, PercentScript.PackageVersion);
    }

    [Fact]
    public void Converting_twice_gives_the_same_json()
    {
        Assert.Equal(PercentScript.Parse(App).ToJson(), PercentScript.Parse(App.Replace("\n", "\r\n")).ToJson());
    }

    [Theory]
    [InlineData("var x = 1;\n// %%\nx", "app.cs(1): code before the first // %% cell marker.")]
    [InlineData("#:unknown thing\n// %%\nx", "app.cs(1): unknown directive #:unknown.")]
    [InlineData("// %% [markdown]\nnot a comment", "app.cs(2): a markdown cell may contain only // comment lines.")]
    [InlineData("// %% tags=[parameters]\nx", "app.cs(1): tags must be a JSON array of strings")]
    [InlineData("#:project a/a.csproj\n// %% [markdown]\n// only text", "app.cs(3): directives need a code cell to become #r lines in.")]
    public void Malformed_files_are_rejected_with_the_line(string text, string message)
    {
        var ex = Assert.Throws<FormatException>(() => PercentScript.Parse(text, "app.cs"));

        Assert.StartsWith(message, ex.Message);
    }
}
