using System.Diagnostics;

namespace GraphTrainer.Notebooks.Tests;

/// <summary>
/// The repository's notebooks and the built assemblies their <c>#r</c> lines point at
/// (<c>../src/X/bin/Release/net10.0/X.dll</c>, relative to <c>notebooks/</c>).
/// </summary>
internal static class RepositoryFiles
{

    /// <summary>The repository root: the nearest ancestor of the test's bin folder holding GraphTrainer.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary><c>notebooks/</c>.</summary>
    public static string NotebooksDirectory => Path.Combine(Root, "notebooks");

    /// <summary>Where the tests write executed notebooks (<c>data/runs/notebooks</c>, git-ignored).</summary>
    public static string ExecutedDirectory
    {
        get
        {
            string path = Path.Combine(Root, "data", "runs", "notebooks");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    /// <summary>Names (without extension) of the file-based apps in <c>notebooks/</c>.</summary>
    public static IReadOnlyList<string> AppNames() =>
        Directory.GetFiles(NotebooksDirectory, "*.cs").Select(p => Path.GetFileNameWithoutExtension(p)!).Order(StringComparer.Ordinal).ToList();

    /// <summary>Names (without extension) of the notebooks in <c>notebooks/</c> (executed copies excluded).</summary>
    public static IReadOnlyList<string> NotebookNames() =>
        Directory.GetFiles(NotebooksDirectory, "*.ipynb")
            .Select(p => Path.GetFileNameWithoutExtension(p)!)
            .Where(n => !n.EndsWith(".executed", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GraphTrainer.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No GraphTrainer.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>Runs child processes with their output captured and a time limit.</summary>
internal static class Processes
{
    /// <summary>
    /// Runs <paramref name="fileName"/> and returns its exit code and interleaved stdout/stderr. MSBuild node reuse and
    /// the compiler server are turned off so no build process outlives the command (one that did would keep the
    /// output pipes open). A process past <paramref name="timeout"/> is killed and the test fails with its output.
    /// </summary>
    public static (int ExitCode, string Output) Run(string fileName, IEnumerable<string> arguments, string workingDirectory,
        TimeSpan timeout, IReadOnlyDictionary<string, string> environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        // The test host runs under `dotnet test`, whose MSBuild variables would point a child build at the wrong SDK pieces.
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;

        var output = new System.Text.StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (output)
                Assert.Fail($"{fileName} {string.Join(" ", arguments)} did not finish within {timeout.TotalSeconds:0} s; output so far:\n{output}");
        }
        // The parameterless wait also drains the asynchronous output readers.
        process.WaitForExit();
        lock (output)
            return (process.ExitCode, output.ToString());
    }
}
