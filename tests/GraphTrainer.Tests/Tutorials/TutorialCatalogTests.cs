using GraphTrainer.Tutorials;

namespace GraphTrainer.Tests.Tutorials;

/// <summary>The tutorial program's command line (runs nothing that trains).</summary>
public class TutorialCatalogTests
{
    private static (int Code, string Out, string Err) RunCatalog(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        return (TutorialCatalog.Main(args, stdout, stderr), stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Help_lists_every_tutorial_and_the_as_printed_variant()
    {
        var (code, output, _) = RunCatalog("--help");
        Assert.Equal(0, code);
        foreach (var entry in TutorialCatalog.All) Assert.Contains(entry.Name, output);
        Assert.Contains("--as-printed: the seed's raw 0-255 pixels and Adam 0.005", output);
    }

    [Fact]
    public void As_printed_is_refused_by_a_tutorial_that_runs_as_printed_already()
    {
        var (code, _, error) = RunCatalog("single-layer", "--as-printed");
        Assert.Equal(2, code);
        Assert.Contains("single-layer has no --as-printed variant", error);
    }

    [Theory]
    [InlineData("no-such-tutorial")]
    [InlineData("layered-adam", "--epochs", "0")]
    [InlineData("layered-adam", "--fast")]
    public void Bad_arguments_exit_with_usage_code_2(params string[] args)
    {
        var (code, _, error) = RunCatalog(args);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error);
    }
}
