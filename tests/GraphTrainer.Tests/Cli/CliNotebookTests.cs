namespace GraphTrainer.Tests.Cli;

/// <summary>
/// <c>graphtrainer notebook run</c> runs cells with the engine assembly referenced. The runner captures cell output
/// by swapping Console.Out, as the CLI's MNIST loading does; the collection keeps the two from overlapping.
/// </summary>
[Collection("DefaultGraph")]
public class CliNotebookTests
{
    private const string NotebookJson =
        """
        {
         "cells": [
          {
           "cell_type": "code",
           "execution_count": null,
           "metadata": {},
           "outputs": [],
           "source": [
            "var g = new GraphTrainer.Graph();\n",
            "Console.WriteLine(\"ops: \" + g.get_operations().Length);"
           ]
          }
         ],
         "metadata": {},
         "nbformat": 4,
         "nbformat_minor": 4
        }
        """;

    [Fact]
    public void A_notebook_cell_can_use_the_engine()
    {
        string dir = Directory.CreateTempSubdirectory("gt-cli-nb-").FullName;
        try
        {
            string input = Path.Combine(dir, "engine.ipynb"), output = Path.Combine(dir, "out.ipynb");
            File.WriteAllText(input, NotebookJson);
            var r = CliRunner.Run("notebook", "run", input, "--output", output);
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Contains("ops: 0", File.ReadAllText(output));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
