namespace GraphTrainer.Tests.Cli;

/// <summary>
/// <c>graphtrainer notebook run</c> executes a notebook in the .NET Interactive kernel, where cells reference the engine
/// as a package. Needs Jupyter, the kernel and the packed feed (artifacts/packages), which .ci/run provides before the
/// tests and signals with GRAPHTRAINER_KERNEL_TESTS=1; elsewhere the test returns at once.
/// </summary>
[Collection("DefaultGraph")]
public class CliNotebookTests
{
    private static string NotebookJson(string version) =>
        $$"""
        {
         "cells": [
          {
           "cell_type": "code",
           "execution_count": null,
           "metadata": {},
           "outputs": [],
           "source": [
            "#r \"nuget: GraphTrainer, {{version}}\"\n",
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
        if (Environment.GetEnvironmentVariable("GRAPHTRAINER_KERNEL_TESTS") != "1")
            return;
        string version = typeof(tf).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion.Split('+')[0];
        // Inside the repository: the kernel is its local tool, and `notebook run` finds its feed artifacts/packages.
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "GraphTrainer.sln")))
            root = Path.GetDirectoryName(root)!;
        string dir = Directory.CreateDirectory(Path.Combine(root, "data", "runs", "notebook-tests", Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            string input = Path.Combine(dir, "engine.ipynb"), output = Path.Combine(dir, "out.ipynb");
            File.WriteAllText(input, NotebookJson(version));
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
