namespace GraphTrainer.Notebooks.Tests;

public class NotebookErrorsTests
{
    [Fact]
    public void Errors_are_numbered_among_code_cells_with_the_first_line_of_the_message()
    {
        var notebook = Notebook.CreateCSharp();
        notebook.Cells.Add(NotebookCell.Markdown("# title"));
        notebook.Cells.Add(NotebookCell.Code("ok"));
        var failing = NotebookCell.Code("throw");
        // .NET Interactive writes the stack trace into evalue after the message.
        failing.Outputs.Add(new ErrorOutput("System.InvalidOperationException", "no session\r\n   at Submission#3.<Initialize>", new[] { "trace" }));
        notebook.Cells.Add(failing);

        var error = Assert.Single(NotebookErrors.All(notebook));

        Assert.Equal(new NotebookError(2, 2, "System.InvalidOperationException", "no session"), error);
        Assert.Equal("Cell 2 (index 2) failed: System.InvalidOperationException: no session", error.ToString());
        Assert.Null(NotebookErrors.First(TestNotebooks.Code("1")));

        // The kernel's own shape: ename "Error", the exception type at the start of evalue.
        var kernelStyle = TestNotebooks.Code("throw");
        kernelStyle.Cells[0].Outputs.Add(new ErrorOutput("Error", "System.ArgumentException: bad input\n   at Submission#2", new string[0]));
        Assert.Equal("Cell 1 (index 0) failed: System.ArgumentException: bad input", NotebookErrors.First(kernelStyle).ToString());
    }
}
