using static GraphTrainer.Notebooks.Tests.TestNotebooks;

namespace GraphTrainer.Notebooks.Tests;

public class ParameterTests
{
    private static Notebook WithParametersCell()
    {
        var notebook = Code(
            "int epochs = 10;\nfloat learningRate = 0.5f;\nstring dataDir = \"data\";\nDayOfWeek day = DayOfWeek.Monday;",
            "Console.WriteLine($\"{epochs} {learningRate} {dataDir} {day}\");");
        notebook.Cells.Insert(0, NotebookCell.Markdown("# Training"));
        notebook.Cells[1].AddTag("parameters");
        return notebook;
    }

    [Fact]
    public void Values_are_injected_after_the_parameters_cell_with_the_declared_types()
    {
        var notebook = WithParametersCell();
        var options = new NotebookRunnerOptions();
        options.Parameters["epochs"] = "3";
        options.Parameters["learningRate"] = "0.25";
        options.Parameters["dataDir"] = "/tmp/mnist";
        options.Parameters["day"] = "Friday";
        options.Parameters["extra"] = "1.5";

        var result = Run(notebook, options);

        Assert.Equal(2, result.InjectedParametersCellIndex);
        var injected = notebook.Cells[2];
        Assert.True(injected.HasTag("injected-parameters"));
        Assert.Contains("dataDir = \"/tmp/mnist\";", injected.Source);
        Assert.Contains("var extra = 1.5;", injected.Source);
        Assert.Equal("3 0.25 /tmp/mnist Friday\n", Stdout(notebook.Cells[3]));
        Assert.Equal(new int?[] { null, 1, 2, 3 }, notebook.Cells.Select(c => c.ExecutionCount));
    }

    [Fact]
    public void Without_a_parameters_cell_the_values_go_first()
    {
        var notebook = Code("Console.WriteLine(name + \" \" + count);");
        var options = new NotebookRunnerOptions();
        options.Parameters["name"] = "run-1";
        options.Parameters["count"] = "-2";
        options.Parameters["quoted"] = "\"already a literal\"";

        Run(notebook, options);

        Assert.True(notebook.Cells[0].HasTag("injected-parameters"));
        Assert.Contains("var quoted = \"already a literal\";", notebook.Cells[0].Source);
        Assert.Equal("run-1 -2\n", Stdout(notebook.Cells[1]));
    }

    [Fact]
    public void Running_an_executed_notebook_again_replaces_the_injected_cell()
    {
        var notebook = WithParametersCell();
        var options = new NotebookRunnerOptions();
        options.Parameters["epochs"] = "3";
        Run(notebook, options);
        options.Parameters["epochs"] = "4";

        Run(notebook, options);

        Assert.Single(notebook.Cells, c => c.HasTag("injected-parameters"));
        Assert.StartsWith("4 ", Stdout(notebook.Cells[3]));
    }

    [Fact]
    public void A_value_of_the_wrong_type_fails_the_injected_cell_naming_the_parameter()
    {
        var notebook = WithParametersCell();
        var options = new NotebookRunnerOptions();
        options.Parameters["epochs"] = "many";

        var ex = RunFailing(notebook, options);

        Assert.Equal(2, ex.CellNumber);
        Assert.Contains("Parameter 'epochs'", ex.Message);
    }

    [Fact]
    public void A_name_that_is_not_an_identifier_is_rejected()
    {
        var options = new NotebookRunnerOptions();
        options.Parameters["not valid"] = "1";
        Assert.Throws<ArgumentException>(() => Run(Code("1"), options));
    }
}
