using System.Text.Json;

namespace GraphTrainer.Tests.Cli;

/// <summary>
/// One short real training run (1 epoch of the default MLP, <c>--json</c>) shared by the tests of
/// <see cref="CliRunTests"/>, so eval, predict, resume and the output checks cost one training run.
/// </summary>
public sealed class TrainedRunFixture : IDisposable
{
    public TrainedRunFixture()
    {
        Root = Directory.CreateTempSubdirectory("gt-cli-run-").FullName;
        RunDir = Path.Combine(Root, "run");
        Train = CliRunner.Run("train", "--epochs", "1", "--output", RunDir, "--json", "--log-every", "100");
        if (Train.ExitCode == 0)
            Json = JsonDocument.Parse(Train.Out);
    }

    /// <summary>Temporary directory holding the run and copies made by tests.</summary>
    public string Root { get; }

    /// <summary>The run directory of the shared training run.</summary>
    public string RunDir { get; }

    /// <summary>The training command's output.</summary>
    public CliOutput Train { get; }

    /// <summary>Its JSON document (null if it failed; the tests then report <see cref="Train"/>).</summary>
    public JsonDocument Json { get; }

    /// <summary>A fresh copy of the run directory, for tests that modify or extend it.</summary>
    public string CopyRun(string name)
    {
        string target = Path.Combine(Root, name);
        foreach (string file in Directory.EnumerateFiles(RunDir, "*", SearchOption.AllDirectories))
        {
            string dest = Path.Combine(target, Path.GetRelativePath(RunDir, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest));
            File.Copy(file, dest);
        }
        return target;
    }

    public void Dispose()
    {
        Json?.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
