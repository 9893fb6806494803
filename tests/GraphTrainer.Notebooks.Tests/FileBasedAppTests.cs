using System.Diagnostics;
using Xunit.Abstractions;

namespace GraphTrainer.Notebooks.Tests;

/// <summary>
/// CI runs every file-based app in notebooks/ as a user would — <c>dotnet run -c Release notebooks/NAME.cs -- ARGS</c>
/// — with the reduced parameters of <see cref="TutorialNotebook"/>, and checks the exit code and the printed accuracy.
/// Release reuses the engine that <c>dotnet test -c Release</c> just built, so each app only compiles itself.
/// </summary>
public class FileBasedAppTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(6);
    private readonly ITestOutputHelper _log;

    public FileBasedAppTests(ITestOutputHelper log) => _log = log;

    [Theory]
    [MemberData(nameof(TutorialNotebook.Names), MemberType = typeof(TutorialNotebook))]
    public void File_based_app_runs_and_prints_its_accuracy(string name)
    {
        var settings = TutorialNotebook.Get(name);
        var arguments = new List<string> { "run", "-c", "Release", Path.Combine("notebooks", name + ".cs"), "--" };
        arguments.AddRange(settings.CommandLine);

        var clock = Stopwatch.StartNew();
        var (exitCode, output) = Processes.Run("dotnet", arguments, RepositoryFiles.Root, Timeout);
        _log.WriteLine($"dotnet {string.Join(" ", arguments)}: exit {exitCode} after {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.True(exitCode == 0, $"dotnet {string.Join(" ", arguments)} exited with {exitCode}:\n{output}");
        var accuracies = settings.AccuraciesIn(output);
        Assert.True(accuracies.Count > 0, $"{name}.cs printed no accuracy matching {settings.Accuracy}. Output:\n{output}");
        Assert.All(accuracies, a => Assert.InRange(a, 0.0, 1.0));
        Assert.InRange(accuracies[^1], settings.MinimumAccuracy, 1.0);
    }

    [Fact]
    public void Every_app_has_ci_settings()
    {
        Assert.Equal(RepositoryFiles.AppNames(), TutorialNotebook.All.Select(n => n.Name).Order(StringComparer.Ordinal));
    }
}
