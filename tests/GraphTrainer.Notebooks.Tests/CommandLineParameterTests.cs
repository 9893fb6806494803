namespace GraphTrainer.Notebooks.Tests;

/// <summary>NotebookParameters: a file-based app takes parameters as options, a notebook in the kernel from the environment.</summary>
public class CommandLineParameterTests
{
    [Fact]
    public void Absent_options_keep_the_value()
    {
        Assert.Equal(1000, NotebookParameters.FromCommandLine(new[] { "--steps", "3" }, "epochs", 1000));
        // The test host's own command line has no --epochs, nor its environment GRAPHTRAINER_PARAM_epochs.
        Assert.Equal(7, NotebookParameters.Get("epochs", 7));
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

    [Fact]
    public void The_environment_variable_applies_when_the_command_line_has_no_option()
    {
        var environment = new Dictionary<string, string> { ["GRAPHTRAINER_PARAM_epochs"] = "2", ["GRAPHTRAINER_PARAM_lr"] = "0.5" };
        string Lookup(string name) => environment.GetValueOrDefault(name);

        Assert.Equal(2, NotebookParameters.Get(Array.Empty<string>(), Lookup, "epochs", 10));
        Assert.Equal(0.5, NotebookParameters.Get(Array.Empty<string>(), Lookup, "lr", 0.001));
        Assert.Equal(4, NotebookParameters.Get(new[] { "--epochs", "4" }, Lookup, "epochs", 10));   // the command line wins
        Assert.Equal(100, NotebookParameters.Get(Array.Empty<string>(), Lookup, "batch_size", 100));
        Assert.Equal(10, NotebookParameters.Get(Array.Empty<string>(), Lookup, "EPOCHS", 10));      // names are exact
    }
}
