using GraphTrainer.Cli;

namespace GraphTrainer.Tests.Cli;

/// <summary>The result of one in-process <c>graphtrainer</c> invocation.</summary>
public sealed record CliOutput(int ExitCode, string Out, string Error)
{
    /// <summary>The last non-empty line of stdout.</summary>
    public string LastLine => Out.TrimEnd().Split('\n').Last().TrimEnd('\r');

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";
}

/// <summary>Runs the CLI in-process with captured writers (non-interactive: plain progress lines, no colours).</summary>
internal static class CliRunner
{
    public static CliOutput Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.CreateDefault().Run(args, new CliContext(stdout, stderr));
        return new CliOutput(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Asserts a user error: the expected exit code, one clear message, and no stack trace.</summary>
    public static void AssertUserError(CliOutput result, int exitCode, string messagePart)
    {
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode}\n{result}");
        Assert.Contains(messagePart, result.Error);
        Assert.StartsWith("error: ", result.Error);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
    }
}
