namespace GraphTrainer.Notebooks.Tests;

/// <summary>NotebookParameters.FromCommandLine: how a file-based app takes the parameters the runner takes with --set.</summary>
public class CommandLineParameterTests
{
    [Fact]
    public void Absent_options_keep_the_value()
    {
        Assert.Equal(1000, NotebookParameters.FromCommandLine(new[] { "--steps", "3" }, "epochs", 1000));
        // The test host's own command line has no --epochs either.
        Assert.Equal(7, NotebookParameters.FromCommandLine("epochs", 7));
    }

    [Fact]
    public void Both_spellings_convert_to_the_variable_type_and_the_last_wins()
    {
        Assert.Equal(3, NotebookParameters.FromCommandLine(new[] { "--epochs", "3" }, "epochs", 1000));
        Assert.Equal(0.25, NotebookParameters.FromCommandLine(new[] { "--learning_rate=0.25" }, "learning_rate", 0.5));
        Assert.Equal(0.1f, NotebookParameters.FromCommandLine(new[] { "--lr", "0.1" }, "lr", 0.5f));
        Assert.Equal("/tmp/x", NotebookParameters.FromCommandLine(new[] { "--dir=/tmp/x" }, "dir", "MNIST_data/"));
        Assert.Equal(5, NotebookParameters.FromCommandLine(new[] { "--epochs", "3", "--epochs=5" }, "epochs", 1));
    }

    [Fact]
    public void A_missing_or_unconvertible_value_is_an_error_naming_the_parameter()
    {
        var missing = Assert.Throws<ArgumentException>(() => NotebookParameters.FromCommandLine(new[] { "--epochs" }, "epochs", 1));
        Assert.Contains("--epochs needs a value", missing.Message);
        var bad = Assert.Throws<ArgumentException>(() => NotebookParameters.FromCommandLine(new[] { "--epochs", "many" }, "epochs", 1));
        Assert.Contains("Parameter 'epochs'", bad.Message);
    }
}
