using System.Diagnostics;
using System.Text.RegularExpressions;
using GraphTrainer.Cli;

namespace GraphTrainer.Tests.Cli;

/// <summary>Ctrl+C during <c>train</c> saves a checkpoint at the current step, says how to resume, and exits 130.</summary>
[Collection("DefaultGraph")]
public class CliInterruptTests
{
    private static readonly Regex Interrupted = new(@"^interrupted: saved (\S+) at step (\d+); resume with: graphtrainer train --resume --output ""([^""]+)""$");

    [Fact]
    public void Cancellation_saves_at_the_current_step_and_resuming_matches_an_uninterrupted_run_bitwise()
    {
        using var set = new SyntheticIdxSet();
        string straight = set.RunPath("straight"), stopped = set.RunPath("stopped");
        string[] common = { "--data", set.Dir, "--batch-size", "20", "--hidden", "16" };
        Assert.Equal(0, CliRunner.Run(new[] { "train", "--output", straight, "--epochs", "3", "--quiet" }.Concat(common).ToArray()).ExitCode);

        // The token the Ctrl+C handler cancels, cancelled here when the first epoch's line is printed.
        using var interrupt = new CancellationTokenSource();
        var stdout = new CancelOnText("Epoch 1/3", interrupt);
        var stderr = new StringWriter();
        int code = CliApp.CreateDefault().Run(new[] { "train", "--output", stopped, "--epochs", "3" }.Concat(common).ToArray(),
            new CliContext(stdout, stderr, cancellation: interrupt.Token));

        Assert.True(code == ExitCodes.Interrupted, $"exit {code}\n{stdout}\n{stderr}");
        var match = Interrupted.Match(stderr.ToString().Trim());
        Assert.True(match.Success, stderr.ToString());
        Assert.Equal("11", match.Groups[2].Value);
        Assert.Equal(Path.Combine(stopped, "model.ckpt-11"), match.Groups[1].Value);
        Assert.Equal(match.Groups[1].Value, tf.train.latest_checkpoint(stopped));
        Assert.DoesNotContain("Epoch 2/3", stdout.ToString());

        var resumed = CliRunner.Run(new[] { "train", "--resume", "--output", stopped, "--quiet" }.Concat(common).ToArray());
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        CliReliabilityTests.AssertSameTensors(Path.Combine(straight, "model.ckpt-33"), Path.Combine(stopped, "model.ckpt-33"));
    }

    [Fact]
    public void SIGINT_to_a_training_process_saves_a_checkpoint_and_exits_130()
    {
        if (OperatingSystem.IsWindows())
            return; // POSIX signals only; Windows delivers Ctrl+C to the console, not to one process.
        using var set = new SyntheticIdxSet();
        string run = set.RunPath("sigint");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { typeof(CliApp).Assembly.Location, "train", "--data", set.Dir, "--output", run, "--epochs", "100000", "--batch-size", "20", "--hidden", "16" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderrTask = process.StandardError.ReadToEndAsync();
        string line;
        while ((line = process.StandardOutput.ReadLine()) != null && !line.StartsWith("Epoch 1/", StringComparison.Ordinal)) { }
        Assert.NotNull(line);
        using (var kill = Process.Start("kill", new[] { "-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })!)
            kill.WaitForExit();
        process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "the process did not stop after SIGINT");
        string stderr = stderrTask.Result;

        Assert.True(process.ExitCode == ExitCodes.Interrupted, $"exit {process.ExitCode}\n{stderr}");
        var match = Interrupted.Match(stderr.Trim());
        Assert.True(match.Success, stderr);
        Assert.Equal(match.Groups[1].Value, tf.train.latest_checkpoint(run));
        Assert.EndsWith("-" + match.Groups[2].Value, match.Groups[1].Value);
        Assert.Equal(run, match.Groups[3].Value);
    }

    /// <summary>Collects output and cancels a token once <paramref name="text"/> has been written.</summary>
    private sealed class CancelOnText(string text, CancellationTokenSource source) : StringWriter
    {
        public override void WriteLine(string value)
        {
            base.WriteLine(value);
            if (value != null && value.Contains(text, StringComparison.Ordinal))
                source.Cancel();
        }
    }
}
