using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using GraphTrainer.Tutorials;

namespace GraphTrainer.Tests.Tutorials;

/// <summary>
/// The tutorial program compiles notebooks/*.cs (one source for app, notebook and program): every app is a tutorial,
/// its command line takes exactly the app's parameters, and a compiled tutorial trains as its app does.
/// </summary>
public class TutorialCatalogTests
{
    private static (int Code, string Out, string Err) RunCatalog(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        return (TutorialCatalog.Main(args, stdout, stderr), stdout.ToString(), stderr.ToString());
    }

    private static string NotebooksDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GraphTrainer.sln")))
                return Path.Combine(dir.FullName, "notebooks");
        }
        throw new InvalidOperationException("No GraphTrainer.sln above the test assembly.");
    }

    [Fact]
    public void Every_file_based_app_in_notebooks_is_a_tutorial_with_the_parameters_it_reads()
    {
        var apps = Directory.GetFiles(NotebooksDirectory(), "*.cs").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(apps, TutorialCatalog.All.Select(a => a.Name));
        Assert.Equal(new[] { "epochs", "batch_size", "learning_rate" }, TutorialCatalog.All.Single(a => a.Name == "fc-adam").Parameters);
        Assert.Equal(new[] { "num_steps" }, TutorialCatalog.All.Single(a => a.Name == "single-layer").Parameters);
    }

    [Fact]
    public void Help_lists_every_tutorial_with_its_parameters()
    {
        var (code, output, _) = RunCatalog("--help");
        Assert.Equal(0, code);
        foreach (var entry in TutorialCatalog.All) Assert.Contains(entry.Name, output);
        Assert.Contains("layered-adam           [--epochs]", output);
    }

    [Theory]
    [InlineData("no-such-tutorial")]
    [InlineData("layered-adam", "--fast")]
    [InlineData("layered-adam", "--num_steps", "3")]
    [InlineData("layered-adam", "--epochs")]
    [InlineData("single-layer", "300")]
    public void Bad_arguments_exit_with_usage_code_2(params string[] args)
    {
        var (code, _, error) = RunCatalog(args);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error);
    }

    [Fact]
    public void A_compiled_tutorial_runs_its_app_code_with_the_parameters_given()
    {
        // In its own process: the app prints to the console and reads --num_steps from the process's command line.
        string program = typeof(TutorialCatalog).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(NotebooksDirectory())! };
        foreach (string arg in new[] { program, "single-layer", "--num_steps", "500" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "the tutorial did not finish in 3 minutes");
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}:\n{output}\n{stderr.Result}");

        // single-layer prints its cost at every step (as the seed does): 500 lines for --num_steps 500 instead of 1,000.
        Assert.Equal(500, Regex.Matches(output, @"^Cost: ", RegexOptions.Multiline).Count);
        var accuracy = Regex.Match(output, @"^Test accuracy:\s+(0\.\d+)", RegexOptions.Multiline);
        Assert.True(accuracy.Success, output);
        // Softmax regression with a 0.01 rate learns slowly, but 500 steps are well above chance (0.1).
        Assert.InRange(double.Parse(accuracy.Groups[1].Value, CultureInfo.InvariantCulture), 0.2, 1.0);
    }
}
