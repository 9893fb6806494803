using GraphTrainer.Cli;
using GraphTrainer.Cli.Commands;

namespace GraphTrainer.Tests.Cli;

/// <summary>One parser for every command: --version, help, suggestions, error lines and exit codes behave the same.</summary>
public class CliParserTests
{
    [Fact]
    public void Version_prints_the_assembly_version()
    {
        var r = CliRunner.Run("--version");
        Assert.Equal(ExitCodes.Success, r.ExitCode);
        Assert.Equal(CliApp.Version, r.Out.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+", r.Out.Trim());
    }

    [Theory]
    [InlineData("train", "--batch-size")]
    [InlineData("eval", "--checkpoint")]
    [InlineData("predict", "--image")]
    [InlineData("bench", "--runs")]
    public void Help_COMMAND_equals_COMMAND_help_and_succeeds(string command, string option)
    {
        var viaHelp = CliRunner.Run("help", command);
        var viaFlag = CliRunner.Run(command, "--help");
        Assert.Equal(ExitCodes.Success, viaHelp.ExitCode);
        Assert.Equal(ExitCodes.Success, viaFlag.ExitCode);
        Assert.Equal(viaFlag.Out, viaHelp.Out);
        Assert.Contains($"graphtrainer {command} [OPTIONS]", viaHelp.Out);
        Assert.Contains(option, viaHelp.Out);
        Assert.Contains("EXIT CODES:", viaHelp.Out);
    }

    [Fact]
    public void Notebook_run_help_lists_its_options_and_train_help_lists_the_models()
    {
        var notebook = CliRunner.Run("notebook", "run", "--help");
        Assert.Equal(ExitCodes.Success, notebook.ExitCode);
        Assert.Contains("--set <NAME=VALUE>", notebook.Out);
        Assert.Contains("<FILE>", notebook.Out);

        var train = CliRunner.Run("help", "train");
        Assert.Contains("MODELS:", train.Out);
        Assert.Matches(@"\n\s+mlp\s+multilayer perceptron", train.Out);
        Assert.Matches(@"\n\s+softmax\s+multinomial logistic regression", train.Out);
        Assert.DoesNotContain("handwritten", train.Out);
    }

    [Fact]
    public void A_mistyped_command_gets_a_suggestion()
    {
        CliRunner.AssertUserError(CliRunner.Run("trian"), ExitCodes.Usage, "unknown command 'trian'; expected one of: train, eval, predict, notebook, bench (did you mean 'train'?)");
        CliRunner.AssertUserError(CliRunner.Run("evl", "-c", "x"), ExitCodes.Usage, "(did you mean 'eval'?)");
    }

    [Fact]
    public void Stray_arguments_and_unknown_subcommands_are_usage_errors_naming_them()
    {
        CliRunner.AssertUserError(CliRunner.Run("train", "extra"), ExitCodes.Usage, "unexpected argument 'extra' for 'train'; 'train' takes options only");
        CliRunner.AssertUserError(CliRunner.Run("notebook", "rn", "x.ipynb"), ExitCodes.Usage, "unknown command 'notebook rn'; expected: notebook run (did you mean 'notebook run'?)");
        var bare = CliRunner.Run("notebook");
        Assert.Equal(ExitCodes.Usage, bare.ExitCode);
        Assert.Contains("graphtrainer notebook [OPTIONS] <COMMAND>", bare.Out);
    }

    [Theory]
    [InlineData("train", "--optimiser", "--optimizer")]
    [InlineData("eval", "--chekpoint", "--checkpoint")]
    [InlineData("predict", "--imag", "--image")]
    [InlineData("bench", "--run", "--runs")]
    public void A_mistyped_option_gets_a_suggestion_for_every_command(string command, string typo, string meant)
    {
        var r = CliRunner.Run(command, typo, "1");
        CliRunner.AssertUserError(r, ExitCodes.Usage, $"unknown option '{typo}' for '{command}' (did you mean {meant}?)");
    }

    [Fact]
    public void A_mistyped_choice_gets_a_suggestion()
    {
        CliRunner.AssertUserError(CliRunner.Run("train", "--optimizer", "adma"), ExitCodes.Usage, "(did you mean 'adam'?)");
    }

    [Fact]
    public void An_option_followed_by_another_option_is_missing_its_value_and_nothing_is_created()
    {
        string cwd = Directory.GetCurrentDirectory();
        var r = CliRunner.Run("train", "--output", "--quiet");
        CliRunner.AssertUserError(r, ExitCodes.Usage, "option --output needs a value (DIR), got the option '--quiet'");
        Assert.False(Directory.Exists(Path.Combine(cwd, "--quiet")));
        Assert.False(Directory.Exists(Path.Combine(cwd, "__default_command")));
        CliRunner.AssertUserError(CliRunner.Run("eval", "-c"), ExitCodes.Usage, "option -c needs a value (PATH)");
    }

    [Fact]
    public void Bench_runs_zero_blames_runs()
    {
        CliRunner.AssertUserError(CliRunner.Run("bench", "--runs", "0"), ExitCodes.Usage, "option --runs must be positive, got 0");
    }

    [Fact]
    public void Notebook_run_hands_a_canonical_argument_list_to_the_notebook_package()
    {
        var settings = new NotebookRunSettings { File = "a.ipynb", Output = "b.ipynb", Set = new[] { "epochs=1", "name=x=y" }, Timeout = "30" };
        var args = NotebookRunCommand.Handover(settings);
        var expected = new[] { "run", "a.ipynb", "--output", "b.ipynb", "--set", "epochs=1", "--set", "name=x=y", "--timeout", "30" }
            .Concat(NotebookRunCommand.EngineReferences.SelectMany(r => new[] { "--reference", r }));
        Assert.Equal(expected, args);

        CliRunner.AssertUserError(CliRunner.Run("notebook", "run", "a.ipynb", "--set", "epochs"), ExitCodes.Usage, "option --set expects NAME=VALUE, got 'epochs'");
        CliRunner.AssertUserError(CliRunner.Run("notebook", "run"), ExitCodes.Usage, "missing required argument 'FILE'");
    }

    [Fact]
    public void An_internal_error_is_one_line_with_the_path_of_the_full_trace()
    {
        var (code, message) = ErrorReport.Describe(new InvalidOperationException("boom\nsecond line"), new[] { "train" });
        Assert.Equal(ExitCodes.InternalError, code);
        Assert.StartsWith("internal error (InvalidOperationException: boom); full trace written to ", message);
        string path = message[(message.LastIndexOf(" to ", StringComparison.Ordinal) + 4)..];
        try
        {
            Assert.Contains("System.InvalidOperationException: boom", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
