namespace GraphTrainer.Notebooks.Tests;

/// <summary>
/// A user's own file-based app, written into a fresh folder outside the repository (so none of its build settings
/// apply) and run with <c>dotnet run app.cs</c>: with <c>#:project</c> and with <c>#:package</c> from a local feed, and
/// no property lines. File-based apps default to PublishAot=true, under which NumSharp's arithmetic used to throw.
/// </summary>
public class NewFileBasedAppTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    // x·W for x = [[1, 2]] and W = [[1, 2], [3, 4]] is [[7, 10]]; NumSharp's a + a for a = [1, 2, 3] is [2, 4, 6].
    private const string Program = """
        using GraphTrainer;
        using NumSharp;

        var x = tf.placeholder(tf.float32, new[] { 1, 2 }, name: "x");
        var W = tf.constant(new float[,] { { 1, 2 }, { 3, 4 } });
        using var sess = tf.Session();
        var y = sess.run(tf.matmul(x, W), new FeedItem(x, np.array(new float[,] { { 1, 2 } })));
        Console.WriteLine($"matmul {string.Join(" ", y.ToArray<float>())}");
        var a = np.array(new float[] { 1, 2, 3 });
        Console.WriteLine($"numsharp {string.Join(" ", (a + a).ToArray<float>())}");
        """;

    [Fact]
    public void An_app_referencing_the_project_runs_without_property_lines()
    {
        using var dir = new TempDirectory();
        string project = Path.Combine(RepositoryFiles.Root, "src", "GraphTrainer", "GraphTrainer.csproj");
        File.WriteAllText(dir.File("app.cs"), $"#:project {project}\n{Program}\n");

        // Release reuses the engine `dotnet test -c Release` built.
        var (exitCode, output) = Processes.Run("dotnet", new[] { "run", "-c", "Release", "app.cs" }, dir.Path, Timeout);

        AssertRan(exitCode, output);
        // The engine's own build adds no warnings. (NumSharp's analyzer still reaches a project reference's consumer,
        // so it may advise on the app's own NDArray lines; a package reference excludes it, as checked below.)
        Assert.DoesNotContain(output.Split('\n'), line => line.Contains("warning", StringComparison.Ordinal) && !line.StartsWith(dir.File("app.cs"), StringComparison.Ordinal));
    }

    [Fact]
    public void An_app_referencing_the_package_from_a_local_feed_runs_without_property_lines()
    {
        using var dir = new TempDirectory();
        // A version of its own, so neither an earlier run's copy in the NuGet cache nor artifacts/packages is used.
        string version = $"{PercentScript.PackageVersion}-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        string feed = dir.File("feed");
        var (packed, packOutput) = Processes.Run("dotnet",
            new[] { "pack", Path.Combine(RepositoryFiles.Root, "src", "GraphTrainer", "GraphTrainer.csproj"), "-c", "Release", "--no-build",
                    "-o", feed, $"-p:Version={version}", "-p:IncludeSymbols=false" },
            RepositoryFiles.Root, Timeout);
        Assert.True(packed == 0, $"dotnet pack failed:\n{packOutput}");
        File.WriteAllText(dir.File("nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="graphtrainer-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(dir.File("app.cs"), $"#:package GraphTrainer@{version}\n{Program}\n");
        string cached = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), "graphtrainer", version);
        try
        {
            var (exitCode, output) = Processes.Run("dotnet", new[] { "run", "app.cs" }, dir.Path, Timeout);
            AssertRan(exitCode, output);
            // No NumSharp analyzer warnings (NDW0xx) or others in the user's build.
            Assert.DoesNotContain("warning", output);
        }
        finally
        {
            if (Directory.Exists(cached))
                Directory.Delete(cached, recursive: true);
        }
    }

    private static void AssertRan(int exitCode, string output)
    {
        Assert.True(exitCode == 0, $"dotnet run app.cs exited with {exitCode}:\n{output}");
        Assert.Contains("matmul 7 10", output);
        Assert.Contains("numsharp 2 4 6", output);
    }
}
