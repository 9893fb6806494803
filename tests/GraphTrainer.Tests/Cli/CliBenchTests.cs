using System.Globalization;

namespace GraphTrainer.Tests.Cli;

/// <summary><c>graphtrainer bench</c> prints metrics in the peer's line format and rejects bad arguments.</summary>
public class CliBenchTests
{
    [Fact]
    public void Overhead_bench_prints_one_metric_line_in_the_peers_format()
    {
        var r = CliRunner.Run("bench", "--only", "overhead");
        Assert.True(r.ExitCode == 0, r.ToString());
        var line = Assert.Single(r.Out.TrimEnd().Split('\n'));
        var parts = line.Split(' ');
        Assert.Equal(3, parts.Length);
        Assert.Equal("graphtrainer", parts[0]);
        Assert.Equal("sessrun_overhead_us", parts[1]);
        double us = double.Parse(parts[2], CultureInfo.InvariantCulture);
        Assert.True(us > 0 && us < 1000, $"sess.run overhead {us} µs");
        Assert.StartsWith("# GraphTrainer bench:", r.Error); // context goes to stderr, metrics alone to stdout
    }

    [Theory]
    [InlineData("unknown value 'everything' for --only; expected one of: mlp, gemm, overhead", "--only", "everything")]
    [InlineData("option --runs must be positive, got 0", "--runs", "0")]
    [InlineData("option --runs expects an integer, got 'many'", "--runs", "many")]
    [InlineData("unknown option '--fast' for 'bench'", "--fast")]
    public void Bad_arguments_are_usage_errors_naming_the_option(string message, params string[] args)
    {
        var r = CliRunner.Run(new[] { "bench" }.Concat(args).ToArray());
        CliRunner.AssertUserError(r, 2, message);
    }
}
