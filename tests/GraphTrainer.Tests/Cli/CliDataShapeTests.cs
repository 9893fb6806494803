using System.Text.Json;
using GraphTrainer.Cli;
using GraphTrainer.Cli.Model;

namespace GraphTrainer.Tests.Cli;

/// <summary><c>train --data</c> on idx datasets that are not MNIST-shaped: sizes and classes come from the files.</summary>
[Collection("DefaultGraph")]
public class CliDataShapeTests
{
    [Fact]
    public void A_14x14_uncompressed_set_with_three_named_classes_trains_evaluates_and_predicts_by_name()
    {
        using var set = new SyntheticIdxSet(rows: 14, cols: 14, classes: 3, classNames: new[] { "red", "green", "blue" });
        string run = set.RunPath("small");
        var r = CliRunner.Run("train", "--data", set.Dir, "--output", run, "--epochs", "3", "--batch-size", "20", "--hidden", "16");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("on 220 images of 14x14 in 3 classes", r.Out);
        Assert.Contains("mlp 196-16-3 relu", r.Out);

        var config = RunConfig.Load(run);
        Assert.Equal((14, 14, 196, 3), (config.ImageHeight, config.ImageWidth, config.Inputs, config.Classes));
        Assert.Equal(new[] { "red", "green", "blue" }, config.ClassNames);

        var eval = CliRunner.Run("eval", "--checkpoint", run, "--json");
        Assert.True(eval.ExitCode == 0, eval.ToString());
        using (var doc = JsonDocument.Parse(eval.Out))
            Assert.Equal(60, doc.RootElement.GetProperty("splits").GetProperty("test").GetProperty("examples").GetInt32());

        // Test image 1 has label 7 % 3 = 1: "green".
        var predict = CliRunner.Run("predict", "--checkpoint", run, "--image", "1");
        Assert.True(predict.ExitCode == 0, predict.ToString());
        Assert.Contains("True label: green", predict.Out);
        Assert.Contains("red", predict.Out);
        Assert.Contains("blue", predict.Out);
        // 14 columns of art, 7 text lines of two pixel rows each, plus the frame.
        Assert.Contains("┌" + new string('─', 14) + "┐", predict.Out);
    }

    [Fact]
    public void A_20x20_gzip_set_with_twelve_classes_trains_and_class_names_come_from_the_option()
    {
        using var set = new SyntheticIdxSet(train: 300, test: 40, rows: 20, cols: 20, classes: 12, gzip: true);
        string run = set.RunPath("twelve");
        string names = string.Join(",", Enumerable.Range(0, 12).Select(i => $"c{i}"));
        var r = CliRunner.Run("train", "--data", set.Dir, "--output", run, "--epochs", "1", "--class-names", names, "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using var doc = JsonDocument.Parse(r.Out);
        var config = doc.RootElement.GetProperty("config");
        Assert.Equal(400, config.GetProperty("inputs").GetInt32());
        Assert.Equal(12, config.GetProperty("classes").GetInt32());
        Assert.Equal("c11", config.GetProperty("classNames")[11].GetString());
    }

    [Fact]
    public void A_set_of_100_images_trains_with_a_batch_that_fits_and_a_batch_too_large_is_a_usage_error()
    {
        using var set = new SyntheticIdxSet(train: 100, test: 20, rows: 28, cols: 28, classes: 10);
        var r = CliRunner.Run("train", "--data", set.Dir, "--output", set.RunPath("hundred"), "--epochs", "1", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        // 100 / 12 = 8 validation images, 92 for training: the default batch of 100 shrinks to 92.
        Assert.Equal(92, RunConfig.Load(set.RunPath("hundred")).BatchSize);

        string tooLarge = set.RunPath("too-large");
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", set.Dir, "--output", tooLarge, "--batch-size", "100000"),
            ExitCodes.Usage, "--batch-size 100000 is larger than the 92 training examples in");
        Assert.False(Directory.Exists(tooLarge), "a refused start must not leave a run directory");
    }

    [Fact]
    public void Evaluating_on_data_of_another_shape_names_both_shapes()
    {
        using var small = new SyntheticIdxSet(rows: 14, cols: 14, classes: 3);
        using var other = new SyntheticIdxSet(rows: 20, cols: 20, classes: 3);
        string run = small.RunPath("r");
        Assert.Equal(0, CliRunner.Run("train", "--data", small.Dir, "--output", run, "--epochs", "1", "--quiet").ExitCode);
        CliRunner.AssertUserError(CliRunner.Run("eval", "--checkpoint", run, "--data", other.Dir), ExitCodes.Failure,
            "has 20x20 images, but the model was trained on 14x14");
    }

    [Fact]
    public void Class_names_that_do_not_cover_the_labels_are_a_clear_error()
    {
        using var set = new SyntheticIdxSet(classes: 3);
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", set.Dir, "--output", set.RunPath("x"), "--class-names", "a,b"),
            ExitCodes.Failure, "label 2 in");
    }
}
