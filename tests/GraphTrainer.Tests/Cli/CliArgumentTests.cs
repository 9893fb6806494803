using GraphTrainer.Cli;
using GraphTrainer.Cli.Commands;

namespace GraphTrainer.Tests.Cli;

/// <summary>Usage errors are reported in one line with exit code 2 (runtime problems: 1), before any graph is built.</summary>
public class CliArgumentTests
{
    [Fact]
    public void Unknown_optimizer_is_a_usage_error_listing_the_choices()
    {
        var r = CliRunner.Run("train", "--optimizer", "adamw");
        CliRunner.AssertUserError(r, ExitCodes.Usage, "unknown value 'adamw' for --optimizer; expected one of: sgd, momentum, adam, rmsprop, adagrad");
    }

    [Fact]
    public void Unknown_model_is_a_usage_error()
    {
        var r = CliRunner.Run("train", "--model", "resnet");
        CliRunner.AssertUserError(r, ExitCodes.Usage, "unknown value 'resnet' for --model");
    }

    [Theory]
    [InlineData("--epochs", "-3", "option --epochs must be positive, got -3")]
    [InlineData("--epochs", "0", "option --epochs must be positive, got 0")]
    [InlineData("--batch-size", "0", "option --batch-size must be positive, got 0")]
    [InlineData("--lr", "-0.1", "option --lr must be positive, got -0.1")]
    [InlineData("--lr", "fast", "option --lr expects a number, got 'fast'")]
    [InlineData("--hidden", "300,0", "option --hidden sizes must be positive, got 0")]
    [InlineData("--epochs", "two", "option --epochs expects an integer, got 'two'")]
    public void Invalid_numbers_are_usage_errors_naming_option_and_value(string option, string value, string message)
    {
        var r = CliRunner.Run("train", option, value);
        CliRunner.AssertUserError(r, ExitCodes.Usage, message);
    }

    [Fact]
    public void Unknown_option_suggests_the_nearest_one()
    {
        var r = CliRunner.Run("train", "--epoch", "3");
        CliRunner.AssertUserError(r, ExitCodes.Usage, "unknown option '--epoch' for 'train' (did you mean --epochs?)");
    }

    [Fact]
    public void Missing_value_and_conflicting_flags_are_usage_errors()
    {
        CliRunner.AssertUserError(CliRunner.Run("train", "--epochs"), ExitCodes.Usage, "option --epochs needs a value (N)");
        CliRunner.AssertUserError(CliRunner.Run("train", "--quiet", "--json"), ExitCodes.Usage, "--quiet and --json cannot be combined");
        CliRunner.AssertUserError(CliRunner.Run("train", "--model", "softmax", "--hidden", "100"), ExitCodes.Usage, "--hidden applies to --model mlp only");
    }

    [Fact]
    public void Missing_data_directory_is_a_runtime_error_naming_it()
    {
        string missing = Path.Combine(Path.GetTempPath(), "gt-cli-no-such-dir-" + Guid.NewGuid().ToString("N"));
        string output = missing + "-run";
        var r = CliRunner.Run("train", "--data", missing, "--output", output, "--quiet");
        CliRunner.AssertUserError(r, ExitCodes.Failure, $"data directory not found: {missing}");
        Assert.False(Directory.Exists(output), "a failed start must not leave a run directory behind");
    }

    [Fact]
    public void Data_directory_without_the_files_names_the_missing_files()
    {
        string empty = Directory.CreateTempSubdirectory("gt-cli-empty-").FullName;
        try
        {
            var r = CliRunner.Run("train", "--data", empty, "--quiet");
            CliRunner.AssertUserError(r, ExitCodes.Failure, "lacks train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz");
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void Eval_and_predict_need_a_checkpoint_that_exists()
    {
        CliRunner.AssertUserError(CliRunner.Run("eval"), ExitCodes.Usage, "eval needs --checkpoint PATH");
        string missing = Path.Combine(Path.GetTempPath(), "gt-cli-missing-" + Guid.NewGuid().ToString("N"));
        CliRunner.AssertUserError(CliRunner.Run("eval", "--checkpoint", missing), ExitCodes.Failure, $"checkpoint not found: {missing}");
        CliRunner.AssertUserError(CliRunner.Run("predict", "--checkpoint", missing), ExitCodes.Usage, "predict needs --image N");
        CliRunner.AssertUserError(CliRunner.Run("predict", "--checkpoint", missing, "--image", "3"), ExitCodes.Failure, "checkpoint not found");
    }

    [Fact]
    public void Resume_without_a_run_directory_is_a_runtime_error()
    {
        string missing = Path.Combine(Path.GetTempPath(), "gt-cli-missing-" + Guid.NewGuid().ToString("N"));
        CliRunner.AssertUserError(CliRunner.Run("train", "--resume", "--output", missing), ExitCodes.Failure, $"run directory not found: {missing}");
    }

    [Fact]
    public void Unknown_command_and_no_command_are_usage_errors_and_help_succeeds()
    {
        CliRunner.AssertUserError(CliRunner.Run("fit"), ExitCodes.Usage, "unknown command 'fit'; expected one of: train, eval, predict, notebook");
        var none = CliRunner.Run();
        Assert.Equal(ExitCodes.Usage, none.ExitCode);
        Assert.Contains("graphtrainer [OPTIONS] <COMMAND>", none.Out);

        var help = CliRunner.Run("train", "--help");
        Assert.Equal(ExitCodes.Success, help.ExitCode);
        foreach (string option in new[] { "--model", "--hidden", "--optimizer", "--lr", "--epochs", "--batch-size", "--seed", "--data", "--output", "--resume", "--quiet", "--json" })
            Assert.Contains(option, help.Out);
    }

    [Fact]
    public void Notebook_command_delegates_and_reports_usage_errors()
    {
        var r = CliRunner.Run("notebook", "run", Path.Combine(Path.GetTempPath(), "no-such-notebook.ipynb"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no-such-notebook.ipynb", r.Error);
        Assert.True(File.Exists(NotebookRunCommand.EngineReferences.Single()));
        Assert.Equal("GraphTrainer.dll", Path.GetFileName(NotebookRunCommand.EngineReferences.Single()));
    }
}
