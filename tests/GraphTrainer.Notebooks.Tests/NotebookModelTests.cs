using System.Text.Json.Nodes;

namespace GraphTrainer.Notebooks.Tests;

public class NotebookModelTests
{
    // As .NET Interactive / Polyglot Notebooks wrote C# notebooks: kernelspec .net-csharp, cell language metadata,
    // sources as arrays of lines (and one as a plain string, which some tools write).
    private const string DotNetInteractiveNotebook =
        """
        {
         "cells": [
          { "cell_type": "markdown", "metadata": {}, "source": ["# Title\n", "Some *text* — ünïcode"] },
          {
           "cell_type": "code", "execution_count": 1,
           "metadata": { "dotnet_interactive": { "language": "csharp" }, "polyglot_notebook": { "kernelName": "csharp" }, "tags": ["parameters"] },
           "outputs": [
            { "name": "stdout", "output_type": "stream", "text": ["hello\n", "world\n"] },
            { "name": "stderr", "output_type": "stream", "text": "warn\n" },
            { "data": { "text/html": ["<b>x</b>"], "text/plain": ["x"] }, "execution_count": 1, "metadata": {}, "output_type": "execute_result" },
            { "data": { "image/png": "iVBORw0KGgo=\n", "text/plain": ["<image>"] }, "metadata": { "image/png": { "width": 10 } }, "output_type": "display_data" },
            { "ename": "System.Exception", "evalue": "boom", "output_type": "error", "traceback": ["line 1", "line 2"] }
           ],
           "source": ["var x = 1;\n", "Console.WriteLine(x);"]
          },
          { "cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": "x + 1" },
          { "cell_type": "raw", "metadata": {}, "source": "raw text" }
         ],
         "metadata": {
          "kernelspec": { "display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp" },
          "language_info": { "file_extension": ".cs", "mimetype": "text/x-csharp", "name": "C#", "pygments_lexer": "csharp", "version": "9.0" },
          "polyglot_notebook": { "kernelInfo": { "defaultKernelName": "csharp", "items": [ { "aliases": [], "name": "csharp" } ] } }
         },
         "nbformat": 4,
         "nbformat_minor": 4
        }
        """;

    [Fact]
    public void Parse_reads_cells_sources_outputs_and_metadata()
    {
        var notebook = Notebook.Parse(DotNetInteractiveNotebook);

        Assert.Equal(4, notebook.FormatMinor);
        Assert.Equal(new[] { CellType.Markdown, CellType.Code, CellType.Code, CellType.Raw }, notebook.Cells.Select(c => c.CellType));
        Assert.Equal("# Title\nSome *text* — ünïcode", notebook.Cells[0].Source);
        var code = notebook.Cells[1];
        Assert.Equal("var x = 1;\nConsole.WriteLine(x);", code.Source);
        Assert.Equal("x + 1", notebook.Cells[2].Source);
        Assert.Equal(1, code.ExecutionCount);
        Assert.Null(notebook.Cells[2].ExecutionCount);
        Assert.True(code.HasTag("parameters"));
        Assert.Equal("csharp", code.KernelLanguage);
        Assert.Equal(".net-csharp", (string)notebook.Metadata["kernelspec"]!["name"]);
        Assert.Equal("C#", (string)notebook.Metadata["language_info"]!["name"]);

        var stdout = Assert.IsType<StreamOutput>(code.Outputs[0]);
        Assert.Equal(("stdout", "hello\nworld\n"), (stdout.Name, stdout.Text));
        Assert.Equal("warn\n", Assert.IsType<StreamOutput>(code.Outputs[1]).Text);
        var result = Assert.IsType<ExecuteResultOutput>(code.Outputs[2]);
        Assert.Equal(("<b>x</b>", "x", 1), (result.GetText("text/html"), result.GetText("text/plain"), result.ExecutionCount));
        var image = Assert.IsType<DisplayDataOutput>(code.Outputs[3]);
        Assert.Equal("iVBORw0KGgo=\n", image.GetText("image/png"));
        var error = Assert.IsType<ErrorOutput>(code.Outputs[4]);
        Assert.Equal(("System.Exception", "boom", 2), (error.EName, error.EValue, error.Traceback.Count));
    }

    [Fact]
    public void Save_then_load_round_trips_everything()
    {
        using var dir = new TempDirectory();
        var original = Notebook.Parse(DotNetInteractiveNotebook);
        original.Save(dir.File("a.ipynb"));
        var reloaded = Notebook.Load(dir.File("a.ipynb"));

        Assert.True(JsonNode.DeepEquals(original.Metadata, reloaded.Metadata));
        Assert.Equal(original.Cells.Count, reloaded.Cells.Count);
        for (int i = 0; i < original.Cells.Count; i++)
        {
            Assert.Equal(original.Cells[i].Source, reloaded.Cells[i].Source);
            Assert.Equal(original.Cells[i].ExecutionCount, reloaded.Cells[i].ExecutionCount);
            Assert.True(JsonNode.DeepEquals(original.Cells[i].Metadata, reloaded.Cells[i].Metadata));
        }
        // Saving again gives identical text: the format is canonical (sorted keys, sources as lines).
        Assert.Equal(original.ToJson(), reloaded.ToJson());
        Assert.Equal(Path.GetFullPath(dir.File("a.ipynb")), reloaded.FilePath);
    }

    [Fact]
    public void Save_writes_jupyter_layout()
    {
        var notebook = Notebook.CreateCSharp();
        notebook.Cells.Add(NotebookCell.Code("var a = 1;\nvar b = 2;"));
        var json = JsonNode.Parse(notebook.ToJson())!;

        Assert.Equal(4, (int)json["nbformat"]!);
        Assert.Equal(".net-csharp", (string)json["metadata"]!["kernelspec"]!["name"]);
        var cell = json["cells"]![0]!;
        Assert.Equal(new[] { "var a = 1;\n", "var b = 2;" }, cell["source"]!.AsArray().Select(n => (string)n!));
        Assert.NotNull((string)cell["id"]!);
        Assert.Empty(cell["outputs"]!.AsArray());
        Assert.StartsWith("{\n \"cells\": [", notebook.ToJson());
    }

    [Fact]
    public void Unknown_properties_survive_a_round_trip()
    {
        string json = """{"cells":[{"cell_type":"code","source":"1","metadata":{},"outputs":[],"execution_count":null,"custom":42}],"metadata":{},"nbformat":4,"nbformat_minor":5,"extra":{"k":"v"}}""";
        var again = JsonNode.Parse(Notebook.Parse(json).ToJson())!;
        Assert.Equal(42, (int)again["cells"]![0]!["custom"]!);
        Assert.Equal("v", (string)again["extra"]!["k"]!);
    }

    [Fact]
    public void Bad_json_reports_file_line_and_position()
    {
        using var dir = new TempDirectory();
        string path = dir.File("broken.ipynb");
        File.WriteAllText(path, "{\n \"cells\": [\n  { \"cell_type\": \"code\" \n ]\n}");

        var ex = Assert.Throws<NotebookFormatException>(() => Notebook.Load(path));

        Assert.Contains(path, ex.Message);
        Assert.Equal(4, ex.Line);
        Assert.NotNull(ex.Position);
        Assert.Contains("line 4", ex.Message);
        Assert.Equal(path, ex.SourceName);
    }

    [Theory]
    [InlineData("[1, 2]", "not a JSON object")]
    [InlineData("""{"metadata": {}}""", "no 'cells' array")]
    [InlineData("""{"cells": [], "nbformat": 3, "nbformat_minor": 0}""", "nbformat 3 is not supported")]
    [InlineData("""{"cells": [{"source": "x"}], "nbformat": 4}""", "cells[0] has no 'cell_type'")]
    [InlineData("""{"cells": [{"cell_type": "code", "source": 5}], "nbformat": 4}""", "cells[0].source")]
    [InlineData("""{"cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "weird"}]}], "nbformat": 4}""", "cells[0].outputs[0].output_type 'weird'")]
    public void Non_notebook_documents_are_rejected_with_the_reason(string json, string reason)
    {
        var ex = Assert.Throws<NotebookFormatException>(() => Notebook.Parse(json, "doc.ipynb"));
        Assert.Contains("doc.ipynb", ex.Message);
        Assert.Contains("not a Jupyter nbformat 4 notebook", ex.Message);
        Assert.Contains(reason, ex.Message);
    }
}
