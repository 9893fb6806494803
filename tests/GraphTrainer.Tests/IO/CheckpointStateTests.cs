using GraphTrainer.IO;

namespace GraphTrainer.Tests.IO;

public class CheckpointStateTests
{
    private static string Save(string dir, int step)
    {
        string prefix = Path.Combine(dir, $"model.ckpt-{step}");
        CheckpointWriter.Write(prefix, [CheckpointEntry.FromValues<long>("global_step", [], [step])]);
        return prefix;
    }

    [Fact]
    public void TextFormatMatchesTensorFlow()
    {
        var state = new CheckpointState("model.ckpt-1000", ["model.ckpt-900"]);
        Assert.Equal(
            "model_checkpoint_path: \"model.ckpt-1000\"\n" +
            "all_model_checkpoint_paths: \"model.ckpt-900\"\n" +
            "all_model_checkpoint_paths: \"model.ckpt-1000\"\n",
            state.ToText());
    }

    [Fact]
    public void ParsesTensorFlowWrittenStateWithExtraFieldsAndEscapes()
    {
        string text =
            "model_checkpoint_path: \"/tmp/run \\\"a\\\"/model.ckpt-20\"\n" +
            "all_model_checkpoint_paths: \"/tmp/run \\\"a\\\"/model.ckpt-10\"\n" +
            "all_model_checkpoint_paths: '/tmp/run \\\"a\\\"/model.ckpt-20'\n" +
            "all_model_checkpoint_timestamps: 1600000000.5\n" +
            "last_preserved_timestamp: 1599999999.25\n";
        CheckpointState s = CheckpointState.Parse(text);
        Assert.Equal("/tmp/run \"a\"/model.ckpt-20", s.ModelCheckpointPath);
        Assert.Equal(new[] { "/tmp/run \"a\"/model.ckpt-10", "/tmp/run \"a\"/model.ckpt-20" }, s.AllModelCheckpointPaths);
    }

    [Fact]
    public void NonAsciiPathsRoundTripAsOctalEscapes()
    {
        var s = new CheckpointState("données/ckpt-1");
        string text = s.ToText();
        Assert.Contains("\\303\\251", text); // UTF-8 of 'é', escaped as text_format does
        Assert.Equal("données/ckpt-1", CheckpointState.Parse(text).ModelCheckpointPath);
    }

    [Theory]
    [InlineData("")]
    [InlineData("model_checkpoint_path model.ckpt")]
    [InlineData("model_checkpoint_path: model.ckpt")]
    [InlineData("model_checkpoint_path: \"bad\\q\"")]
    [InlineData("all_model_checkpoint_paths: \"a\"")]
    public void MalformedTextIsAFormatException(string text)
    {
        Assert.Throws<FormatException>(() => CheckpointState.Parse(text));
    }

    [Fact]
    public void LatestCheckpointFollowsTheStateFile()
    {
        using var dir = new TempDirectory();
        Assert.Null(CheckpointManagement.LatestCheckpoint(dir.Path));

        string p1 = Save(dir.Path, 1);
        CheckpointManagement.RecordCheckpoint(dir.Path, p1, maxToKeep: 5);
        Assert.Equal(p1, CheckpointManagement.LatestCheckpoint(dir.Path));

        string p2 = Save(dir.Path, 2);
        CheckpointManagement.RecordCheckpoint(dir.Path, p2, maxToKeep: 5);
        Assert.Equal(p2, CheckpointManagement.LatestCheckpoint(dir.Path));
        Assert.Equal(2L, CheckpointReader.Read(CheckpointManagement.LatestCheckpoint(dir.Path))["global_step"].ToArray<long>()[0]);

        // Paths inside the directory are stored relative, as in TensorFlow's checkpoint file.
        Assert.Equal(
            "model_checkpoint_path: \"model.ckpt-2\"\n" +
            "all_model_checkpoint_paths: \"model.ckpt-1\"\n" +
            "all_model_checkpoint_paths: \"model.ckpt-2\"\n",
            File.ReadAllText(dir.Combine("checkpoint")));

        // A state naming a checkpoint whose file is gone yields null, not a dangling path.
        File.Delete(p2 + ".gtckpt");
        Assert.Null(CheckpointManagement.LatestCheckpoint(dir.Path));
    }

    [Fact]
    public void MovedRunDirectoryStillResolves()
    {
        using var dir = new TempDirectory();
        string run = dir.Combine("run");
        Directory.CreateDirectory(run);
        CheckpointManagement.RecordCheckpoint(run, Save(run, 3), maxToKeep: 0);
        string moved = dir.Combine("moved");
        Directory.Move(run, moved);
        Assert.Equal(Path.Combine(moved, "model.ckpt-3"), CheckpointManagement.LatestCheckpoint(moved));
    }

    [Fact]
    public void MaxToKeepDeletesTheOldestCheckpoints()
    {
        using var dir = new TempDirectory();
        var deleted = new List<string>();
        for (int step = 1; step <= 5; step++)
            deleted.AddRange(CheckpointManagement.RecordCheckpoint(dir.Path, Save(dir.Path, step), maxToKeep: 3));

        Assert.Equal(new[] { dir.Combine("model.ckpt-1"), dir.Combine("model.ckpt-2") }, deleted);
        Assert.Equal(
            new[] { "checkpoint", "model.ckpt-3.gtckpt", "model.ckpt-4.gtckpt", "model.ckpt-5.gtckpt" },
            dir.FileNames());
        CheckpointState state = CheckpointManagement.GetCheckpointState(dir.Path);
        Assert.Equal(new[] { 3, 4, 5 }.Select(s => dir.Combine($"model.ckpt-{s}")), state.AllModelCheckpointPaths);
        Assert.Equal(dir.Combine("model.ckpt-5"), state.ModelCheckpointPath);
    }

    [Fact]
    public void MaxToKeepZeroKeepsAllAndResavingDoesNotDuplicate()
    {
        using var dir = new TempDirectory();
        for (int step = 1; step <= 4; step++)
            Assert.Empty(CheckpointManagement.RecordCheckpoint(dir.Path, Save(dir.Path, step), maxToKeep: 0));
        // Saving step 2 again moves it to the end instead of listing it twice.
        CheckpointManagement.RecordCheckpoint(dir.Path, Save(dir.Path, 2), maxToKeep: 0);
        CheckpointState state = CheckpointManagement.GetCheckpointState(dir.Path);
        Assert.Equal(new[] { 1, 3, 4, 2 }.Select(s => dir.Combine($"model.ckpt-{s}")), state.AllModelCheckpointPaths);
        Assert.Equal(5, dir.FileNames().Length);
    }

    [Fact]
    public void MalformedStateFileNamesTheFile()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("checkpoint"), "garbage without colon\n");
        var ex = Assert.Throws<FormatException>(() => CheckpointManagement.LatestCheckpoint(dir.Path));
        Assert.Contains(dir.Combine("checkpoint"), ex.Message);
    }

    [Fact]
    public void CustomStateFileNameIsIndependent()
    {
        using var dir = new TempDirectory();
        string p = Save(dir.Path, 7);
        CheckpointManagement.RecordCheckpoint(dir.Path, p, 2, stateFileName: "eval_checkpoint");
        Assert.Null(CheckpointManagement.LatestCheckpoint(dir.Path));
        Assert.Equal(p, CheckpointManagement.LatestCheckpoint(dir.Path, "eval_checkpoint"));
    }
}
